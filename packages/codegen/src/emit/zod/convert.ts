/**
 * JSON Schema (2020-12, with draft-07 and OpenAPI 3.0 spellings) → zod nodes.
 *
 * One function per keyword family. Every keyword is either translated,
 * known to be an annotation (ignored), or reported with TW2001 naming its
 * pointer; a malformed value is reported with TW2007. Conversion never
 * throws on schema content.
 */
import { canonicalJson } from '../header.js';
import { ZodDiagnosticCode as Code, childPointer, type DiagnosticSink } from './diagnostics.js';
import { ANNOTATION_KEYWORDS, dict, isConstraintKeyword, isJsonObject, isPlain, type JsonObject, MODIFIER_KEYWORDS, mergeSchemas } from './merge.js';
import {
  type JsonValue,
  NEVER,
  type NumberCheck,
  type ObjectMode,
  type Refinement,
  type StringCheck,
  type StringFormat,
  UNKNOWN,
  type ZodNode,
  type ZodProperty,
} from './nodes.js';

export interface ConvertContext {
  /** What objects without `additionalProperties` do with unknown keys. */
  mode: ObjectMode;
  /** What `x-ts-type: "Date"` strings become (see ZodSchemaInput.dates). */
  dates: 'parse' | 'string';
  sink: DiagnosticSink;
  /** The node for a `$ref` (a reference to a named schema, or the target converted inline). */
  resolveRef(ref: string, pointer: string): ZodNode;
  /**
   * The schema a local `$ref` points to, when it may be copied into an
   * `allOf` merge or inspected for a discriminator: it exists and no cycle
   * runs through it.
   */
  peekRef(ref: string): unknown;
  /** The converted node of a module schema, if available without recursion (used to check defaults). */
  refNode?(target: number): ZodNode | undefined;
}

/** Keywords the emitter translates. */
const TRANSLATED = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);

const STRING_FORMATS: Record<string, StringFormat> = {
  'date-time': 'date-time',
  date: 'date',
  email: 'email',
  uri: 'url',
  url: 'url',
  uuid: 'uuid',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
};

