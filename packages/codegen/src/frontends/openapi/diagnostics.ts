/**
 * Diagnostics of the OpenAPI frontend (TW3xxx). Each carries the JSON pointer
 * of the offending spec node and, where one operation is concerned, its
 * operationId as `subject`. Problems are collected, never thrown.
 */
import type { Diagnostic } from '../../ir/types.js';

/** Stable codes. TW30xx: the document; TW31xx: operations and schemas; TW32xx: config and naming. */
export const OpenApiCode = {
  /** The spec file is missing or is not valid JSON/YAML. */
  Unreadable: 'TW3001',
  /** Not an OpenAPI 3.0/3.1 document (Swagger 2.0, no `openapi` field, no `paths`). */
  UnsupportedVersion: 'TW3002',
  /** No usable base URL: no `servers` entry and no `profile.baseUrl`. */
  NoBaseUrl: 'TW3003',
  /** A `$ref` to another document or a URL: refused, never fetched. */
  ExternalRef: 'TW3101',
  /** A local `$ref` that points nowhere, or a `$ref` chain that loops. */
  UnresolvedRef: 'TW3102',
  /** An operation that cannot become a tool: a malformed parameter, a path variable without a parameter… */
  InvalidOperation: 'TW3103',
  /** A parameter given as `content` (serialized as JSON) rather than `schema`. (warning) */
  ContentParameter: 'TW3104',
  /** An operation with its own `servers`: calls still go to the profile's base URL. (warning) */
  OperationServers: 'TW3105',
  /** A request body whose media type is neither JSON, form nor text: passed through as a string. (warning) */
  UnsupportedMediaType: 'TW3106',
  /** An invalid config value. */
  InvalidConfig: 'TW3201',
  /** A config entry naming an operation or parameter that does not exist. */
  UnknownReference: 'TW3202',
  /** A glob in include/exclude/toolsets that matches no operation. (warning) */
  UnmatchedGlob: 'TW3203',
  /** A required parameter listed in `hidden` without a `fixed` value. */
  HiddenRequired: 'TW3204',
  /** A tool name that is not `[a-z0-9_]` or is longer than the limit (config rename). */
  InvalidToolName: 'TW3205',
  /** Two operations with the same tool name. */
  DuplicateToolName: 'TW3206',
  /** No operation became a tool. (warning) */
  NoTools: 'TW3207',
} as const;

export type OpenApiDiagnosticCode = (typeof OpenApiCode)[keyof typeof OpenApiCode];

export interface OpenApiReport {
  code: OpenApiDiagnosticCode;
  message: string;
  hint?: string;
  pointer?: string;
  subject?: string;
}

/** Collects diagnostics; an exact repeat (a shared schema reached by many operations) is reported once. */
export class OpenApiDiagnostics {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string | undefined) {}

  error(report: OpenApiReport): void {
    this.push('error', report);
  }

  warning(report: OpenApiReport): void {
    this.push('warning', report);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }

  private push(severity: Diagnostic['severity'], report: OpenApiReport): void {
    const key = `${report.code} ${report.pointer ?? ''} ${report.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({
      code: report.code,
      severity,
      message: report.message,
      ...(report.hint ? { hint: report.hint } : {}),
      ...(this.file ? { file: this.file } : {}),
      ...(report.pointer !== undefined ? { pointer: report.pointer } : {}),
      ...(report.subject ? { subject: report.subject } : {}),
    });
  }
}

/** RFC 6901 pointer from segments, as a URI fragment: `['paths', '/a/{b}', 'get']` → `#/paths/~1a~1{b}/get`. */
export function pointerOf(...segments: (string | number)[]): string {
  return `#${segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + pointerOf(...segments).slice(1);
}
