/**
 * Argument tolerance: what real clients send wrong in predictable ways, repaired
 * before a tool sees it. Models (and some clients' form UIs) send objects and
 * arrays as JSON strings (`"labels": "[\"bug\"]"`) and numbers or booleans as
 * strings (`"per_page": "50"`, `"draft": "true"`). Where the schema expects the
 * parsed type and the string is an exact spelling of such a value, the value
 * is used; anything else still fails validation with a message naming the
 * field, what was expected and what arrived.
 *
 * Done here, guided by the schema's own validation issues, rather than by
 * wrapping every field of the generated zod schemas in `z.preprocess`: a
 * preprocess makes a field's input type `unknown`, which would blind the
 * compile-time drift and spec checks that compare those types with the user's
 * functions and the OpenAPI spec. A valid call pays nothing (the repair runs
 * only after a failed parse).
 */
import { z } from 'zod';

/** A JSON number as a string, nothing around it: "50", "-1.5", "2e3" (not "", " ", "0x1f", "1,000" or "Infinity"). */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Rounds of repair: a JSON string can hold fields that need repair in turn; each round goes one level deeper. */
const MAX_ROUNDS = 4;

export type ParseResult = { success: true; data: unknown } | { success: false; issues: readonly z.core.$ZodIssue[]; received: unknown };

/**
 * Parses tool arguments with `schema`, repairing stringified values the schema
 * rejects (see the module comment). `received` is what the failing issues'
 * paths point into (the arguments as repaired so far), for the error message.
 * Synchronous when the schema is (no promise on a valid call's path).
 */
export function parseArguments(schema: z.ZodType, args: unknown): ParseResult | Promise<ParseResult> {
  const first = safeParse(schema, args);
  if (first instanceof Promise) return first.then((parsed) => (parsed.success ? { success: true, data: parsed.data } : repairAndParse(schema, args, parsed)));
  return first.success ? { success: true, data: first.data } : repairAndParse(schema, args, first);
}

async function repairAndParse(schema: z.ZodType, args: unknown, failed: z.ZodSafeParseError<unknown>): Promise<ParseResult> {
  let issues = failed.error.issues;
  let current = args;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const repaired = repair(current, issues);
    if (repaired === undefined) break;
    current = repaired;
    const parsed = await safeParse(schema, current);
    if (parsed.success) return { success: true, data: parsed.data };
    issues = parsed.error.issues;
  }
  return { success: false, issues, received: current };
}

/**
 * A synchronous parse, and an asynchronous one only for a schema that needs it (an async refinement or
 * transform): the async path costs promises on every field, on every call.
 */
function safeParse(schema: z.ZodType, value: unknown): z.ZodSafeParseResult<unknown> | Promise<z.ZodSafeParseResult<unknown>> {
  try {
    return schema.safeParse(value);
  } catch (error) {
    if (error instanceof z.core.$ZodAsyncError) return schema.safeParseAsync(value);
    throw error;
  }
}

/** A copy of `args` with every repairable value at an issue's path replaced; undefined when nothing could be repaired. */
export function repair(args: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  let copy: unknown;
  for (const issue of issues) {
    const value = valueAt(copy ?? args, issue.path);
    if (typeof value !== 'string') continue;
    const fixed = coerce(value, expectedTypes(issue));
    if (fixed === undefined) continue;
    try {
      copy ??= structuredClone(args);
    } catch {
      // nested too deep to copy (structuredClone recurses): leave the arguments as sent, and their issues reported
      return undefined;
    }
    if (issue.path.length === 0) return fixed;
    setAt(copy, issue.path, fixed);
  }
  return copy;
}

/** What an issue says it wanted at its own path: one type, or each branch's of a union. */
function expectedTypes(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'invalid_type') return [issue.expected];
  if (issue.code === 'invalid_union') {
    return issue.errors.flatMap((branch) =>
      branch.filter((inner) => inner.path.length === 0 && inner.code === 'invalid_type').map((inner) => (inner as { expected: string }).expected),
    );
  }
  return [];
}

/** The value a string spells for one of the expected types, tried in a fixed order; undefined when it spells none. */
function coerce(text: string, expected: readonly string[]): unknown {
  const trimmed = text.trim();
  if ((expected.includes('object') || expected.includes('record')) && trimmed.startsWith('{')) {
    const value = parseJson(trimmed);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  }
  if ((expected.includes('array') || expected.includes('tuple')) && trimmed.startsWith('[')) {
    const value = parseJson(trimmed);
    if (Array.isArray(value)) return value;
  }
  if ((expected.includes('number') || expected.includes('int')) && NUMBER.test(trimmed)) {
    const value = Number(trimmed);
    if (Number.isFinite(value)) return value;
  }
  if (expected.includes('boolean') && /^(?:true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function setAt(target: unknown, path: readonly PropertyKey[], value: unknown): void {
  let current = target as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) current = current[key] as Record<PropertyKey, unknown>;
  // Object.defineProperty, not assignment: a key named __proto__ stays an own data property.
  Object.defineProperty(current, path[path.length - 1] as PropertyKey, { value, writable: true, enumerable: true, configurable: true });
}