const OBJECT_KEYWORDS = ['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'];
const ARRAY_KEYWORDS = ['items', 'prefixItems', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems'];
const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern'];
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const;
type TypeName = (typeof TYPE_NAMES)[number];

/** Converts one schema (or boolean schema) found at `pointer`. */
export function convertSchema(schema: unknown, pointer: string, ctx: ConvertContext): ZodNode {
  if (schema === true) return UNKNOWN;
  if (schema === false) return NEVER;
  if (!isJsonObject(schema)) {
    ctx.sink.warn(Code.malformedKeyword, pointer, `Expected a schema (object or boolean) but found ${describeValue(schema)}; emitted z.unknown().`);
    return UNKNOWN;
  }
  reportUntranslated(schema, pointer, ctx);
  const notes: string[] = [];
  const core = convertCore(schema, pointer, ctx, notes);
  return applyModifiers(core, schema, pointer, ctx, notes);
}

function reportUntranslated(schema: JsonObject, pointer: string, ctx: ConvertContext): void {
  for (const key of Object.keys(schema)) {
    if (TRANSLATED.has(key) || MODIFIER_KEYWORDS.has(key) || ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    ctx.sink.warn(
      Code.unsupportedKeyword,
      childPointer(pointer, key),
      `The zod emitter does not translate the keyword "${key}"; it is not enforced by the generated schema.`,
      'Express the constraint with supported keywords, or validate it in the handler.',
    );
  }
}

/** nullable, description, deprecated and an unmapped string format: wrappers around the core. */
function applyModifiers(core: ZodNode, schema: JsonObject, pointer: string, ctx: ConvertContext, notes: string[]): ZodNode {
  let node = core;
  if (schema.nullable === true) node = nullable(node);
  else if ('nullable' in schema && typeof schema.nullable !== 'boolean') malformed(ctx, pointer, 'nullable', schema.nullable, 'a boolean');
  let description: string | undefined;
  if (typeof schema.description === 'string') description = schema.description;
  else if ('description' in schema) malformed(ctx, pointer, 'description', schema.description, 'a string');
  if (notes.length) description = description ? `${description} (${notes.join('; ')})` : notes.join('; ');
  const deprecated = schema.deprecated === true;
  if (description !== undefined || deprecated) node = describe(node, description, deprecated);
  return node;
}

function convertCore(schema: JsonObject, pointer: string, ctx: ConvertContext, notes: string[]): ZodNode {
  if ('$ref' in schema) {
    if (typeof schema.$ref !== 'string') {
      malformed(ctx, pointer, '$ref', schema.$ref, 'a string');
    } else if (!hasConstraints(schema, ['$ref'])) {
      return ctx.resolveRef(schema.$ref, childPointer(pointer, '$ref'));
    } else {
      return convertComposition(schema, pointer, ctx);
    }
  }
  if ('allOf' in schema || 'anyOf' in schema || 'oneOf' in schema) return convertComposition(schema, pointer, ctx);
  return convertTyped(schema, pointer, ctx, notes);
}

function hasConstraints(schema: JsonObject, except: string[]): boolean {
  return Object.keys(schema).some((key) => isConstraintKeyword(key) && !except.includes(key) && TRANSLATED.has(key));
}

// ---------------------------------------------------------------- composition

interface Located {
  schema: unknown;
  pointer: string;
}

/**
 * allOf/anyOf/oneOf, and `$ref` with sibling constraints (which 2020-12
 * applies like an allOf). Sibling constraints are merged into each union
 * branch when every piece is a plain schema; otherwise everything is
 * intersected.
 */
function convertComposition(schema: JsonObject, pointer: string, ctx: ConvertContext): ZodNode {
  const conjuncts: Located[] = [];
  if (typeof schema.$ref === 'string') conjuncts.push({ schema: { $ref: schema.$ref }, pointer });
  const rest = dict();
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' || key === 'allOf' || key === 'anyOf' || key === 'oneOf') continue;
    if (isConstraintKeyword(key) && TRANSLATED.has(key)) rest[key] = value;
  }
  // `type: object` next to a union of object schemas says nothing the branches do not: left out, so no z.intersection.
  const restKeys = Object.keys(rest);
  const redundantType =
    restKeys.length === 1 &&
    typeof rest.type === 'string' &&
    (['anyOf', 'oneOf'] as const).some(
      (k) =>
        Array.isArray(schema[k]) && (schema[k] as unknown[]).length > 0 && (schema[k] as unknown[]).every((b) => impliesType(b, rest.type as string, ctx, 0)),
    );
  if (restKeys.length && !redundantType) conjuncts.push({ schema: rest, pointer });
  if ('allOf' in schema) {
    if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
      for (const [i, item] of schema.allOf.entries()) conjuncts.push({ schema: item, pointer: childPointer(pointer, 'allOf', i) });
    } else malformed(ctx, pointer, 'allOf', schema.allOf, 'a non-empty array of schemas');
  }

  const parts: ZodNode[] = [];
  let consumed = false;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    if (!(keyword in schema)) continue;
    const branches = schema[keyword];
    if (!Array.isArray(branches) || branches.length === 0) {
      malformed(ctx, pointer, keyword, branches, 'a non-empty array of schemas');
      continue;
    }
    const located = branches.map((branch, i) => ({ schema: branch, pointer: childPointer(pointer, keyword, i) }));
    const base = !consumed && conjuncts.length ? mergeAll(conjuncts, ctx) : undefined;
    if (base && base.others.length === 0 && base.plain && located.every((b) => isPlain(b.schema))) {
      const plain = base.plain;
      const distributed = located.map((b) => mergeSchemas(plain, b.schema as JsonObject));
      if (distributed.every((d) => d !== undefined)) {
        consumed = true;
        parts.push(
          convertUnion(
            distributed.map((d, i) => ({ schema: d, pointer: located[i]!.pointer })),
            ctx,
          ),
        );
        continue;
      }
    }
    parts.push(convertUnion(located, ctx));
  }
  if (!consumed && conjuncts.length) parts.unshift(convertConjunction(conjuncts, pointer, ctx));
  if (parts.length === 0) return UNKNOWN;
  return parts.length === 1 ? parts[0]! : { kind: 'intersection', parts };
}

/** Whether every value `schema` accepts has JSON type `type` (false when unsure). */
function impliesType(schema: unknown, type: string, ctx: ConvertContext, depth: number): boolean {
  if (!isJsonObject(schema) || depth > 32 || schema.nullable === true) return false;
  if (typeof schema.$ref === 'string') {
    if (impliesType(ctx.peekRef(schema.$ref), type, ctx, depth + 1)) return true;
  }
  if (schema.type === type || (type === 'number' && schema.type === 'integer')) return true;
  if (type === 'object' && plainObjectOf(schema, ctx, depth) !== undefined && isJsonObject(schema.properties)) return true;
  if (Array.isArray(schema.allOf) && schema.allOf.some((s) => impliesType(s, type, ctx, depth + 1))) return true;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0 && branches.every((s) => impliesType(s, type, ctx, depth + 1))) return true;
  }
  return false;
}

interface Merged {
  /** All plain conjuncts merged into one schema. */
  plain?: JsonObject;
  plainPointer?: string;
  /** Conjuncts that could not be merged (kept as references or intersected). */
  others: Located[];
}

/**
 * Flattens nested allOf and, when there is more than one conjunct, inlines
 * `$ref`s to acyclic schemas so they can be merged; then merges all plain
 * conjuncts into one schema.
 */
