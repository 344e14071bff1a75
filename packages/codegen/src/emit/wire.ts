/**
 * The JSON Schema a tool sends in `tools/list`, made from the IR schema (the
 * one in tools.json and the docs), so what a model reads is exactly what the
 * manifest, the docs and the token reports show — not a re-derivation from
 * the zod code, which would inline shared types and add zod's own keywords.
 *
 * - `x-ts-type` (the frontend's note that a string is a TypeScript Date) is
 *   internal: dropped.
 * - Inputs are strict like their zod schemas (`objects: 'strict'`): an object
 *   that does not say what to do with undeclared keys gets
 *   `additionalProperties: false` — except an `allOf` member, where it would
 *   reject the other members' keys (the zod emitter merges those).
 * - `$schema` only when asked (`jsonSchemaDialect` in the config): MCP reads a
 *   schema without one as 2020-12, and it costs tokens on every tool.
 */
import type { JsonSchema } from '../ir/types.js';

export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export interface WireOptions {
  /** Reject undeclared keys (tool inputs). */
  strict: boolean;
  /** State `$schema` (2020-12) at the root. */
  dialect?: boolean;
}

export function toWireSchema(schema: JsonSchema, options: WireOptions): JsonSchema {
  const inAllOf = options.strict ? defsUsedByAllOf(schema) : new Set<string>();
  const visit = (node: unknown, path: { allOfMember: boolean; defName?: string }): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item, { allOfMember: false }));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-ts-type') continue;
      if (key === 'allOf' && Array.isArray(value)) out[key] = value.map((member) => visit(member, { allOfMember: true }));
      else if ((key === '$defs' || key === 'definitions') && isRecord(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, def]) => [name, visit(def, { allOfMember: false, defName: name })]));
      } else if (key === 'properties' && isRecord(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, prop]) => [name, visit(prop, { allOfMember: false })]));
      } else out[key] = visit(value, { allOfMember: false });
    }
    const isObject = out.type === 'object' || 'properties' in out;
    const open = path.allOfMember || (path.defName !== undefined && inAllOf.has(path.defName));
    if (options.strict && isObject && !('additionalProperties' in out) && !('patternProperties' in out) && !open) out.additionalProperties = false;
    return out;
  };
  const wire = visit(schema, { allOfMember: false }) as JsonSchema;
  return options.dialect ? { $schema: JSON_SCHEMA_2020_12, ...wire } : wire;
}

/** Names of `$defs`/`definitions` entries that an `allOf` member refers to directly: they must stay open. */
function defsUsedByAllOf(schema: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isRecord(node)) return;
    if (Array.isArray(node.allOf)) {
      for (const member of node.allOf) {
        const ref = isRecord(member) && typeof member.$ref === 'string' ? member.$ref : undefined;
        const match = ref ? /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref) : null;
        if (match) names.add(decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~'));
      }
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(schema);
  return names;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
