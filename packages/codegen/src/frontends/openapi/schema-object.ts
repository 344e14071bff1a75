/**
 * OpenAPI Schema Objects (3.0 and 3.1) → JSON Schema 2020-12 with `$defs`.
 *
 * Two stages:
 * - {@link SchemaConverter} rewrites one schema at a time, the same for every
 *   tool, and caches component schemas: keywords are kept from a fixed list
 *   (validation keywords, `description`, `default`, `format`, `enum`,
 *   `deprecated`, compositions, `discriminator`); annotations a model does
 *   not need (`title`, `example`, `xml`, `x-*`…) are dropped; 3.0's
 *   `nullable` becomes a type array (or `anyOf` with `null`) and its boolean
 *   `exclusiveMinimum`/`Maximum` the numeric form; `allOf` members that are
 *   plain schemas are merged into one; a `$ref` to a schema becomes
 *   `#/$defs/<component name>`. `readOnly`/`writeOnly` stay as markers.
 * - {@link bundle} builds one tool's input or output schema from a root:
 *   follows its refs, drops `readOnly` properties (inputs) or `writeOnly`
 *   ones (outputs), inlines every definition that is used once (or is tiny)
 *   and is not part of a cycle, and keeps the rest — shared or recursive
 *   ones — as `$defs` with `$ref`s. So each tool carries exactly the
 *   definitions it reaches, and a cycle stays a reference instead of an
 *   endless expansion.
 */

// The zod emitter's allOf merge is JSON Schema → JSON Schema with its own tests: reused rather than written twice.
import { dict, isPlain, mergeSchemas } from '../../emit/zod/merge.js';
import type { JsonSchema } from '../../ir/types.js';
import { MAX_PARAMETER_DESCRIPTION_LENGTH } from './config.js';
import { childPointer } from './diagnostics.js';
import { isObject, type Problem, type RefResolver } from './refs.js';
import { stripInvisible } from './sanitize.js';
import { shortDescription } from './text.js';

export type Schema = JsonSchema | boolean;
export type Direction = 'input' | 'output';

interface Converted {
  schema: Schema;
  problems: Problem[];
}