function mergeAll(conjuncts: Located[], ctx: ConvertContext): Merged {
  const out: Merged = { others: [] };
  const inline = conjuncts.length > 1;
  const visit = (item: Located, depth: number): void => {
    const { schema } = item;
    if (schema === true || (isJsonObject(schema) && Object.keys(schema).every((k) => !isConstraintKeyword(k)))) return;
    if (depth < 32 && inline && isJsonObject(schema) && typeof schema.$ref === 'string' && !hasConstraints(schema, ['$ref'])) {
      const target = ctx.peekRef(schema.$ref);
      if (target !== undefined && (isPlain(target) || isAllOfOnly(target))) {
        visit({ schema: target, pointer: item.pointer }, depth + 1);
        return;
      }
    }
    if (depth < 32 && isAllOfOnly(schema)) {
      for (const [i, s] of (schema.allOf as unknown[]).entries()) visit({ schema: s, pointer: childPointer(item.pointer, 'allOf', i) }, depth + 1);
      return;
    }
    if (isPlain(schema)) {
      const merged = out.plain ? mergeSchemas(out.plain, withoutModifiers(schema)) : withoutModifiers(schema);
      if (merged) {
        out.plain = merged;
        out.plainPointer ??= item.pointer;
        return;
      }
    }
    out.others.push(item);
  };
  for (const item of conjuncts) visit(item, 0);
  return out;
}

function isAllOfOnly(schema: unknown): schema is JsonObject & { allOf: unknown[] } {
  return isJsonObject(schema) && Array.isArray(schema.allOf) && Object.keys(schema).every((k) => k === 'allOf' || !isConstraintKeyword(k));
}

function withoutModifiers(schema: JsonObject): JsonObject {
  const out = dict();
  for (const [key, value] of Object.entries(schema)) if (isConstraintKeyword(key)) out[key] = value;
  return out;
}

function convertConjunction(conjuncts: Located[], pointer: string, ctx: ConvertContext): ZodNode {
  if (conjuncts.length === 1) return convertSchema(conjuncts[0]!.schema, conjuncts[0]!.pointer, ctx);
  const merged = mergeAll(conjuncts, ctx);
  const parts: ZodNode[] = [];
  if (merged.plain) parts.push(convertSchema(merged.plain, merged.plainPointer ?? pointer, ctx));
  for (const other of merged.others) parts.push(convertSchema(other.schema, other.pointer, ctx));
  if (parts.length === 0) return UNKNOWN;
  return parts.length === 1 ? parts[0]! : { kind: 'intersection', parts };
}

/**
 * anyOf/oneOf → z.union. A `null` branch becomes `.nullable()`; branches
 * that are all objects told apart by one required literal property become
 * z.discriminatedUnion. oneOf's "exactly one" is not enforced (see the
 * list of deliberate differences in zod.ts): zod takes the first branch that matches.
 */
function convertUnion(branches: Located[], ctx: ConvertContext): ZodNode {
  const options: ZodNode[] = [];
  const sources: Located[] = [];
  let sawNull = false;
  for (const branch of branches) {
    let node = convertSchema(branch.schema, branch.pointer, ctx);
    if (node.kind === 'nullable') {
      sawNull = true;
      node = node.inner;
    }
    if (node.kind === 'null') sawNull = true;
    else if (node.kind === 'union' && node.discriminator === undefined) {
      // a branch that is itself a plain union (e.g. `type: [string, number]`) joins this one
      options.push(...node.options);
      sources.push(...node.options.map(() => ({ schema: undefined, pointer: branch.pointer })));
    } else {
      options.push(node);
      sources.push(branch);
    }
  }
  let node: ZodNode;
  if (options.length === 0) node = { kind: 'null' };
  else if (options.length === 1) node = options[0]!;
  else if (options.some((o) => o.kind === 'unknown')) node = UNKNOWN;
  else {
    const discriminator = findDiscriminator(sources, ctx);
    node = discriminator ? { kind: 'union', options, discriminator } : { kind: 'union', options };
  }
  return sawNull && options.length ? nullable(node) : node;
}

/**
 * The property every branch requires with literal values (`const`, or an
 * `enum` of primitives) that no other branch uses, if there is one. Only when
 * every branch will be emitted as a z.object: an inline object schema, an
 * allOf that merges into one, or a `$ref` to such a schema off any cycle.
 */
function findDiscriminator(branches: Located[], ctx: ConvertContext): string | undefined {
  const shapes: { properties: JsonObject; required: unknown[] }[] = [];
  for (const branch of branches) {
    const schema = plainObjectOf(branch.schema, ctx, 0);
    if (!schema || !isJsonObject(schema.properties) || !Array.isArray(schema.required)) return undefined;
    shapes.push({ properties: schema.properties, required: schema.required });
  }
  const first = shapes[0];
  if (!first) return undefined;
  for (const key of Object.keys(first.properties)) {
    const seen = new Set<string>();
    const ok = shapes.every((shape) => {
      const values = literalValues(shape.properties[key]);
      if (!values || !shape.required.includes(key)) return false;
      for (const value of values) {
        const id = canonicalJson(value);
        if (seen.has(id)) return false;
        seen.add(id);
      }
      return true;
    });
    if (ok) return key;
  }
  return undefined;
}

