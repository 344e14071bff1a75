/**
 * Diagnostics of the zod emitter (TW2xxx). Each names the JSON pointer of the
 * offending keyword and says what was emitted instead, so the schema still
 * compiles and the reader knows where the generated code is looser or
 * stricter than the schema.
 */
import type { Diagnostic } from '../../ir/types.js';

export const ZodDiagnosticCode = {
  /** A keyword the emitter does not translate; it is not enforced. */
  unsupportedKeyword: 'TW2001',
  /** A `$ref` that points nowhere in the document; emitted as z.unknown(). */
  unresolvedRef: 'TW2002',
  /** A `$ref` to another document; emitted as z.unknown(). */
  externalRef: 'TW2003',
  /** A `pattern` that is not a valid ECMAScript regular expression; not enforced. */
  invalidPattern: 'TW2004',
  /** A `default` whose value does not fit the schema; not applied. */
  invalidDefault: 'TW2005',
  /** An export name that is not a usable identifier, or used twice; renamed. */
  invalidExportName: 'TW2006',
  /** A keyword with a value of the wrong shape (e.g. `type: "text"`); ignored. */
  malformedKeyword: 'TW2007',
  /** `enum`/`const` with object or array values; emitted as z.unknown(). */
  structuredLiteral: 'TW2008',
  /** A `$ref` cycle through something other than `$defs`/`definitions`; the cycle is cut with z.unknown(). */
  unsupportedCycle: 'TW2009',
} as const;

export interface DiagnosticSink {
  warn(code: string, pointer: string, message: string, hint?: string): void;
}

/** Collects diagnostics for one schema input (`subject` is its export name). */
export function diagnosticSink(into: Diagnostic[], subject: string | undefined): DiagnosticSink {
  return {
    warn(code, pointer, message, hint) {
      into.push({ code, severity: 'warning', message, pointer, ...(hint ? { hint } : {}), ...(subject ? { subject } : {}) });
    },
  };
}

/** RFC 6901 escaping of one pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((p, s) => `${p}/${pointerSegment(s)}`, pointer);
}
