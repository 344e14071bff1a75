/**
 * One Operation Object → one `IrTool` with an HTTP binding. The input is one
 * flat object: path, query, header and cookie parameters, then the body's
 * fields side by side (or the body as one `body` argument when it is not an
 * object with named fields). Argument names are the wire names where those
 * are identifiers; a clash is resolved deterministically (`id`, `id_2`; a
 * body field that clashes with a parameter becomes `body_<name>`), and
 * `binding.parameters` / `binding.body.fields` record which argument goes
 * where under which wire name.
 */
import type { IrAnnotations, IrHttpBinding, IrHttpParameter, IrTool, JsonSchema } from '../../ir/types.js';
import { MAX_PARAMETER_DESCRIPTION_LENGTH, type OpenApiToolConfig } from './config.js';
import { OpenApiCode, type OpenApiDiagnostics } from './diagnostics.js';
import type { JsonObject } from './document.js';
import { argName, UniqueNames } from './names.js';
import { type ParameterContext, readParameters } from './parameter-object.js';
import { isObject, type Problem } from './refs.js';
import { readBody } from './request-body-object.js';
import { readOutput } from './response-object.js';
import { bundle, type Schema } from './schema-object.js';
import { shortDescription, toolDescription } from './text.js';

export type HttpMethod = IrHttpBinding['method'];
export const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** An operation found in `paths`, before it is read. */
export interface OperationEntry {
  path: string;
  method: HttpMethod;
  operation: JsonObject;
  pathItem: JsonObject;
  pointer: string;
  pathItemPointer: string;
  operationId?: string;
  /** What config globs and `tools` keys match: the operationId, or `<method> <path>`. */
  key: string;
  deprecated: boolean;
  tags: string[];
}

export interface OperationContext extends ParameterContext {
  diagnostics: OpenApiDiagnostics;
  specFile: string;
  profile: string;
  maxDescriptionLength: number;
  maxOutputSchemaBytes: number;
}

export interface BuiltTool {
  tool?: IrTool;
  /** Bytes of the output schema left out for its size. */
  droppedOutputBytes?: number;
}

/**
 * Builds the tool named `name`. Problems (bad refs, malformed parameters,
 * config entries that name nothing) are reported as errors and leave the
 * tool out: no tool with a half-right schema.
 */