/** The single plain object schema `schema` is emitted from, if it is one. */
function plainObjectOf(schema: unknown, ctx: ConvertContext, depth: number): JsonObject | undefined {
  if (!isJsonObject(schema) || depth > 32 || schema.nullable === true) return undefined;
  if ('anyOf' in schema || 'oneOf' in schema) return undefined;
  let plain: JsonObject | undefined;
  if (typeof schema.$ref === 'string' && !hasConstraints(schema, ['$ref'])) return plainObjectOf(ctx.peekRef(schema.$ref), ctx, depth + 1);
  if ('allOf' in schema || '$ref' in schema) {
    const conjuncts: Located[] = [];
    if (typeof schema.$ref === 'string') conjuncts.push({ schema: { $ref: schema.$ref }, pointer: '' });
    const rest = dict();
    for (const [key, value] of Object.entries(schema))
      if (key !== '$ref' && key !== 'allOf' && isConstraintKeyword(key) && TRANSLATED.has(key)) rest[key] = value;
    if (Object.keys(rest).length) conjuncts.push({ schema: rest, pointer: '' });
    if (Array.isArray(schema.allOf)) for (const item of schema.allOf) conjuncts.push({ schema: item, pointer: '' });
    if (conjuncts.length < 2) return undefined;
    const merged = mergeAll(conjuncts, ctx);
    if (merged.others.length) return undefined;
    plain = merged.plain;
  } else if (isPlain(schema)) plain = schema;
  if (!plain || (plain.type !== undefined && plain.type !== 'object')) return undefined;
  return plain;
}

function literalValues(schema: unknown): (string | number | boolean)[] | undefined {
  if (!isPlain(schema) || schema.nullable === true) return undefined;
  const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) && schema.enum.length > 0 ? schema.enum : undefined;
  if (!values?.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return undefined;
  return values as (string | number | boolean)[];
}

// ---------------------------------------------------------------- type, enum, const

function convertTyped(schema: JsonObject, pointer: string, ctx: ConvertContext, notes: string[]): ZodNode {
  const declared = readTypes(schema, pointer, ctx);
  let literals: { values: unknown[]; keyword: string } | undefined;
  if ('const' in schema) literals = { values: [schema.const], keyword: 'const' };
  else if ('enum' in schema) {
    if (Array.isArray(schema.enum)) literals = { values: schema.enum, keyword: 'enum' };
    else malformed(ctx, pointer, 'enum', schema.enum, 'an array');
  }
  if (literals) {
    // Constraints next to enum/const narrow the listed values: checked here, at generation time.
    const constrained = Object.keys(schema).some((k) => k !== 'type' && k !== 'enum' && k !== 'const' && TRANSLATED.has(k));
    const filter = constrained ? convertTypes(schema, declared ?? [...TYPE_NAMES], pointer, ctx, []) : undefined;
    return convertLiterals(literals.values, declared, schema, pointer, literals.keyword, ctx, filter);
  }
  const types = declared ?? inferTypes(schema);
  if (types.length === 0) return UNKNOWN;
  return convertTypes(schema, types, pointer, ctx, notes);
}

/** One node per type (a union for several), each with the keywords that apply to it. */
function convertTypes(schema: JsonObject, types: readonly TypeName[], pointer: string, ctx: ConvertContext, notes: string[]): ZodNode {
  const nodes: ZodNode[] = [];
  for (const type of types) {
    switch (type) {
      case 'string':
        nodes.push(convertString(schema, pointer, ctx, notes));
        break;
      case 'number':
      case 'integer':
        if (type === 'integer' && types.includes('number')) break;
        nodes.push(convertNumber(schema, pointer, ctx, type === 'integer'));
        break;
      case 'boolean':
        nodes.push({ kind: 'boolean' });
        break;
      case 'array':
        nodes.push(convertArray(schema, pointer, ctx));
        break;
      case 'object':
        nodes.push(convertObject(schema, pointer, ctx));
        break;
      case 'null':
        break;
    }
  }
  const allowsNull = types.includes('null');
  if (nodes.length === 0) return allowsNull ? { kind: 'null' } : NEVER;
  const node: ZodNode = nodes.length === 1 ? nodes[0]! : { kind: 'union', options: nodes };
  return allowsNull ? nullable(node) : node;
}

