/**
 * TypeScript types → JSON Schema (draft 2020-12), through typescript-json-schema.
 *
 * One generator serves the whole build, on the same `ts.Program` and type
 * checker that ts-morph built: each parameter's or result's `ts.Type` goes
 * straight in, so instantiated generics (`Page<Issue>`), inline object
 * types and imported types need no synthetic source file. That calls the
 * generator's `getTypeDefinition(type)` and `resetSchemaSpecificProperties()`,
 * which are `private` in its typings — hence the exact version pin in
 * package.json; `frontends/functions/*.test.ts` fail if they change.
 * `buildGenerator()` is not used: it only adds a scan of every declaration
 * in every file, lib files included, to support name-based look-ups this
 * frontend does not make.
 *
 * typescript-json-schema writes draft-07 (`definitions`, array-form `items`);
 * {@link SchemaGenerator.generate} rewrites that to 2020-12 (`$defs`,
 * `prefixItems`), gives `$defs` plain identifier names (`Page<Issue>` →
 * `Page_Issue`), and keeps only the `$defs` its roots reach.
 */
import { ts } from 'ts-morph';
import { type Definition, getDefaultArgs, JsonSchemaGenerator } from 'typescript-json-schema';
import type { JsonSchema } from '../../ir/types.js';
import { prose } from './jsdoc.js';
import { isDate } from './unsupported.js';

/** The non-public methods used; see the module comment. */
interface GeneratorInternals {
  resetSchemaSpecificProperties(includeAllOverrides?: boolean): void;
  getTypeDefinition(type: ts.Type, asRef?: boolean): Definition;
  getClassDefinition(type: ts.Type, definition: Definition): Definition;
  getDefinitionForRootType(type: ts.Type, reffedType: unknown, definition: Definition, ...rest: unknown[]): Definition;
  getIntersectionDefinition(type: ts.IntersectionType, definition: Definition): Definition;
  readonly ReffedDefinitions: Record<string, Definition>;
}

type GeneratorConstructor = new (
  symbols: unknown[],
  allSymbols: Record<string, unknown>,
  userSymbols: Record<string, unknown>,
  inheritingTypes: Record<string, unknown>,
  checker: ts.TypeChecker,
  args: typeof SETTINGS,
) => GeneratorInternals;

/**
 * Marks a schema whose TypeScript value is not what JSON.parse gives: `Date`
 * is `{ type: 'string', format: 'date-time', 'x-ts-type': 'Date' }`, so an
 * emitter can turn the ISO string into a Date before the call (and accept a
 * Date in a result), where a plain `string` with `@format date-time` stays a
 * string. JSON Schema ignores `x-` keywords.
 */
export const TS_TYPE = 'x-ts-type';

/**
 * typescript-json-schema reads index signatures only from the members of an
 * interface or type literal, so a mapped type — `Record<string, boolean>`,
 * the commonest of all — comes out as `{ type: 'object' }` and its value type
 * is lost. This adds `additionalProperties` from the checker's index info
 * wherever the library left it unset.
 */
class Generator extends (JsonSchemaGenerator as unknown as GeneratorConstructor) {
  private readonly typeChecker: ts.TypeChecker;

  constructor(checker: ts.TypeChecker) {
    super([], {}, {}, {}, checker, SETTINGS);
    this.typeChecker = checker;
  }

  override getDefinitionForRootType(type: ts.Type, reffedType: unknown, definition: Definition, ...rest: unknown[]): Definition {
    const result = super.getDefinitionForRootType(type, reffedType, definition, ...rest);
    if (isDate(type)) (result as Record<string, unknown>)[TS_TYPE] = 'Date';
    return result;
  }

  /**
   * A branded primitive (`string & { __brand: 'IssueId' }`) is the primitive on the wire; the library would
   * write `allOf: [{ type: 'string' }, { type: 'object' }]`, which no value satisfies.
   */
  override getIntersectionDefinition(type: ts.IntersectionType, definition: Definition): Definition {
    const primitives = type.types.filter((member) => member.flags & PRIMITIVE);
    if (primitives.length === 1 && type.types.every((member) => member.flags & (PRIMITIVE | ts.TypeFlags.Object))) {
      return Object.assign(definition, this.getTypeDefinition(primitives[0]!, false));
    }
    return super.getIntersectionDefinition(type, definition);
  }

  override getClassDefinition(type: ts.Type, definition: Definition): Definition {
    const result = super.getClassDefinition(type, definition);
    if (result.type === 'object' && result.additionalProperties === undefined && result.oneOf === undefined) {
      const index = this.typeChecker.getIndexInfosOfType(type).find((info) => (info.keyType.flags & STRING_OR_NUMBER_KEY) !== 0);
      if (index) result.additionalProperties = this.getTypeDefinition(index.type);
    }
    return result;
  }
}

