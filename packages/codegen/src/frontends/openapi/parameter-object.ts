/**
 * Parameter Objects (path, query, header, cookie) of one operation: the path
 * item's merged with the operation's (the operation's win), each checked,
 * its schema converted and its description shortened, its serialization
 * style recorded. Protocol headers (`Accept`, `Notion-Version`…) and the
 * parameters that carry credentials are marked so they never become
 * arguments.
 */
import type { IrHttpParameter, IrParameterLocation } from '../../ir/types.js';
import { MAX_PARAMETER_DESCRIPTION_LENGTH } from './config.js';
import { childPointer, OpenApiCode, type OpenApiDiagnostics } from './diagnostics.js';
import type { JsonObject } from './document.js';
import { isObject, type Problem, type RefResolver } from './refs.js';
import type { Schema, SchemaConverter } from './schema-object.js';
import { shortDescription } from './text.js';

export interface ParameterContext {
  refs: RefResolver;
  converter: SchemaConverter;
  diagnostics: OpenApiDiagnostics;
  /** Lower-case header names that are never arguments. */
  protocolHeaders: ReadonlySet<string>;
  /** `<in>:<lower-case name>` of parameters that carry credentials (apiKey security schemes). */
  credentialParameters: ReadonlySet<string>;
}

export interface ReadParameter {
  name: string;
  in: IrParameterLocation;
  required: boolean;
  /** The argument's schema, description included. */
  schema: Schema;
  style?: NonNullable<IrHttpParameter['style']>;
  explode?: boolean;
  /** A path parameter whose value may hold `/` (see {@link allowsSlashes}). */
  allowSlashes: boolean;
  /** Set by the server, never an argument: a protocol header or a credential. */
  protocol: boolean;
  /** For a protocol header: the value the spec gives it (schema default, const or single enum value). */
  protocolValue?: unknown;
  pointer: string;
}