export function toTool(entry: OperationEntry, name: string, override: OpenApiToolConfig | undefined, ctx: OperationContext): BuiltTool {
  const problems: Problem[] = [];
  const subject = entry.key;
  const params = readParameters({ ...entry, subject }, ctx, problems);
  const body = readBody({ operation: entry.operation, pointer: entry.pointer, subject }, ctx, problems);

  const names = new UniqueNames();
  // Null-prototype maps: names come from the spec, and `__proto__` must be a key like any other.
  const properties: Record<string, Schema> = Object.create(null);
  const required: string[] = [];
  const parameters: (IrHttpParameter & { wire: string })[] = [];
  const fixed: Record<string, unknown> = Object.create(null);
  const slashes = new Set(override?.allowSlashes ?? []);

  // Headers and cookies are conventionally Kebab-Case (`X-Request-Id`); as arguments they read better as `x_request_id`.
  const argFor = (param: { name: string; in: string }) =>
    param.in === 'header' || param.in === 'cookie' ? argName(param.name).toLowerCase() : argName(param.name);
  for (const param of params.filter((p) => !p.protocol)) {
    const arg = names.take(argFor(param));
    properties[arg] = param.schema;
    if (param.required) required.push(arg);
    parameters.push({
      arg,
      name: param.name,
      in: param.in,
      required: param.required,
      ...(param.style ? { style: param.style } : {}),
      ...(param.explode !== undefined ? { explode: param.explode } : {}),
      ...(param.allowSlashes || (param.in === 'path' && (slashes.has(param.name) || slashes.has(arg))) ? { allowSlashes: true as const } : {}),
      wire: param.name,
    });
  }
  for (const name of slashes) {
    if (!parameters.some((p) => p.in === 'path' && (p.wire === name || p.arg === name))) {
      problems.push({
        code: OpenApiCode.UnknownReference,
        subject,
        message: `tools["${subject}"].allowSlashes names "${name}", which is not a path parameter of this operation.`,
        hint: `Path parameters: ${
          parameters
            .filter((p) => p.in === 'path')
            .map((p) => p.wire)
            .join(', ') || '(none)'
        }.`,
      });
    }
  }
  const fieldArgs: { arg: string; name: string }[] = [];
  let wholeBody: string | undefined;
  if (body?.fields) {
    for (const field of body.fields) {
      const base = argName(field.name);
      const arg = names.take(names.has(base) ? `body_${base}` : base);
      properties[arg] = withExample(field.schema);
      if (field.required) required.push(arg);
      fieldArgs.push({ arg, name: field.name });
    }
  } else if (body) {
    wholeBody = names.take(names.has('body') ? 'request_body' : 'body');
    properties[wholeBody] = body.whole ?? {};
    if (body.required) required.push(wholeBody);
    fieldArgs.push({ arg: wholeBody, name: 'body' });
  }
  // Protocol headers the spec gives a value (Notion's `Notion-Version` per operation): set by the server, never arguments.
  for (const param of params.filter((p) => p.protocol && p.protocolValue !== undefined)) {
    const arg = names.take(argFor(param));
    parameters.push({ arg, name: param.name, in: param.in, required: false, wire: param.name });
    fixed[arg] = param.protocolValue;
  }

  applyOverrides(override, { subject, properties, required, parameters, fieldArgs, fixed }, problems);
  let bodyBinding: IrHttpBinding['body'];
  if (body && wholeBody === undefined) bodyBinding = { contentType: body.contentType, fields: fieldArgs, required: body.required };
  else if (body && wholeBody !== undefined && fieldArgs.length > 0)
    bodyBinding = { contentType: body.contentType, fields: { whole: wholeBody }, required: body.required };

  const root: JsonSchema = { type: 'object', properties };
  if (required.length > 0) root.required = required;
  const input = bundle(root, 'input', ctx.converter, new Set(parameters.map((p) => p.arg)));
  problems.push(...input.problems);
  const output = readOutput(entry, { refs: ctx.refs, converter: ctx.converter, maxBytes: ctx.maxOutputSchemaBytes }, problems);

  if (problems.length > 0) {
    for (const problem of problems) ctx.diagnostics.error({ ...problem, pointer: problem.pointer ?? entry.pointer, subject: problem.subject ?? subject });
    return {};
  }
  if (hasServers(entry.operation) || hasServers(entry.pathItem)) {
    ctx.diagnostics.warning({
      code: OpenApiCode.OperationServers,
      pointer: entry.pointer,
      subject,
      message: `${subject} declares its own servers; the tool calls the profile's base URL like every other tool.`,
      hint: 'Exclude the operation, or serve it from a second config whose profile.baseUrl is that server.',
    });
  }

  const binding: IrHttpBinding = {
    kind: 'http',
    method: entry.method,
    path: entry.path,
    parameters: parameters.map(({ wire: _wire, ...p }) => p),
    ...(bodyBinding ? { body: bodyBinding } : {}),
    profile: ctx.profile,
  };
  if (Object.keys(fixed).length > 0) binding.fixed = fixed;

  const description = override?.description ?? describe(entry, ctx.maxDescriptionLength);
  const tool: IrTool = {
    name,
    description,
    input: input.schema,
    ...(output.schema ? { output: output.schema } : {}),
    annotations: { ...annotationsFor(entry.method), ...(override?.annotations ?? {}) },
    ...(entry.deprecated ? { deprecated: true as const } : {}),
    examples: [],
    source: {
      kind: 'openapi',
      spec: ctx.specFile,
      pointer: entry.pointer,
      method: entry.method,
      path: entry.path,
      operationId: entry.operationId ?? entry.key,
    },
    binding,
  };
  return { tool, ...(output.droppedBytes !== undefined ? { droppedOutputBytes: output.droppedBytes } : {}) };
}

function describe(entry: OperationEntry, max: number): string {
  const prefix = entry.deprecated ? 'Deprecated. ' : '';
  const text = toolDescription(entry.operation.summary, entry.operation.description, max - prefix.length);
  return `${prefix}${text || `${entry.method.toUpperCase()} ${entry.path}.`}`;
}