const DEFS_PREFIX = '#/$defs/';
/** Definitions this small (JSON characters) are inlined wherever they are used: a `$ref` costs about as much. */
const TINY_DEFINITION = 64;

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
const SCHEMA_VALUED = new Set([
  'additionalProperties',
  'additionalItems',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const NUMBERS = new Set([
  'minimum',
  'maximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minContains',
  'maxContains',
]);
/** Keys that may sit beside a `$ref` and be folded into the target when it is inlined. */
const NUMERIC_FORMATS = new Set(['int32', 'int64', 'float', 'double']);
const ANNOTATIONS = new Set(['description', 'default', 'deprecated', 'readOnly', 'writeOnly']);

export class SchemaConverter {
  private readonly defs = new Map<string, Converted>();
  /** Def name → its pointer, for every def a converted schema refers to. */
  private readonly pointers = new Map<string, { pointer: string; value: unknown }>();
  private readonly inProgress = new Set<string>();

  constructor(readonly refs: RefResolver) {}

  /** Converts a schema found at `pointer` (a parameter's, a body's…); problems (bad refs) are added to `problems`. */
  convert(schema: unknown, pointer: string, problems: Problem[]): Schema {
    return this.node(schema, pointer, problems);
  }

  /** The converted schema of a definition by `$defs` name. */
  def(name: string): Converted | undefined {
    const cached = this.defs.get(name);
    if (cached) return cached;
    const target = this.pointers.get(name);
    if (!target) return undefined;
    this.inProgress.add(name);
    const problems: Problem[] = [];
    const schema = this.node(target.value, target.pointer, problems);
    this.inProgress.delete(name);
    const converted = { schema, problems };
    this.defs.set(name, converted);
    return converted;
  }

  /** The def a converted `$ref` names, or undefined for anything else. */
  static refName(ref: unknown): string | undefined {
    return typeof ref === 'string' && ref.startsWith(DEFS_PREFIX) ? ref.slice(DEFS_PREFIX.length) : undefined;
  }

  /**
   * A root that must be an object schema, not a reference to one (an
   * operation's body or result): a `$ref` is replaced by a copy of its
   * target (with the `$ref`'s own description), repeatedly.
   */
  resolveRoot(schema: Schema, problems: Problem[]): Schema {
    let current = schema;
    const seen = new Set<string>();
    for (;;) {
      if (!isObject(current)) return current;
      const name = SchemaConverter.refName(current.$ref);
      if (!name || seen.has(name)) return current;
      seen.add(name);
      const target = this.def(name);
      if (!target || !isObject(target.schema)) return current;
      problems.push(...target.problems);
      const { $ref: _ref, ...siblings } = current;
      current = foldInto(structuredClone(target.schema), siblings);
    }
  }

  /** True when a property is left out in this direction: `readOnly` in inputs, `writeOnly` in outputs (on it, or on the definition it refers to). */
  isDropped(property: Schema, direction: Direction): boolean {
    if (!isObject(property)) return false;
    const marker = direction === 'input' ? 'readOnly' : 'writeOnly';
    if (property[marker] === true) return true;
    const name = SchemaConverter.refName(property.$ref);
    const target = name ? this.def(name) : undefined;
    return target !== undefined && isObject(target.schema) && target.schema[marker] === true;
  }

  private node(node: unknown, pointer: string, problems: Problem[]): Schema {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) return {};
    let out: JsonSchema = {};
    if (typeof node.$ref === 'string') {
      const target = this.refs.resolve(node.$ref, pointer, problems);
      if (target) out.$ref = this.refTo(target);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' || key === 'nullable') continue;
      if (SCHEMA_MAPS.has(key)) {
        if (!isObject(value)) continue;
        const map = dict();
        for (const [name, child] of Object.entries(value)) map[stripInvisible(name)] = this.node(child, childPointer(pointer, key, name), problems);
        out[key] = map;
      } else if (SCHEMA_VALUED.has(key)) {
        if (typeof value === 'boolean' || isObject(value)) out[key] = this.node(value, childPointer(pointer, key), problems);
      } else if (SCHEMA_LISTS.has(key)) {
        if (Array.isArray(value) && value.length > 0) out[key] = value.map((child, i) => this.node(child, childPointer(pointer, key, i), problems));
      } else if (key === 'items') {
        // 3.0 and draft-07 tuples are an `items` array; 2020-12 spells them `prefixItems`
        if (Array.isArray(value)) out.prefixItems = value.map((child, i) => this.node(child, childPointer(pointer, key, i), problems));
        else if (typeof value === 'boolean' || isObject(value)) out.items = this.node(value, childPointer(pointer, key), problems);
      } else if (NUMBERS.has(key)) {
        if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
      } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
        if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
      } else {
        this.keyword(out, key, value, pointer, problems);
      }
    }
    // 3.0: `exclusiveMinimum: true` qualifies `minimum`
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (node[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      }
    }
    if (Array.isArray(out.allOf)) out = this.mergeAllOf(out, problems);
    if (node.nullable === true) out = nullable(out);
    return out;
  }

  private keyword(out: JsonSchema, key: string, value: unknown, pointer: string, problems: Problem[]): void {
    switch (key) {
      case 'type':
        if (typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((t) => typeof t === 'string'))) out.type = value;
        return;
      case 'required':
        if (Array.isArray(value)) {
          const names = value.filter((n): n is string => typeof n === 'string').map(stripInvisible);
          if (names.length > 0) out.required = [...new Set(names)];
        }
        return;
      case 'enum':
        if (Array.isArray(value) && value.length > 0) out.enum = value.map(cleanValue);
        return;
      case 'const':
      case 'default':
        out[key] = cleanValue(value);
        return;
      case 'format':
        // int32/int64/float/double say nothing a model can act on beyond `type`; they only cost tokens
        if (typeof value === 'string' && value !== '' && !NUMERIC_FORMATS.has(value)) out[key] = value;
        return;
      case 'pattern':
        if (typeof value === 'string' && value !== '') out[key] = value;
        return;
      case 'uniqueItems':
        if (typeof value === 'boolean') out[key] = value;
        return;
      case 'deprecated':
      case 'readOnly':
      case 'writeOnly':
        if (value === true) out[key] = true;
        return;
      case 'description': {
        const text = shortDescription(value, MAX_PARAMETER_DESCRIPTION_LENGTH);
        if (text) out.description = text;
        return;
      }
      case 'example':
      case 'examples': {
        // one short scalar example, for the argument's description (operation-object.ts); dropped everywhere else
        const example = key === 'example' ? value : Array.isArray(value) ? value[0] : undefined;
        if (['string', 'number', 'boolean'].includes(typeof example) && String(example).length <= 60) out.examples = [cleanValue(example)];
        return;
      }
      case 'dependentRequired':
        if (isObject(value)) out[key] = cleanValue(value);
        return;
      case 'discriminator':
        if (isObject(value) && typeof value.propertyName === 'string') out.discriminator = this.discriminator(value, pointer, problems);
        return;
      default:
        // title, xml, externalDocs, x-*, $schema, $id, $comment, $defs, content* …: nothing a tool needs
        return;
    }
  }

  /** `mapping` values (component names or refs) rewritten to `#/$defs/…`. */
  private discriminator(value: { [key: string]: unknown }, pointer: string, problems: Problem[]): JsonSchema {
    const out: JsonSchema = { propertyName: stripInvisible(value.propertyName as string) };
    if (isObject(value.mapping)) {
      const mapping = dict();
      for (const [tag, target] of Object.entries(value.mapping)) {
        if (typeof target !== 'string') continue;
        const ref = target.startsWith('#') || target.includes('/') || target.includes('.') ? target : `#/components/schemas/${target}`;
        const resolved = this.refs.resolve(ref, childPointer(pointer, 'discriminator', 'mapping', tag), problems);
        if (resolved) mapping[stripInvisible(tag)] = this.refTo(resolved);
      }
      out.mapping = mapping;
    }
    return out;
  }

  private refTo(target: { pointer: string; value: unknown }): string {
    const name = this.refs.defName(target.pointer);
    if (!this.pointers.has(name)) this.pointers.set(name, target);
    return `${DEFS_PREFIX}${name}`;
  }

  /**
   * `allOf: [{ $ref: A }]` with siblings is the 3.0 way to annotate a
   * reference: it becomes the `$ref` with those siblings. Several members
   * that are plain schemas (or references to plain, non-recursive ones) are
   * merged into one schema; anything else stays an `allOf`.
   */
  private mergeAllOf(schema: JsonSchema, problems: Problem[]): JsonSchema {
    const { allOf, ...rest } = schema;
    const members = allOf as Schema[];
    const only = members[0];
    if (members.length === 1 && isObject(only) && typeof only.$ref === 'string' && Object.keys(only).length === 1 && rest.$ref === undefined) {
      return { $ref: only.$ref, ...rest };
    }
    if (rest.$ref !== undefined) return schema;
    const bodies: JsonSchema[] = [];
    const borrowed: Problem[] = [];
    for (const member of members) {
      if (!isObject(member)) return schema;
      const name = SchemaConverter.refName(member.$ref);
      if (name === undefined) {
        bodies.push(member);
        continue;
      }
      if (this.inProgress.has(name) || Object.keys(member).some((k) => k !== '$ref' && !ANNOTATIONS.has(k))) return schema;
      const target = this.def(name);
      if (!target || !isObject(target.schema)) return schema;
      const { $ref: _ref, ...siblings } = member;
      bodies.push(foldInto(structuredClone(target.schema), siblings));
      borrowed.push(...target.problems);
    }
    let merged: JsonSchema | undefined = rest;
    for (const body of bodies) {
      if (!isPlain(body) || !merged) return schema;
      merged = mergeSchemas(merged, body);
    }
    if (!merged) return schema;
    problems.push(...borrowed);
    return { ...merged };
  }
}