export interface GeneratedSchemas {
  /** One schema per input type, in order. */
  roots: JsonSchema[];
  /** Named schemas the roots refer to as `#/$defs/<name>`. */
  defs: Record<string, JsonSchema>;
  /** What typescript-json-schema printed while reading the types. */
  warnings: string[];
}

const SETTINGS = {
  ...getDefaultArgs(),
  ref: true,
  aliasRef: false,
  topRef: true,
  required: true,
  strictNullChecks: true,
  ignoreErrors: true,
  noExtraProps: false,
  // A property's `@schema {…}` tag: the schema written out by hand (see jsdoc.ts).
  validationKeywords: ['schema'],
};

const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike;
const STRING_OR_NUMBER_KEY = ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.TemplateLiteral;

export class SchemaGenerator {
  private generator: GeneratorInternals;
  /** Results by the list of types asked for: tools often share parameter lists and result types. */
  private readonly cache = new Map<string, GeneratedSchemas>();
  private readonly typeIds = new WeakMap<ts.Type, number>();
  private nextId = 0;

  constructor(private readonly checker: ts.TypeChecker) {
    this.generator = this.create();
  }

  /**
   * JSON Schemas for `types`, sharing one `$defs`. Throws what
   * typescript-json-schema throws (the caller reports it); the generator is
   * rebuilt afterwards, as a throw can leave its recursion bookkeeping behind.
   */
  generate(types: readonly ts.Type[]): GeneratedSchemas {
    const key = types.map((type) => this.idOf(type)).join(',');
    let result = this.cache.get(key);
    if (!result) {
      result = this.run(types);
      this.cache.set(key, result);
    }
    // Callers add descriptions and defaults to what they get: each gets its own copy.
    return structuredClone(result);
  }

  private idOf(type: ts.Type): number {
    let id = this.typeIds.get(type);
    if (id === undefined) {
      id = this.nextId++;
      this.typeIds.set(type, id);
    }
    return id;
  }

  private run(types: readonly ts.Type[]): GeneratedSchemas {
    const warnings: string[] = [];
    let raw: Definition[];
    let reffed: Record<string, Definition>;
    // typescript-json-schema reports oddities with console.warn/console.error. The calls below are
    // synchronous, so swapping the two for their duration catches exactly its output, as diagnostics.
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    console.error = console.warn;
    try {
      this.generator.resetSchemaSpecificProperties();
      raw = types.map((type) => this.generator.getTypeDefinition(type, true));
      reffed = { ...this.generator.ReffedDefinitions };
    } catch (thrown) {
      this.generator = this.create();
      throw thrown;
    } finally {
      console.warn = warn;
      console.error = error;
    }
    return { ...toDraft2020(raw, reffed), warnings };
  }

  private create(): GeneratorInternals {
    return new Generator(this.checker);
  }
}

/** Rewrites typescript-json-schema's draft-07 output to draft 2020-12 with tidy `$defs` names. */
export function toDraft2020(
  roots: readonly Definition[],
  definitions: Readonly<Record<string, Definition>>,
): { roots: JsonSchema[]; defs: Record<string, JsonSchema> } {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const original of Object.keys(definitions)) {
    const base = defName(original);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(original, name);
  }
  const rename = (ref: string): string => {
    const original = decodeURIComponent(ref.replace(/^#\/definitions\//, ''));
    return `#/$defs/${names.get(original) ?? defName(original)}`;
  };
  const defs: Record<string, JsonSchema> = {};
  for (const [original, definition] of Object.entries(definitions)) defs[names.get(original)!] = convert(definition, rename);
  let converted = roots.map((root) => convert(root, rename));
  // `Record<string, boolean>`, `Partial<Issue>`…: written out where used rather than as `$defs` named `Record_string_boolean`.
  const inline = new Set(
    [...names].filter(([original, name]) => UTILITY_TYPE.test(original) && !reachableDefs([defs[name]], defs).has(name)).map(([, name]) => name),
  );
  if (inline.size > 0) {
    const expand = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(expand);
      if (typeof node !== 'object' || node === null) return node;
      const { $ref, ...rest } = node as Record<string, unknown>;
      const name = typeof $ref === 'string' ? $ref.slice('#/$defs/'.length) : undefined;
      const expanded = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, expand(value)]));
      if (name && inline.has(name)) return { ...(expand(defs[name]) as JsonSchema), ...expanded };
      return $ref === undefined ? expanded : { $ref, ...expanded };
    };
    converted = converted.map((root) => expand(root) as JsonSchema);
    for (const name of Object.keys(defs)) {
      if (inline.has(name)) delete defs[name];
      else defs[name] = expand(defs[name]) as JsonSchema;
    }
  }
  return { roots: converted, defs };
}

/** TypeScript's utility types: their instances are written out, not named. */
const UTILITY_TYPE = /^(Record|Partial|Required|Readonly|Pick|Omit|NonNullable|Exclude|Extract|Awaited)</;

