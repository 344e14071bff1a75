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
 * - `portable` (`schemaProfile: 'portable'` in the config): the subset every
 *   known client accepts (see lint/compat.ts) — `$ref`s inlined and `$defs`
 *   gone (recursion cut with a note), no `additionalProperties` (the server
 *   still refuses undeclared keys), `format` and `const` said in words or as an
 *   enum, and a union inside `items` reduced to its first branch.
 */
import type { JsonSchema } from '../ir/types.js';

export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export interface WireOptions {
  /** Reject undeclared keys (tool inputs). */
  strict: boolean;
  /** State `$schema` (2020-12) at the root. */
  dialect?: boolean;
  /** Only what every known client accepts (see the module comment). */
  portable?: boolean;
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
  let wire = visit(schema, { allOfMember: false }) as JsonSchema;
  if (options.portable) wire = portable(wire);
  return options.dialect ? { $schema: JSON_SCHEMA_2020_12, ...wire } : wire;
}

/** How deep a recursive definition is written out before it is cut (portable schemas have no `$ref`). */
const MAX_INLINE_DEPTH = 3;

/** The portable subset of a wire schema (see the module comment). */
function portable(schema: JsonSchema): JsonSchema {
  const defs: Record<string, unknown> = { ...(isRecord(schema.definitions) ? schema.definitions : {}), ...(isRecord(schema.$defs) ? schema.$defs : {}) };
  const visit = (node: unknown, stack: readonly string[], inItems: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item, stack, false));
    if (!isRecord(node)) return node;
    const ref = typeof node.$ref === 'string' ? /^#\/(?:\$defs|definitions)\/(.+)$/.exec(node.$ref) : null;
    if (ref) {
      const name = decodeURIComponent(ref[1]!).replace(/~1/g, '/').replace(/~0/g, '~');
      const def = defs[name];
      const { $ref: _ref, ...siblings } = node;
      if (!isRecord(def)) return visit(siblings, stack, inItems);
      if (stack.filter((n) => n === name).length >= MAX_INLINE_DEPTH - 1 || stack.length >= MAX_INLINE_DEPTH * 4) {
        const type = typeof def.type === 'string' ? def.type : 'object';
        return { type, description: `${typeof def.description === 'string' ? `${def.description} ` : ''}(Nested like its parent; not described deeper.)` };
      }
      return visit({ ...def, ...siblings }, [...stack, name], inItems);
    }
    let out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$defs' || key === 'definitions' || key === 'additionalProperties' || key === 'patternProperties' || key === '$schema') continue;
      if (key === 'items') out.items = visit(value, stack, true);
      else if (key === 'properties' && isRecord(value)) out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, stack, false)]));
      else out[key] = visit(value, stack, false);
    }
    if (typeof out.format === 'string') {
      const { format, ...rest } = out;
      out = { ...rest, description: [rest.description, `Format: ${format}.`].filter(Boolean).join(' ') };
    }
    if ('const' in out) {
      const { const: value, ...rest } = out;
      out = { ...rest, enum: [value] };
    }
    for (const union of ['anyOf', 'oneOf'] as const) {
      const branches = out[union];
      if (!inItems || !Array.isArray(branches) || branches.length === 0) continue;
      const [first, ...others] = branches.filter((b) => !(isRecord(b) && b.type === 'null'));
      if (!isRecord(first)) continue;
      const { [union]: _union, ...rest } = out;
      const alternatives = others.map((b) => (isRecord(b) && typeof b.type === 'string' ? b.type : 'another shape'));
      out = {
        ...rest,
        ...first,
        ...(alternatives.length ? { description: [rest.description, first.description, `Or: ${alternatives.join(', ')}.`].filter(Boolean).join(' ') } : {}),
      };
    }
    return out;
  };
  return visit(schema, [], false) as JsonSchema;
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