const LOCATIONS: readonly IrParameterLocation[] = ['path', 'query', 'header', 'cookie'];
const STYLES = new Set(['form', 'simple', 'label', 'matrix', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

/**
 * The operation's parameters, path first, then query, header and cookie
 * (spec order within each). Problems that make the operation unusable are
 * added to `problems`.
 */
export function readParameters(
  op: { path: string; pointer: string; pathItemPointer: string; operation: JsonObject; pathItem: JsonObject; subject: string },
  ctx: ParameterContext,
  problems: Problem[],
): ReadParameter[] {
  const byKey = new Map<string, { raw: unknown; pointer: string }>();
  const collect = (list: unknown, pointer: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      problems.push({ code: OpenApiCode.InvalidOperation, pointer, subject: op.subject, message: `"parameters" at ${pointer} is not an array.` });
      return;
    }
    list.forEach((raw, i) => {
      const at = childPointer(pointer, i);
      const resolved = ctx.refs.deref(raw, at, problems);
      if (!resolved) return;
      const key = `${String(resolved.value.in)}:${String(resolved.value.name)}`;
      byKey.delete(key); // an operation's parameter replaces the path item's, in the operation's position
      byKey.set(key, { raw: resolved.value, pointer: resolved.pointer });
    });
  };
  collect(op.pathItem.parameters, childPointer(op.pathItemPointer, 'parameters'));
  collect(op.operation.parameters, childPointer(op.pointer, 'parameters'));

  const out: ReadParameter[] = [];
  for (const { raw, pointer } of byKey.values()) {
    const param = read(raw as JsonObject, pointer, op.subject, ctx, problems);
    if (param) out.push(param);
  }

  // Every `{variable}` of the path needs a path parameter; a path parameter the path does not use is ignored.
  const variables = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  for (const variable of variables) {
    if (!out.some((p) => p.in === 'path' && p.name === variable)) {
      problems.push({
        code: OpenApiCode.InvalidOperation,
        pointer: op.pointer,
        subject: op.subject,
        message: `${op.subject}: the path ${op.path} has the variable {${variable}} but no path parameter named "${variable}".`,
        hint: `Add { name: "${variable}", in: "path", required: true, schema: { type: "string" } } to its parameters.`,
      });
    }
  }
  const used = out.filter((p) => p.in !== 'path' || variables.includes(p.name));
  for (const unused of out.filter((p) => !used.includes(p))) {
    ctx.diagnostics.warning({
      code: OpenApiCode.InvalidOperation,
      pointer: unused.pointer,
      subject: op.subject,
      message: `${op.subject}: path parameter "${unused.name}" does not appear in the path ${op.path}; it is ignored.`,
      hint: `Use {${unused.name}} in the path, or remove the parameter.`,
    });
  }
  return LOCATIONS.flatMap((location) => used.filter((p) => p.in === location));
}

function read(param: JsonObject, pointer: string, subject: string, ctx: ParameterContext, problems: Problem[]): ReadParameter | undefined {
  const name = param.name;
  const location = param.in as IrParameterLocation;
  if (typeof name !== 'string' || name === '' || !LOCATIONS.includes(location)) {
    problems.push({
      code: OpenApiCode.InvalidOperation,
      pointer,
      subject,
      message: `The parameter at ${pointer} needs a "name" and an "in" of path, query, header or cookie (got name ${JSON.stringify(name)}, in ${JSON.stringify(param.in)}).`,
    });
    return undefined;
  }
  let rawSchema: unknown = param.schema;
  let schemaPointer = childPointer(pointer, 'schema');
  if (rawSchema === undefined && isObject(param.content)) {
    const [mediaType, media] = Object.entries(param.content)[0] ?? [];
    if (mediaType && isObject(media)) {
      rawSchema = media.schema;
      schemaPointer = childPointer(pointer, 'content', mediaType, 'schema');
      ctx.diagnostics.warning({
        code: OpenApiCode.ContentParameter,
        pointer,
        subject,
        message: `${subject}: parameter "${name}" is described by "content" (${mediaType}); it is sent as a plain value, not serialized as ${mediaType}.`,
        hint: 'Describe the parameter with "schema" instead, or hide it and give it a fixed value in the config.',
      });
    }
  }
  const lower = name.toLowerCase();
  const protocol = (location === 'header' && ctx.protocolHeaders.has(lower)) || ctx.credentialParameters.has(`${location}:${lower}`);
  const converted = ctx.converter.convert(rawSchema ?? {}, schemaPointer, problems);

  const examples = isObject(param.examples) ? Object.values(param.examples).find((e) => isObject(e) && 'value' in e) : undefined;
  const schemaObject = isObject(rawSchema) ? rawSchema : {};
  const example = param.example ?? (isObject(examples) ? examples.value : undefined) ?? schemaObject.example ?? firstOf(schemaObject.examples);
  const description = shortDescription(param.description ?? schemaObject.description, MAX_PARAMETER_DESCRIPTION_LENGTH, example);
  let schema: Schema = converted;
  if (isObject(converted)) {
    const { description: _description, examples: _examples, ...rest } = converted;
    schema = { ...(description ? { description } : {}), ...rest, ...(param.deprecated === true ? { deprecated: true } : {}) };
  }

  const out: ReadParameter = {
    name,
    in: location,
    required: location === 'path' ? true : param.required === true,
    schema,
    allowSlashes: location === 'path' && allowsSlashes(param),
    protocol,
    pointer,
  };
  const style = typeof param.style === 'string' && STYLES.has(param.style) ? (param.style as ReadParameter['style']) : undefined;
  const structured = isStructured(converted, ctx.converter);
  if (style || typeof param.explode === 'boolean' || structured) {
    const resolvedStyle = style ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple');
    out.style = resolvedStyle;
    // `form` explodes by default; `deepObject` is only defined exploded (`filter[color]=red`)
    out.explode = typeof param.explode === 'boolean' ? param.explode : resolvedStyle === 'form' || resolvedStyle === 'deepObject';
  }
  if (protocol) {
    const value = specValue(converted, ctx.converter);
    if (value !== undefined) out.protocolValue = value;
  }
  return out;
}

/**
 * Whether a path parameter's value may contain `/`: OpenAPI's
 * `allowReserved: true`, or GitHub's `x-multi-segment: true` (on
 * `repos/get-content {path}`, `git/get-ref {ref}`, branch names…). Names
 * alone (`path`, `ref`) are not trusted: the spec must say so, or the config
 * (`tools[id].allowSlashes`).
 */
export function allowsSlashes(param: JsonObject): boolean {
  return param.allowReserved === true || param['x-multi-segment'] === true;
}

/** An array or object value: its serialization style matters. */
function isStructured(schema: Schema, converter: SchemaConverter): boolean {
  const target = converter.resolveRoot(schema, []);
  if (!isObject(target)) return false;
  const types = Array.isArray(target.type) ? target.type : [target.type];
  return types.includes('array') || types.includes('object') || (target.type === undefined && (isObject(target.properties) || target.items !== undefined));
}

/** The one value a schema gives: its default, const, or single enum value. */
function specValue(schema: Schema, converter: SchemaConverter): unknown {
  const target = converter.resolveRoot(schema, []);
  if (!isObject(target)) return undefined;
  if (target.default !== undefined) return target.default;
  if (target.const !== undefined) return target.const;
  if (Array.isArray(target.enum) && target.enum.length === 1) return target.enum[0];
  return undefined;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}
