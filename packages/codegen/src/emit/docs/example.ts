/**
 * Example calls and results, made from the schemas alone so they are
 * deterministic and never drift: a value the schema gives (`examples`,
 * `example`, `default`, `const`, the first `enum` value) wins; otherwise a
 * placeholder by type (`"<owner>"`, a date for `format: date-time`, the
 * minimum of a number).
 */
import type { IrTool, JsonSchema } from '../../ir/types.js';
import { isRecord, resolve } from './schema.js';

interface Context {
  root: JsonSchema;
  /** Arguments: only required fields (and those with an example). Results: every field, up to `MAX_FIELDS`. */
  mode: 'input' | 'output';
  depth: number;
  /** `$ref`s being expanded: a recursive type stops at its second appearance. */
  seen: ReadonlySet<string>;
  name?: string;
  /** Set when a result example leaves fields or levels out. */
  abbreviated: { value: boolean };
}

const MAX_DEPTH = { input: 6, output: 3 } as const;
/** Fields shown per object in an example result; more are left out (and the example says it is abbreviated). */
const MAX_FIELDS = 12;

/**
 * The arguments of an example call: the required ones, and optional ones the schema gives an example for. When that
 * is none, the first argument without a default, so the example shows a real argument rather than `{}`.
 */
export function exampleArguments(tool: IrTool): Record<string, unknown> {
  const ctx: Context = { root: tool.input, mode: 'input', depth: 0, seen: new Set(), abbreviated: { value: false } };
  const value = exampleValue(ctx, tool.input);
  const args = isRecord(value) ? value : {};
  if (Object.keys(args).length > 0) return args;
  const root = resolve(tool.input, tool.input);
  const properties = isRecord(root.properties) ? root.properties : {};
  const first = Object.entries(properties).find(
    ([, p]) => isRecord(p) && p.default === undefined && resolve(tool.input, p).default === undefined && p.deprecated !== true,
  );
  if (first) args[first[0]] = exampleValue({ ...ctx, depth: 1, name: first[0] }, first[1]);
  return args;
}

/** An example of a value of `schema` as a result (every field, abbreviated past a size). */
export function exampleOutput(schema: JsonSchema): { value: unknown; abbreviated: boolean } {
  const abbreviated = { value: false };
  const value = exampleValue({ root: schema, mode: 'output', depth: 0, seen: new Set(), abbreviated }, schema);
  return { value, abbreviated: abbreviated.value };
}

function exampleValue(ctx: Context, raw: unknown): unknown {
  if (!isRecord(raw)) return ctx.mode === 'input' ? placeholder(ctx.name) : null;
  const given = givenValue(raw);
  if (given.found) return given.value;
  if (typeof raw.$ref === 'string') {
    if (ctx.seen.has(raw.$ref)) {
      ctx.abbreviated.value = true;
      return {};
    }
    const target = resolve(ctx.root, raw);
    if (target === raw) return placeholder(ctx.name);
    return exampleValue({ ...ctx, seen: new Set([...ctx.seen, raw.$ref]) }, target);
  }
  const union = Array.isArray(raw.oneOf) ? raw.oneOf : Array.isArray(raw.anyOf) ? raw.anyOf : undefined;
  if (union) {
    const member = union.find((m) => !(isRecord(m) && m.type === 'null')) ?? union[0];
    return exampleValue(ctx, member);
  }
  if (Array.isArray(raw.allOf)) {
    const parts = raw.allOf.map((member) => exampleValue(ctx, member));
    if (parts.every(isRecord)) return Object.assign({}, ...parts);
    return parts[0];
  }
  const types = Array.isArray(raw.type) ? raw.type : [raw.type];
  const type = types.find((t) => typeof t === 'string' && t !== 'null') ?? (isRecord(raw.properties) ? 'object' : raw.items ? 'array' : types[0]);
  if (ctx.depth >= MAX_DEPTH[ctx.mode] && (type === 'object' || type === 'array')) {
    ctx.abbreviated.value = true;
    return type === 'array' ? [] : {};
  }
  switch (type) {
    case 'string':
      return stringExample(raw, ctx.name);
    case 'integer':
    case 'number':
      return numberExample(raw, type);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [exampleValue({ ...ctx, depth: ctx.depth + 1 }, raw.items)];
    case 'object':
      return objectExample(ctx, raw);
    default:
      return ctx.mode === 'input' ? placeholder(ctx.name) : null;
  }
}

function objectExample(ctx: Context, raw: JsonSchema): Record<string, unknown> {
  const properties = isRecord(raw.properties) ? raw.properties : {};
  const required = new Set(Array.isArray(raw.required) ? raw.required : []);
  const out: Record<string, unknown> = {};
  let shown = 0;
  for (const [name, property] of Object.entries(properties)) {
    const include = ctx.mode === 'output' || required.has(name) || (isRecord(property) && hasExample(ctx.root, property));
    if (!include) continue;
    if (ctx.mode === 'output' && shown >= MAX_FIELDS) {
      ctx.abbreviated.value = true;
      break;
    }
    out[name] = exampleValue({ ...ctx, depth: ctx.depth + 1, name }, property);
    shown++;
  }
  if (Object.keys(properties).length === 0 && isRecord(raw.additionalProperties)) {
    out.key = exampleValue({ ...ctx, depth: ctx.depth + 1, name: 'key' }, raw.additionalProperties);
  }
  return out;
}

/** A value the schema itself gives: the first of `examples`, then `example`, `default`, `const`, the first `enum` value. */
function givenValue(node: JsonSchema): { found: true; value: unknown } | { found: false } {
  if (Array.isArray(node.examples) && node.examples.length > 0) return { found: true, value: node.examples[0] };
  if (node.example !== undefined) return { found: true, value: node.example };
  if (node.default !== undefined) return { found: true, value: node.default };
  if (node.const !== undefined) return { found: true, value: node.const };
  if (Array.isArray(node.enum) && node.enum.length > 0) return { found: true, value: node.enum.find((v) => v !== null) ?? node.enum[0] };
  return { found: false };
}

/** An optional argument is shown in the example call when the schema gives an example for it (not only a default). */
function hasExample(root: JsonSchema, node: JsonSchema): boolean {
  const target = resolve(root, node);
  return [node, target].some((n) => (Array.isArray(n.examples) && n.examples.length > 0) || n.example !== undefined);
}

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2025-01-31T12:00:00Z',
  date: '2025-01-31',
  time: '12:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  iri: 'https://example.com/',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  byte: 'aGVsbG8=',
  binary: '<binary>',
};

function stringExample(node: JsonSchema, name: string | undefined): string {
  if (typeof node.format === 'string' && FORMAT_EXAMPLES[node.format]) return FORMAT_EXAMPLES[node.format]!;
  return placeholder(name);
}

function placeholder(name: string | undefined): string {
  return name ? `<${name}>` : '<value>';
}

function numberExample(node: JsonSchema, type: 'integer' | 'number'): number {
  const min = typeof node.minimum === 'number' ? node.minimum : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + 1 : undefined;
  const max = typeof node.maximum === 'number' ? node.maximum : typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum - 1 : undefined;
  let value = min ?? 1;
  if (max !== undefined && value > max) value = max;
  return type === 'integer' ? Math.ceil(value) : value;
}