/** A definition's body with the annotations of the `$ref` that pointed to it (the `$ref`'s win). */
function foldInto(body: JsonSchema, siblings: JsonSchema): JsonSchema {
  for (const [key, value] of Object.entries(siblings)) {
    if (ANNOTATIONS.has(key)) body[key] = value;
    else if (!(key in body)) body[key] = value;
    else return { allOf: [body], ...siblings };
  }
  return body;
}

/** 3.0 `nullable: true`: `null` joins the type (and the enum), or the schema becomes `anyOf: [schema, { type: 'null' }]`. */
function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' || Array.isArray(schema.type)) {
    const types = typeof schema.type === 'string' ? [schema.type] : (schema.type as string[]);
    const out: JsonSchema = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Array.isArray(schema.anyOf) && schema.$ref === undefined && schema.allOf === undefined && schema.oneOf === undefined) {
    return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  }
  // A `null` branch joins a oneOf whose branches all have a non-null type: exactly one branch still matches each value.
  const typed = (branch: unknown) =>
    isObject(branch) && (typeof branch.type === 'string' ? branch.type !== 'null' : Array.isArray(branch.type) && !branch.type.includes('null'));
  if (Array.isArray(schema.oneOf) && schema.$ref === undefined && schema.allOf === undefined && schema.anyOf === undefined && schema.oneOf.every(typed)) {
    return { ...schema, oneOf: [...schema.oneOf, { type: 'null' }] };
  }
  const composed = schema.$ref !== undefined || schema.allOf !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined;
  if (!composed) return schema; // no type: null is already allowed
  const outer: JsonSchema = {};
  const inner: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) (ANNOTATIONS.has(key) ? outer : inner)[key] = value;
  return { anyOf: [inner, { type: 'null' }], ...outer };
}