/**
 * From the HTTP method: GET/HEAD/OPTIONS read; POST adds (not destructive);
 * PUT and DELETE are idempotent; DELETE destroys. PUT and PATCH leave
 * `destructive` unset, which clients read as "may destroy" — they overwrite.
 * Every tool reaches an outside service: open world.
 */
export function annotationsFor(method: HttpMethod): IrAnnotations {
  switch (method) {
    case 'get':
    case 'head':
    case 'options':
      return { readOnly: true, openWorld: true };
    case 'post':
      return { readOnly: false, destructive: false, openWorld: true };
    case 'delete':
      return { readOnly: false, destructive: true, idempotent: true, openWorld: true };
    case 'put':
      return { readOnly: false, idempotent: true, openWorld: true };
    default:
      return { readOnly: false, openWorld: true };
  }
}

/** `hidden` and `fixed` from the config: the named arguments leave the input; fixed ones keep their binding and get a value. */
function applyOverrides(
  override: OpenApiToolConfig | undefined,
  tool: {
    subject: string;
    properties: Record<string, Schema>;
    required: string[];
    parameters: (IrHttpParameter & { wire: string })[];
    fieldArgs: { arg: string; name: string }[];
    fixed: Record<string, unknown>;
  },
  problems: Problem[],
): void {
  if (!override) return;
  const argOf = (name: string): string | undefined => {
    if (Object.hasOwn(tool.properties, name)) return name;
    return tool.parameters.find((p) => p.wire === name)?.arg ?? tool.fieldArgs.find((f) => f.name === name)?.arg;
  };
  const known = () => Object.keys(tool.properties).join(', ') || '(none)';
  for (const [name, value] of Object.entries(override.fixed ?? {})) {
    const arg = argOf(name);
    if (!arg || !Object.hasOwn(tool.properties, arg)) {
      problems.push({
        code: OpenApiCode.UnknownReference,
        subject: tool.subject,
        message: `tools["${tool.subject}"].fixed names "${name}", which is not an argument of this operation.`,
        hint: `Arguments: ${known()}.`,
      });
      continue;
    }
    delete tool.properties[arg];
    removeFrom(tool.required, arg);
    tool.fixed[arg] = value;
  }
  for (const name of override.hidden ?? []) {
    const arg = argOf(name);
    if (!arg || !Object.hasOwn(tool.properties, arg)) {
      if (arg && Object.hasOwn(tool.fixed, arg)) continue; // both hidden and fixed: fixed says it all
      problems.push({
        code: OpenApiCode.UnknownReference,
        subject: tool.subject,
        message: `tools["${tool.subject}"].hidden names "${name}", which is not an argument of this operation.`,
        hint: `Arguments: ${known()}.`,
      });
      continue;
    }
    if (tool.required.includes(arg)) {
      problems.push({
        code: OpenApiCode.HiddenRequired,
        subject: tool.subject,
        message: `tools["${tool.subject}"].hidden lists "${name}", which the operation requires; a hidden argument is never sent.`,
        hint: `Give it a value instead: fixed: { ${JSON.stringify(name)}: … }.`,
      });
      continue;
    }
    delete tool.properties[arg];
    const param = tool.parameters.findIndex((p) => p.arg === arg);
    if (param >= 0) tool.parameters.splice(param, 1);
    const field = tool.fieldArgs.findIndex((f) => f.arg === arg);
    if (field >= 0) tool.fieldArgs.splice(field, 1);
  }
}

/** A body field's example joins its description, as a parameter's does. */
function withExample(schema: Schema): Schema {
  if (!isObject(schema) || !Array.isArray(schema.examples)) return schema;
  const { examples, description, ...rest } = schema;
  const text = shortDescription(description, MAX_PARAMETER_DESCRIPTION_LENGTH, examples[0]);
  return { ...(text ? { description: text } : {}), ...rest };
}

function hasServers(object: JsonObject): boolean {
  return Array.isArray(object.servers) && object.servers.length > 0;
}

function removeFrom(list: string[], item: string): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
