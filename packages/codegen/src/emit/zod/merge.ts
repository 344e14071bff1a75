/**
 * `allOf` merging at the JSON Schema level: two schemas without composition
 * or `$ref` become one schema that accepts what both accept, so
 * `allOf: [{ properties: a }, { properties: b }]` is emitted as one
 * z.object with both shapes instead of a z.intersection (which zod can only
 * merge after parsing both sides, and which breaks strict objects).
 *
 * A merge that cannot be expressed as one schema returns undefined and the
 * caller falls back to z.intersection.
 */
import { canonicalJson } from '../header.js';

export type JsonObject = { [key: string]: unknown };

/**
 * A fresh object for schema content: null prototype, so a key named
 * `__proto__` (schema text is untrusted) is stored as a property instead of
 * replacing the prototype.
 */
export function dict(from?: JsonObject): JsonObject {
  return Object.assign(Object.create(null) as JsonObject, from);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keywords that say nothing about which values are valid. */
export const ANNOTATION_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$comment',
  '$anchor',
  '$dynamicAnchor',
  '$defs',
  'definitions',
  'title',
  'examples',
  'example',
  'readOnly',
  'writeOnly',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
  'externalDocs',
  'xml',
  'discriminator',
]);

/** Keywords the emitter applies as wrappers around whatever the rest of the schema becomes. */
export const MODIFIER_KEYWORDS = new Set(['description', 'deprecated', 'nullable', 'default']);

/** Keywords whose presence makes a schema more than its modifiers and annotations. */
export function isConstraintKeyword(key: string): boolean {
  return !ANNOTATION_KEYWORDS.has(key) && !MODIFIER_KEYWORDS.has(key) && !key.startsWith('x-');
}

const COMPOSITION = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'];

/** A schema the merge understands: an object with no composition and no `$ref`. */
export function isPlain(schema: unknown): schema is JsonObject {
  return isJsonObject(schema) && !COMPOSITION.some((k) => k in schema);
}

const KEEP_FIRST = new Set([...ANNOTATION_KEYWORDS, 'description', 'deprecated', 'default']);
const TAKE_MAX = new Set(['minLength', 'minItems', 'minProperties', 'minimum']);
const TAKE_MIN = new Set(['maxLength', 'maxItems', 'maxProperties', 'maximum']);

/** The schema both `a` and `b` describe, or undefined when it cannot be written as one. */
export function mergeSchemas(a: JsonObject, b: JsonObject): JsonObject | undefined {
  // `items` means "every item" beside no prefix but "the rest" beside one: positional schemas do not merge.
  const itemKeywords = (side: JsonObject) => ['items', 'prefixItems', 'additionalItems'].some((k) => k in side);
  const positional = (side: JsonObject) => 'prefixItems' in side || Array.isArray(side.items) || 'additionalItems' in side;
  if ((positional(a) || positional(b)) && itemKeywords(a) && itemKeywords(b) && canonicalJson(a) !== canonicalJson(b)) return undefined;
  const out = dict(a);
  for (const [key, right] of Object.entries(b)) {
    if (!(key in out)) {
      out[key] = right;
      continue;
    }
    const left = out[key];
    if (left === right || canonicalJson(left) === canonicalJson(right)) continue;
    if (KEEP_FIRST.has(key) || key.startsWith('x-')) continue;
    if (TAKE_MAX.has(key) && typeof left === 'number' && typeof right === 'number') {
      out[key] = Math.max(left, right);
      continue;
    }
    if (TAKE_MIN.has(key) && typeof left === 'number' && typeof right === 'number') {
      out[key] = Math.min(left, right);
      continue;
    }
    switch (key) {
      case 'exclusiveMinimum':
        if (typeof left !== 'number' || typeof right !== 'number') return undefined;
        out[key] = Math.max(left, right);
        break;
      case 'exclusiveMaximum':
        if (typeof left !== 'number' || typeof right !== 'number') return undefined;
        out[key] = Math.min(left, right);
        break;
      case 'properties': {
        if (!isJsonObject(left) || !isJsonObject(right)) return undefined;
        const merged = dict(left);
        for (const [name, schema] of Object.entries(right)) {
          const existing = merged[name];
          merged[name] = existing === undefined || canonicalJson(existing) === canonicalJson(schema) ? schema : { allOf: [existing, schema] };
        }
        out[key] = merged;
        break;
      }
      case 'required': {
        if (!Array.isArray(left) || !Array.isArray(right)) return undefined;
        out[key] = [...left, ...right.filter((name) => !left.includes(name))];
        break;
      }
      case 'type': {
        const types = intersectTypes(left, right);
        if (!types || types.length === 0) return undefined;
        out[key] = types.length === 1 ? types[0] : types;
        break;
      }
      case 'nullable':
        // null passes both only when both allow it
        delete out[key];
        break;
      case 'additionalProperties':
        // `false` on either side wins: merged shapes are meant to be closed
        // over the union of their properties (the usual intent of allOf with
        // additionalProperties: false), not over one side's.
        if (left === false || right === false) out[key] = false;
        else if (left === true || (isJsonObject(left) && Object.keys(left).length === 0)) out[key] = right;
        else if (right === true || (isJsonObject(right) && Object.keys(right).length === 0)) out[key] = left;
        else return undefined;
        break;
      case 'enum':
      case 'const':
        // intersected below
        break;
      case 'uniqueItems':
        out[key] = left === true || right === true;
        break;
      case 'items':
        if (!isJsonObject(left) || !isJsonObject(right)) return undefined;
        out[key] = { allOf: [left, right] };
        break;
      default:
        return undefined;
    }
  }
  // enum/const on both sides: only the values both list remain
  if (('enum' in a || 'const' in a) && ('enum' in b || 'const' in b)) {
    const values = (side: JsonObject) => ('const' in side ? [side.const] : Array.isArray(side.enum) ? side.enum : undefined);
    const left = values(a);
    const right = values(b);
    if (!left || !right) return undefined;
    const keep = new Set(right.map((v) => canonicalJson(v)));
    delete out.const;
    out.enum = left.filter((v) => keep.has(canonicalJson(v)));
  }
  return out;
}

function typeList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((t) => typeof t === 'string')) return value as string[];
  return undefined;
}

function intersectTypes(left: unknown, right: unknown): string[] | undefined {
  const a = typeList(left);
  const b = typeList(right);
  if (!a || !b) return undefined;
  const out: string[] = [];
  for (const t of a) {
    if (b.includes(t)) out.push(t);
    else if (t === 'integer' && b.includes('number')) out.push('integer');
    else if (t === 'number' && b.includes('integer')) out.push('integer');
  }
  return [...new Set(out)];
}