/** Values copied from the spec (enum members, defaults) lose invisible characters in their strings, and nothing else. */
function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return stripInvisible(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (isObject(value)) {
    const out = dict();
    for (const [key, item] of Object.entries(value)) out[stripInvisible(key)] = cleanValue(item);
    return out;
  }
  return value;
}

/** Visits each definition a schema refers to, skipping properties dropped in `direction`; `pinned` for discriminator mappings. */
function eachRef(
  node: Schema,
  direction: Direction,
  converter: SchemaConverter,
  visit: (name: string, pinned: boolean) => void,
  keep: ReadonlySet<string> = new Set(),
): void {
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') {
      const name = SchemaConverter.refName(value);
      if (name) visit(name, false);
    } else if (key === 'discriminator' && isObject(value) && isObject(value.mapping)) {
      for (const ref of Object.values(value.mapping)) {
        const name = SchemaConverter.refName(ref);
        if (name) visit(name, true);
      }
    } else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      for (const [name, child] of Object.entries(value)) {
        if (key === 'properties' && !keep.has(name) && converter.isDropped(child as Schema, direction)) continue;
        eachRef(child as Schema, direction, converter, visit);
      }
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      for (const child of value) eachRef(child as Schema, direction, converter, visit);
    } else if (SCHEMA_VALUED.has(key) || key === 'items') {
      eachRef(value as Schema, direction, converter, visit);
    }
  }
}

/**
 * One tool's input or output schema from `root`, with the `$defs` it
 * reaches (see the module comment), and the problems found in them.
 */