/** `type` as a list, or undefined when absent (or unusable). */
function readTypes(schema: JsonObject, pointer: string, ctx: ConvertContext): TypeName[] | undefined {
  if (!('type' in schema)) return undefined;
  const raw = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
  const types = (raw ?? []).filter((t): t is TypeName => TYPE_NAMES.includes(t as TypeName));
  if (!raw || raw.length === 0 || types.length !== raw.length) {
    malformed(ctx, pointer, 'type', schema.type, `one of ${TYPE_NAMES.join(', ')} or a non-empty array of them`);
    if (types.length === 0) return undefined;
  }
  return [...new Set(types)];
}

/**
 * Without `type`, the keywords present decide it: `properties` means an
 * object, `items` an array, and so on. (Strict JSON Schema would let any
 * other type through; schemas written this way almost always mean the type
 * their keywords describe.)
 */
function inferTypes(schema: JsonObject): TypeName[] {
  const types: TypeName[] = [];
  if (OBJECT_KEYWORDS.some((k) => k in schema)) types.push('object');
  if (ARRAY_KEYWORDS.some((k) => k in schema)) types.push('array');
  if (STRING_KEYWORDS.some((k) => k in schema) || (typeof schema.format === 'string' && schema.format in STRING_FORMATS)) types.push('string');
  if (NUMBER_KEYWORDS.some((k) => k in schema)) types.push('number');
  if (types.length && schema.nullable === true) types.push('null');
  return types;
}

function matchesType(value: unknown, types: readonly TypeName[]): boolean {
  return types.some((type) => {
    switch (type) {
      case 'string':
        return typeof value === 'string';
      case 'number':
        return typeof value === 'number';
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'null':
        return value === null;
      case 'array':
        return Array.isArray(value);
      case 'object':
        return isJsonObject(value);
    }
    return false;
  });
}

/** enum/const: z.enum for strings, z.literal for one value, a union of literals otherwise. */
function convertLiterals(
  values: unknown[],
  types: TypeName[] | undefined,
  schema: JsonObject,
  pointer: string,
  keyword: string,
  ctx: ConvertContext,
  constraints: ZodNode | undefined,
): ZodNode {
  let allowed = types ? values.filter((v) => matchesType(v, schema.nullable === true ? [...types, 'null'] : types)) : values;
  if (allowed.some((v) => typeof v === 'object' && v !== null)) {
    ctx.sink.warn(
      Code.structuredLiteral,
      childPointer(pointer, keyword),
      `"${keyword}" with object or array values is not translated; emitted z.unknown(), which accepts any value.`,
      'Use primitive values in enum/const.',
    );
    return UNKNOWN;
  }
  if (constraints) allowed = allowed.filter((v) => (v === null && schema.nullable === true) || fitsNode(v, constraints, ctx, 'output', 0));
  const seen = new Set<unknown>();
  const primitives: (string | number | boolean)[] = [];
  let hasNull = false;
  for (const value of allowed) {
    if (value === null) hasNull = true;
    else if (!seen.has(value)) {
      seen.add(value);
      primitives.push(value as string | number | boolean);
    }
  }
  let node: ZodNode;
  if (primitives.length === 0) node = hasNull ? { kind: 'null' } : NEVER;
  else if (primitives.length === 1) node = { kind: 'literal', value: primitives[0]! };
  else if (primitives.every((v) => typeof v === 'string')) node = { kind: 'enum', values: primitives as string[] };
  else node = { kind: 'union', options: primitives.map((value) => ({ kind: 'literal', value })) };
  return hasNull && primitives.length ? nullable(node) : node;
}

// ---------------------------------------------------------------- string, number

function convertString(schema: JsonObject, pointer: string, ctx: ConvertContext, notes: string[]): ZodNode {
  const checks: StringCheck[] = [];
  const min = count(schema, 'minLength', pointer, ctx);
  const max = count(schema, 'maxLength', pointer, ctx);
  if (min !== undefined && min === max) checks.push({ check: 'length', value: min });
  else {
    if (min !== undefined && min > 0) checks.push({ check: 'min', value: min });
    if (max !== undefined) checks.push({ check: 'max', value: max });
  }
  if ('pattern' in schema) {
    const regex = typeof schema.pattern === 'string' ? compilePattern(schema.pattern) : undefined;
    if (typeof schema.pattern !== 'string') malformed(ctx, pointer, 'pattern', schema.pattern, 'a string');
    else if (!regex) {
      ctx.sink.warn(
        Code.invalidPattern,
        childPointer(pointer, 'pattern'),
        `The pattern ${JSON.stringify(schema.pattern)} is not a valid ECMAScript regular expression; it is not enforced.`,
        'Fix the pattern in the schema.',
      );
    } else checks.push({ check: 'regex', source: schema.pattern, flags: regex.flags });
  }
  let format: StringFormat | undefined;
  if ('format' in schema) {
    if (typeof schema.format !== 'string') malformed(ctx, pointer, 'format', schema.format, 'a string');
    else {
      format = Object.hasOwn(STRING_FORMATS, schema.format) ? STRING_FORMATS[schema.format] : undefined;
      if (!format) notes.push(`format: ${schema.format}`);
    }
  }
  // A TypeScript Date, sent as an ISO string: inputs hand the function a Date.
  const toDate = ctx.dates === 'parse' && schema['x-ts-type'] === 'Date' && format === 'date-time';
  return { kind: 'string', ...(format ? { format } : {}), checks, ...(toDate ? { toDate } : {}) };
}