/** `Page<Issue>` → `Page_Issue`, `Record<string,unknown>` → `Record_string_unknown`, `Api.Issue` → `Api_Issue`. */
export function defName(name: string): string {
  const id = name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return /^[0-9]/.test(id) ? `_${id}` : id || 'Schema';
}

/** Keys whose value is a schema, a list of schemas, or a map of schemas. */
const SCHEMA_KEYS = new Set(['additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems']);
const SCHEMA_LIST_KEYS = new Set(['anyOf', 'allOf', 'oneOf']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', '$defs']);
/** typescript-json-schema bookkeeping that is not JSON Schema. */
const DROPPED_KEYS = new Set(['$schema', 'definitions', 'propertyOrder', 'defaultProperties', 'typeof']);

function convert(node: unknown, rename: (ref: string) => string): JsonSchema {
  if (typeof node === 'boolean') return node ? {} : { not: {} };
  if (typeof node !== 'object' || node === null) return {};
  const source = node as Record<string, unknown>;
  // `@schema {…}` on a property: that schema, keeping the property's description and default.
  if (source.schema !== undefined && typeof source.schema === 'object' && source.schema !== null) {
    const { description, default: fallback } = source;
    return {
      ...(source.schema as JsonSchema),
      ...(description !== undefined ? { description } : {}),
      ...(fallback !== undefined ? { default: fallback } : {}),
    };
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED_KEYS.has(key) || key === 'schema') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = rename(value);
    // JSDoc on types and properties, wrapped at the source's line width: joined into paragraphs like tool descriptions
    else if (key === 'description' && typeof value === 'string') out.description = prose(value);
    else if (key === 'items' && Array.isArray(value)) {
      out.prefixItems = value.map((item) => convert(item, rename));
      // A tuple without a rest element is closed: in 2020-12 that is `items: false` (maxItems alone reads as a limit).
      if (source.additionalItems === undefined) out.items = false;
    } else if (key === 'items' || SCHEMA_KEYS.has(key)) out[key] = typeof value === 'boolean' && key !== 'items' ? value : convert(value, rename);
    else if (key === 'additionalItems') out.items = convert(value, rename);
    else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) out[key] = value.map((item) => convert(item, rename));
    else if (SCHEMA_MAP_KEYS.has(key) && typeof value === 'object' && value !== null) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema, rename)]));
    } else out[key] = value;
  }
  return out;
}

/** Names of the `$defs` a schema reaches, directly or through other `$defs`. */
export function reachableDefs(roots: readonly unknown[], defs: Readonly<Record<string, JsonSchema>>): Set<string> {
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
          const name = value.slice('#/$defs/'.length);
          if (!reached.has(name) && defs[name]) {
            reached.add(name);
            queue.push(defs[name]);
          }
        } else if (typeof value === 'object') queue.push(value);
      }
    }
  }
  return reached;
}

/**
 * A root schema that is only a reference to a `$defs` entry (an interface
 * parameter or result) made into that entry itself: MCP wants the
 * top level of an input or output schema to be the object. Annotations next
 * to the `$ref` win.
 */
export function inlineRef(schema: JsonSchema, defs: Readonly<Record<string, JsonSchema>>): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema;
  const target = defs[ref.slice('#/$defs/'.length)];
  if (!target) return schema;
  const { $ref: _ref, ...annotations } = schema;
  return inlineRef({ ...target, ...annotations }, defs);
}

/**
 * `A & B` of plain object types comes out as `allOf: [A, B]`; at the top of
 * an input or output schema that hides the fields (MCP clients and field
 * docs want `properties`), so it is merged into one object when every part
 * is a plain object schema with distinct fields. Otherwise it stays as is.
 */
export function mergeAllOf(schema: JsonSchema, defs: Readonly<Record<string, JsonSchema>>): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  const parts = (schema.allOf as JsonSchema[]).map((part) => mergeAllOf(inlineRef(part, defs), defs));
  const plain = new Set(['type', 'properties', 'required', 'description', 'title']);
  if (!parts.every((part) => part.type === 'object' && Object.keys(part).every((key) => plain.has(key)))) return schema;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const part of parts) {
    for (const [name, property] of Object.entries((part.properties ?? {}) as Record<string, unknown>)) {
      if (name in properties) return schema;
      properties[name] = property;
    }
    required.push(...((part.required ?? []) as string[]));
  }
  const { allOf: _allOf, ...rest } = schema;
  return { ...rest, type: 'object', properties, ...(required.length ? { required: [...new Set(required)].sort() } : {}) };
}

/** Attaches the `$defs` that `schema` reaches, sorted by name; none when it reaches none. */
export function withDefs(schema: JsonSchema, defs: Readonly<Record<string, JsonSchema>>): JsonSchema {
  const reached = [...reachableDefs([schema], defs)].sort();
  if (reached.length === 0) return schema;
  return { ...schema, $defs: Object.fromEntries(reached.map((name) => [name, defs[name]!])) };
}