export function bundle(
  root: JsonSchema,
  direction: Direction,
  converter: SchemaConverter,
  /** Properties of the root that are never dropped: the operation's parameters (a path parameter whose schema is `readOnly` is still an argument). */
  keep: ReadonlySet<string> = new Set(),
): { schema: JsonSchema; problems: Problem[] } {
  const problems: Problem[] = [];
  const counts = new Map<string, number>();
  const edges = new Map<string, Set<string>>();
  const pinned = new Set<string>();
  const bodies = new Map<string, Schema>();
  const queue: string[] = [];
  const count = (from: string | undefined) => (name: string, pin: boolean) => {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (pin) pinned.add(name);
    if (from !== undefined) edges.get(from)!.add(name);
    if (!bodies.has(name)) {
      const def = converter.def(name);
      bodies.set(name, def ? def.schema : {});
      if (def) problems.push(...def.problems);
      edges.set(name, new Set());
      queue.push(name);
    }
  };
  eachRef(root, direction, converter, count(undefined), keep);
  for (let i = 0; i < queue.length; i++) eachRef(bodies.get(queue[i]!)!, direction, converter, count(queue[i]!));

  const cyclic = cyclicNodes(edges);
  const inlined = new Map<string, boolean>();
  const inline = (name: string): boolean => {
    let answer = inlined.get(name);
    if (answer === undefined) {
      answer = !cyclic.has(name) && !pinned.has(name) && (counts.get(name) === 1 || JSON.stringify(bodies.get(name)).length <= TINY_DEFINITION);
      inlined.set(name, answer);
    }
    return answer;
  };

  const expand = (node: Schema): Schema => {
    if (!isObject(node)) return node;
    let out: JsonSchema = {};
    let target: Schema | undefined;
    const dropped = new Set<string>();
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') {
        const name = SchemaConverter.refName(value);
        if (name !== undefined && inline(name)) target = expand(bodies.get(name)!);
        else out.$ref = value;
      } else if (SCHEMA_MAPS.has(key) && isObject(value)) {
        const map = dict();
        for (const [name, child] of Object.entries(value)) {
          // Deprecated optional input fields are left out too: a model should not start using them, and they cost tokens.
          const deprecatedOptional =
            direction === 'input' && isObject(child) && child.deprecated === true && !(Array.isArray(node.required) && node.required.includes(name));
          const kept = node === root && keep.has(name);
          if (key === 'properties' && ((!kept && converter.isDropped(child as Schema, direction)) || deprecatedOptional)) dropped.add(name);
          else map[name] = expand(child as Schema);
        }
        out[key] = map;
      } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
        out[key] = value.map((child) => expand(child as Schema));
      } else if (SCHEMA_VALUED.has(key) || key === 'items') {
        out[key] = expand(value as Schema);
      } else if (key === 'readOnly' || key === 'writeOnly' || key === 'examples') {
        // markers for this step only (examples reach a model through argument descriptions)
      } else if (direction === 'output' && (key === 'description' || key === 'default')) {
        // results are read, not written: their prose and defaults only cost tokens
      } else {
        out[key] = value;
      }
    }
    if (dropped.size > 0 && Array.isArray(out.required)) {
      const required = (out.required as string[]).filter((name) => !dropped.has(name));
      if (required.length > 0) out.required = required;
      else delete out.required;
    }
    if (target !== undefined) {
      if (target === true || (isObject(target) && Object.keys(out).length === 0)) return target;
      if (isObject(target)) out = foldInto(structuredClone(target), out);
      else out = { allOf: [target], ...out };
    }
    return out;
  };

  const schema = expand(root) as JsonSchema;
  const kept = [...bodies.keys()].filter((name) => !inline(name)).sort();
  if (kept.length > 0) {
    const defs = dict();
    for (const name of kept) defs[name] = expand(bodies.get(name)!);
    schema.$defs = defs;
  }
  return { schema, problems };
}

/** Nodes on a cycle (Tarjan's strongly connected components: a component of two or more, or a node with an edge to itself). */
function cyclicNodes(edges: Map<string, Set<string>>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out = new Set<string>();
  let next = 0;
  // Iterative, so a long chain of definitions cannot overflow the call stack.
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; children: string[]; i: number }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: [...(edges.get(node) ?? [])], i: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++]!;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.get(frame.node)?.has(frame.node)) for (const m of component) out.add(m);
      }
    }
  }
  return out;
}