/**
 * JSON Schema patterns are ECMA-262 regular expressions, unanchored. The
 * `u` flag (as ajv uses) when the pattern compiles with it, so `\p{L}` and
 * astral characters behave; otherwise without it, for patterns written in
 * the legacy syntax (e.g. `\-` outside a class).
 */
function compilePattern(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // try the next flag set
    }
  }
  return undefined;
}

function convertNumber(schema: JsonObject, pointer: string, ctx: ConvertContext, integer: boolean): ZodNode {
  const checks: NumberCheck[] = [];
  const num = (key: string): number | undefined => {
    if (!(key in schema)) return undefined;
    const value = schema[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value !== 'boolean' || (key !== 'exclusiveMinimum' && key !== 'exclusiveMaximum')) malformed(ctx, pointer, key, value, 'a number');
    return undefined;
  };
  const minimum = num('minimum');
  const maximum = num('maximum');
  const exclusiveMinimum = num('exclusiveMinimum');
  const exclusiveMaximum = num('exclusiveMaximum');
  // draft-04 / OpenAPI 3.0: `exclusiveMinimum: true` makes `minimum` exclusive
  if (minimum !== undefined) checks.push({ check: schema.exclusiveMinimum === true ? 'gt' : 'min', value: minimum });
  if (exclusiveMinimum !== undefined) checks.push({ check: 'gt', value: exclusiveMinimum });
  if (maximum !== undefined) checks.push({ check: schema.exclusiveMaximum === true ? 'lt' : 'max', value: maximum });
  if (exclusiveMaximum !== undefined) checks.push({ check: 'lt', value: exclusiveMaximum });
  const multipleOf = num('multipleOf');
  if (multipleOf !== undefined) {
    if (multipleOf > 0) checks.push({ check: 'multipleOf', value: multipleOf });
    else malformed(ctx, pointer, 'multipleOf', multipleOf, 'a number greater than 0');
  }
  return { kind: 'number', integer, checks };
}

