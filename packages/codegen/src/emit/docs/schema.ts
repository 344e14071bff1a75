/**
 * Reading a tool's JSON Schema for people: the rows of a parameter table
 * (name, type, required, default, constraints, description), with nested
 * object fields as `parent.child` and array items as `parent[].child`.
 */
import type { JsonSchema } from '../../ir/types.js';

export interface ParameterRow {
  /** `owner`, `labels[].name`, `filter.status`. */
  path: string;
  type: string;
  required: boolean;
  default?: unknown;
  /** Human-readable, each one short: `1–100`, `format date-time`, `one of "a", "b"`. */
  constraints: string[];
  description?: string;
  deprecated: boolean;
}

/** How deep nested object fields are listed (`a.b.c` at most). */
const MAX_DEPTH = 2;

/** The parameter table of an object schema: its properties in order, nested object fields after their parent. */
export function parameterRows(schema: JsonSchema): ParameterRow[] {
  const rows: ParameterRow[] = [];
  const visit = (node: JsonSchema, prefix: string, depth: number, seen: ReadonlySet<string>) => {
    const object = resolve(schema, node);
    const properties = isRecord(object.properties) ? object.properties : {};
    const required = new Set(Array.isArray(object.required) ? object.required.filter((r): r is string => typeof r === 'string') : []);
    for (const [name, raw] of Object.entries(properties)) {
      if (!isRecord(raw)) continue;
      const ref = typeof raw.$ref === 'string' ? raw.$ref : undefined;
      const property = resolve(schema, raw);
      const path = `${prefix}${name}`;
      const description = stringOf(raw.description) ?? stringOf(property.description);
      rows.push({
        path,
        type: typeOf(schema, raw),
        required: required.has(name),
        ...(property.default !== undefined ? { default: property.default } : raw.default !== undefined ? { default: raw.default } : {}),
        constraints: constraintsOf(schema, raw),
        ...(description ? { description } : {}),
        deprecated: raw.deprecated === true || property.deprecated === true,
      });
      if (depth >= MAX_DEPTH || (ref && seen.has(ref))) continue;
      const next = ref ? new Set([...seen, ref]) : seen;
      const nested = objectWithProperties(schema, property);
      if (nested) visit(nested, `${path}.`, depth + 1, next);
      else {
        const items = arrayItems(schema, property);
        const itemRef = items && typeof items.$ref === 'string' ? items.$ref : undefined;
        const itemObject = items && !(itemRef && next.has(itemRef)) ? objectWithProperties(schema, items) : undefined;
        if (itemObject) visit(itemObject, `${path}[].`, depth + 1, itemRef ? new Set([...next, itemRef]) : next);
      }
    }
  };
  visit(schema, '', 0, new Set());
  return rows;
}

/** A TypeScript-like type: `string`, `integer[]`, `string | null`, `Address`, `"open" | "closed"` (for a const). */
export function typeOf(root: JsonSchema, node: unknown, depth = 0): string {
  if (!isRecord(node) || depth > 4) return 'any';
  if (typeof node.$ref === 'string') return refName(node.$ref);
  if (node.const !== undefined) return JSON.stringify(node.const);
  const union = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
  if (union) return unique(union.map((member) => typeOf(root, member, depth + 1))).join(' | ');
  if (Array.isArray(node.allOf)) {
    const members = unique(node.allOf.map((member) => typeOf(root, member, depth + 1)));
    return members.length === 1 ? members[0]! : members.join(' & ');
  }
  const types = Array.isArray(node.type) ? node.type.filter((t): t is string => typeof t === 'string') : typeof node.type === 'string' ? [node.type] : [];
  if (types.length === 0) {
    if (isRecord(node.properties)) return 'object';
    if (node.items !== undefined) types.push('array');
    else if (Array.isArray(node.enum)) return unique(node.enum.map((v) => (v === null ? 'null' : typeof v))).join(' | ');
    else return 'any';
  }
  return types
    .map((type) => {
      if (type !== 'array') return type;
      const item = typeOf(root, node.items, depth + 1);
      return item.includes(' ') ? `(${item})[]` : `${item}[]`;
    })
    .join(' | ');
}

/** The rules a value must follow beyond its type, in words a reader scans. */
export function constraintsOf(root: JsonSchema, raw: JsonSchema): string[] {
  const node = resolve(root, raw);
  const out: string[] = [];
  const values = Array.isArray(node.enum) ? node.enum : undefined;
  if (values) out.push(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  const range = (min: unknown, max: unknown, exclusiveMin: unknown, exclusiveMax: unknown, unit = '') => {
    const lo = typeof exclusiveMin === 'number' ? `> ${exclusiveMin}` : typeof min === 'number' ? `≥ ${min}` : undefined;
    const hi = typeof exclusiveMax === 'number' ? `< ${exclusiveMax}` : typeof max === 'number' ? `≤ ${max}` : undefined;
    if (lo && hi) out.push(`${lo}, ${hi}${unit}`);
    else if (lo || hi) out.push(`${lo ?? hi}${unit}`);
  };
  range(node.minimum, node.maximum, node.exclusiveMinimum, node.exclusiveMaximum);
  if (typeof node.multipleOf === 'number') out.push(`multiple of ${node.multipleOf}`);
  range(node.minLength, node.maxLength, undefined, undefined, ' characters');
  if (typeof node.pattern === 'string') out.push(`pattern ${node.pattern}`);
  if (typeof node.format === 'string') out.push(`format ${node.format}`);
  range(node.minItems, node.maxItems, undefined, undefined, ' items');
  if (node.uniqueItems === true) out.push('unique items');
  range(node.minProperties, node.maxProperties, undefined, undefined, ' properties');
  const items = arrayItems(root, node);
  if (items) for (const rule of constraintsOf(root, items)) out.push(`items: ${rule}`);
  return out;
}

/** Follows a local `$ref` (`#/$defs/X`, `#/definitions/X`); anything else is returned as it is. */
export function resolve(root: JsonSchema, node: JsonSchema, depth = 0): JsonSchema {
  if (typeof node.$ref !== 'string' || depth > 8) return node;
  const target = pointer(root, node.$ref);
  return isRecord(target) ? resolve(root, target, depth + 1) : node;
}

/** The object schema a node describes, if it has properties (following `$ref`, and a nullable `anyOf`). */
export function objectWithProperties(root: JsonSchema, node: JsonSchema): JsonSchema | undefined {
  const resolved = resolve(root, node);
  if (isRecord(resolved.properties) && Object.keys(resolved.properties).length > 0) return resolved;
  const union = Array.isArray(resolved.anyOf) ? resolved.anyOf : Array.isArray(resolved.oneOf) ? resolved.oneOf : undefined;
  const members = union?.filter((m) => !(isRecord(m) && m.type === 'null')) ?? [];
  return members.length === 1 && isRecord(members[0]) ? objectWithProperties(root, members[0]) : undefined;
}

function arrayItems(root: JsonSchema, node: JsonSchema): JsonSchema | undefined {
  const resolved = resolve(root, node);
  const isArray = resolved.type === 'array' || (Array.isArray(resolved.type) && resolved.type.includes('array'));
  return isArray && isRecord(resolved.items) ? resolved.items : undefined;
}

function pointer(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    if (!isRecord(node)) return undefined;
    node = node[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function refName(ref: string): string {
  const last = ref.split('/').pop() ?? ref;
  return decodeURIComponent(last).replace(/~1/g, '/').replace(/~0/g, '~');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