/** A non-negative integer keyword (minLength, maxItems, ...). */
function count(schema: JsonObject, key: string, pointer: string, ctx: ConvertContext): number | undefined {
  if (!(key in schema)) return undefined;
  const value = schema[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  malformed(ctx, pointer, key, value, 'a non-negative integer');
  return undefined;
}

// ---------------------------------------------------------------- array

function convertArray(schema: JsonObject, pointer: string, ctx: ConvertContext): ZodNode {
  const minItems = count(schema, 'minItems', pointer, ctx);
  const maxItems = count(schema, 'maxItems', pointer, ctx);
  let node: ZodNode;
  const prefixKeyword =
    Array.isArray(schema.prefixItems) && schema.prefixItems.length > 0
      ? 'prefixItems'
      : Array.isArray(schema.items) && schema.items.length > 0
        ? 'items'
        : undefined;
  if (prefixKeyword) {
    const prefix = schema[prefixKeyword] as unknown[];
    const items = prefix.map((item, i) => convertSchema(item, childPointer(pointer, prefixKeyword, i), ctx));
    // 2020-12: prefixItems + items (rest); draft-07: items array + additionalItems
    const restKeyword = prefixKeyword === 'prefixItems' ? 'items' : 'additionalItems';
    const restSchema = schema[restKeyword];
    const rest = restSchema === undefined ? UNKNOWN : restSchema === false ? undefined : convertSchema(restSchema, childPointer(pointer, restKeyword), ctx);
    const required = Math.min(minItems ?? 0, items.length);
    node = {
      kind: 'tuple',
      items,
      required,
      ...(rest ? { rest } : {}),
      ...(minItems !== undefined && minItems > items.length ? { minItems } : {}),
      ...(maxItems !== undefined && (rest || maxItems < items.length) ? { maxItems } : {}),
    };
  } else {
    if ('prefixItems' in schema && !Array.isArray(schema.prefixItems)) malformed(ctx, pointer, 'prefixItems', schema.prefixItems, 'an array of schemas');
    // An empty prefix (prefixItems: [] or draft-07 items: []) leaves only the rest schema.
    // (draft-07 additionalItems applies only after an items array; JSON Schema ignores it otherwise, and so do we.)
    const restKeyword = Array.isArray(schema.items) ? 'additionalItems' : 'items';
    const items = restKeyword in schema ? convertSchema(schema[restKeyword], childPointer(pointer, restKeyword), ctx) : UNKNOWN;
    node = {
      kind: 'array',
      items,
      ...(minItems !== undefined && minItems > 0 ? { minItems } : {}),
      ...(maxItems !== undefined ? { maxItems } : {}),
    };
  }
  if (schema.uniqueItems === true) node = refine(node, { refine: 'uniqueItems' });
  else if ('uniqueItems' in schema && typeof schema.uniqueItems !== 'boolean') malformed(ctx, pointer, 'uniqueItems', schema.uniqueItems, 'a boolean');
  return node;
}

// ---------------------------------------------------------------- object

function convertObject(schema: JsonObject, pointer: string, ctx: ConvertContext): ZodNode {
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  if ('properties' in schema && !isJsonObject(schema.properties)) malformed(ctx, pointer, 'properties', schema.properties, 'an object of schemas');
  let required: string[] = [];
  if (Array.isArray(schema.required) && schema.required.every((r) => typeof r === 'string')) required = [...new Set(schema.required as string[])];
  else if ('required' in schema) malformed(ctx, pointer, 'required', schema.required, 'an array of property names');

  const props: ZodProperty[] = [];
  for (const [key, propSchema] of Object.entries(properties)) {
    const propPointer = childPointer(pointer, 'properties', key);
    const value = convertSchema(propSchema, propPointer, ctx);
    const optional = !required.includes(key);
    const prop: ZodProperty = { key, value, optional };
    const fallback = optional ? defaultOf(propSchema, ctx) : undefined;
    if (fallback !== undefined) {
      if (fitsNode(fallback, value, ctx, 'output', 0)) prop.default = fallback;
      else if (fitsNode(fallback, value, ctx, 'input', 0)) {
        prop.default = fallback;
        prop.prefault = true;
      } else {
        ctx.sink.warn(
          Code.invalidDefault,
          childPointer(propPointer, 'default'),
          `The default ${truncate(JSON.stringify(fallback))} does not match the property's schema; it is not applied.`,
          'Fix the default in the schema.',
        );
      }
    }
    props.push(prop);
  }
  // `required` names a property `properties` does not describe: any value, but present
  for (const key of required) if (!Object.hasOwn(properties, key)) props.push({ key, value: UNKNOWN, optional: false });

  const additional = schema.additionalProperties;
  let mode = ctx.mode;
  let catchall: ZodNode | undefined;
  let closed = false;
  if (additional === false) {
    mode = 'strict';
    closed = true;
  } else if (additional === true || (isJsonObject(additional) && Object.keys(additional).length === 0)) mode = 'loose';
  else if (additional !== undefined) {
    catchall = convertSchema(additional, childPointer(pointer, 'additionalProperties'), ctx);
    if (catchall.kind === 'unknown') {
      catchall = undefined;
      mode = 'loose';
    } else if (catchall.kind === 'never') {
      catchall = undefined;
      mode = 'strict';
      closed = true;
    }
  }

  let node: ZodNode;
  if (props.length === 0 && !closed) {
    // A free-form object (or a map): keep every key, whatever the mode.
    node = { kind: 'record', values: catchall ?? UNKNOWN };
  } else {
    node = catchall ? { kind: 'object', properties: props, mode, catchall } : { kind: 'object', properties: props, mode };
  }
  // Counted on the parsed value: with mode "strip", undeclared keys are not counted.
  for (const key of ['minProperties', 'maxProperties'] as const) {
    const value = count(schema, key, pointer, ctx);
    if (value !== undefined && !(key === 'minProperties' && value === 0)) node = refine(node, { refine: key, value });
  }
  return node;
}

// ---------------------------------------------------------------- defaults

/**
 * Whether `value` is a valid output (or input) of `node`: types, literals,
 * required keys, no excess keys, and the length, range, pattern and
 * uniqueness checks. zod 4 does not parse a `.default()` value, so one that
 * does not fit would be a type error in the generated file and a wrong value
 * at runtime. Formats are not checked.
 */
/**
 * A property's `default`: its own, or that of the schema its `$ref` names
 * (annotations of a referenced schema apply at the referring location).
 */
function defaultOf(schema: unknown, ctx: ConvertContext): JsonValue | undefined {
  if (!isJsonObject(schema)) return undefined;
  if ('default' in schema) return schema.default as JsonValue;
  if (typeof schema.$ref === 'string' && !hasConstraints(schema, ['$ref'])) {
    const target = ctx.peekRef(schema.$ref);
    if (isJsonObject(target) && 'default' in target) return target.default as JsonValue;
  }
  return undefined;
}

function fitsNode(value: unknown, node: ZodNode, ctx: ConvertContext, mode: 'output' | 'input', depth: number): boolean {
  if (depth > 64) return false;
  const fits = (v: unknown, n: ZodNode) => fitsNode(v, n, ctx, mode, depth + 1);
  switch (node.kind) {
    case 'unknown':
      return value !== undefined;
    case 'never':
      return false;
    case 'string':
      return typeof value === 'string' && node.checks.every((check) => fitsStringCheck(value, check));
    case 'number':
      return typeof value === 'number' && (!node.integer || Number.isSafeInteger(value)) && node.checks.every((check) => fitsNumberCheck(value, check));
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'literal':
      return value === node.value;
    case 'enum':
      return typeof value === 'string' && node.values.includes(value);
    case 'array':
      return (
        Array.isArray(value) &&
        value.length >= (node.minItems ?? 0) &&
        value.length <= (node.maxItems ?? Number.POSITIVE_INFINITY) &&
        value.every((item) => fits(item, node.items))
      );
    case 'tuple':
      return (
        Array.isArray(value) &&
        value.length >= Math.max(node.required, node.minItems ?? 0) &&
        value.length <= (node.rest ? (node.maxItems ?? Number.POSITIVE_INFINITY) : Math.min(node.items.length, node.maxItems ?? Number.POSITIVE_INFINITY)) &&
        value.every((item, i) => fits(item, node.items[i] ?? node.rest!))
      );
    case 'object': {
      if (!isJsonObject(value)) return false;
      const declared = new Map(node.properties.map((p) => [p.key, p]));
      for (const prop of node.properties) {
        // a property with a default is always there once parsed
        const required = !prop.optional || (mode === 'output' && prop.default !== undefined);
        if (required && !Object.hasOwn(value, prop.key)) return false;
      }
      return Object.entries(value).every(([key, v]) => {
        const prop = declared.get(key);
        if (prop) return fits(v, prop.value);
        if (node.catchall) return fits(v, node.catchall);
        return node.mode === 'loose';
      });
    }
    case 'record':
      return isJsonObject(value) && Object.values(value).every((v) => fits(v, node.values));
    case 'union':
      return node.options.some((option) => fits(value, option));
    case 'intersection':
      return node.parts.every((part) => fits(value, part));
    case 'nullable':
      return value === null || fits(value, node.inner);
    case 'refine':
      return fitsRefinement(value, node.refinement) && fits(value, node.inner);
    case 'describe':
      return fits(value, node.inner);
    case 'ref': {
      const target = ctx.refNode?.(node.target);
      return target !== undefined && fits(value, target);
    }
    case 'identifier':
      return false;
  }
}

function fitsStringCheck(value: string, check: StringCheck): boolean {
  switch (check.check) {
    case 'min':
      return value.length >= check.value;
    case 'max':
      return value.length <= check.value;
    case 'length':
      return value.length === check.value;
    case 'regex':
      return new RegExp(check.source, check.flags).test(value);
  }
}

function fitsNumberCheck(value: number, check: NumberCheck): boolean {
  switch (check.check) {
    case 'min':
      return value >= check.value;
    case 'max':
      return value <= check.value;
    case 'gt':
      return value > check.value;
    case 'lt':
      return value < check.value;
    case 'multipleOf': {
      const quotient = value / check.value;
      return Math.abs(quotient - Math.round(quotient)) < 1e-9;
    }
  }
}

function fitsRefinement(value: unknown, refinement: Refinement): boolean {
  switch (refinement.refine) {
    case 'uniqueItems':
      return Array.isArray(value) && new Set(value.map((item) => JSON.stringify(item))).size === value.length;
    case 'minProperties':
      return isJsonObject(value) && Object.keys(value).length >= refinement.value;
    case 'maxProperties':
      return isJsonObject(value) && Object.keys(value).length <= refinement.value;
  }
}

// ---------------------------------------------------------------- helpers

export function nullable(node: ZodNode): ZodNode {
  if (node.kind === 'nullable' || node.kind === 'null' || node.kind === 'unknown') return node;
  if (node.kind === 'describe') return { ...node, inner: nullable(node.inner) };
  return { kind: 'nullable', inner: node };
}

/** Wraps with a description; an inner description is replaced (the outer schema has the last word). */
export function describe(node: ZodNode, description: string | undefined, deprecated: boolean): ZodNode {
  if (node.kind === 'describe') {
    const text = description ?? node.description;
    return {
      kind: 'describe',
      inner: node.inner,
      ...(text !== undefined ? { description: text } : {}),
      ...(deprecated || node.deprecated ? { deprecated: true } : {}),
    };
  }
  return { kind: 'describe', inner: node, ...(description !== undefined ? { description } : {}), ...(deprecated ? { deprecated: true } : {}) };
}

function refine(node: ZodNode, refinement: Refinement): ZodNode {
  return { kind: 'refine', inner: node, refinement };
}

function malformed(ctx: ConvertContext, pointer: string, key: string, value: unknown, expected: string): void {
  ctx.sink.warn(
    Code.malformedKeyword,
    childPointer(pointer, key),
    `"${key}" should be ${expected} but is ${describeValue(value)}; it is ignored.`,
    'Fix the schema.',
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${truncate(JSON.stringify(value))}`;
}

function truncate(text: string | undefined): string {
  if (text === undefined) return 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
