/**
 * The registration emitter: writes `server.gen.ts`, which imports the user's
 * functions and the generated zod schemas and builds the server definition.
 *
 * Every tool carries compile-time drift checks (see `SameShape` in
 * @toolwright/runtime): the function's parameters against the input schema,
 * and its return type against the output schema, both ways. If the function
 * changes and nobody regenerates, `tsc` fails at the check for that function,
 * with a message that names it and its source line.
 *
 * Written with a small line printer: every string that reaches the output
 * comes from JSON.stringify (descriptions are untrusted text), identifiers
 * come from NameRegistry, and the structure is fixed, so there is nothing a
 * syntax tree would add here but weight.
 */
import { posix } from 'node:path';
import type { IrFunctionBinding, IrHttpBinding, IrPrompt, IrResource, IrServer, IrSource, IrTool } from '../ir/types.js';
import { camelCase, NameRegistry } from './names.js';
import { toWireSchema } from './wire.js';

export interface SchemaNames {
  input: string;
  output?: string;
}

export interface RegistrationOptions {
  /** Output folder relative to the project root (POSIX separators), e.g. `generated/workspace`. */
  outDir: string;
  /**
   * The project root as seen from the output folder (POSIX), e.g. `../../packages/workspace`.
   * Needed when `outDir` leaves the project (`../../generated/workspace`); derived from `outDir` otherwise.
   */
  rootFromOutDir?: string;
  header: string;
  /** Export names in the schemas module, per tool name and per prompt name. */
  toolSchemas: ReadonlyMap<string, SchemaNames>;
  promptSchemas: ReadonlyMap<string, string>;
  /** Module specifier of the schemas module (default `./schemas.gen.js`). */
  schemasModule?: string;
  /** Module specifier of the runtime (default `@toolwright/runtime`). */
  runtimeModule?: string;
  /** State `$schema` in every tool's JSON Schemas (see toWireSchema). */
  jsonSchemaDialect?: boolean;
  /**
   * Module specifier of openapi-typescript's types for the spec (`./types.gen.js`): when set, every HTTP tool
   * gets compile-time checks of its arguments against `operations["<operationId>"]` there.
   */
  operationsModule?: string;
}

const s = (value: unknown): string => JSON.stringify(value);
/** A JSON value as an indented literal inside a definition (two spaces in). */
const json = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');

export function emitRegistration(server: IrServer, options: RegistrationOptions): string {
  const names = new NameRegistry(['z', 'S', 'defineServer', 'defineTool', 'defineResource', 'defineResourceTemplate', 'definePrompt', 'server']);
  const imports = new Map<string, Map<string, string>>(); // module → exportName → local name
  const localFor = (binding: IrFunctionBinding): string => {
    const specifier = moduleSpecifier(options.outDir, binding.module, options.rootFromOutDir);
    let module = imports.get(specifier);
    if (!module) {
      module = new Map();
      imports.set(specifier, module);
    }
    let local = module.get(binding.exportName);
    if (!local) {
      local = names.claim(binding.exportName);
      module.set(binding.exportName, local);
    }
    return local;
  };

  const body: string[] = [];
  const tools = [...server.tools].sort((a, b) => compare(a.name, b.name));
  const toolConsts: string[] = [];
  // One client per upstream API (OpenAPI servers): base URL, credentials and pacing live there.
  const apis = new Map<string, string>();
  for (const profile of [...(server.profiles ?? [])].sort((a, b) => compare(a.name, b.name))) {
    const constName = names.claim(`${camelCase(profile.name)}Api`);
    apis.set(profile.name, constName);
    body.push(`/** The ${profile.name} API: base URL from ${profile.baseUrl.env}${profile.auth ? `, credentials from ${profile.auth.env}` : ''}. */`);
    body.push(`const ${constName} = createHttpApi(${json(profile)});`, '');
  }
  // Spec checks cost compile time (GitHub's 1,223 tools more than double its tsc time): with default toolsets, only
  // their tools are checked — the surface served unless asked otherwise; other servers check every tool.
  const defaults = new Set(server.toolsets.filter((t) => t.default).flatMap((t) => t.tools));
  const specChecked = (tool: IrTool) => defaults.size === 0 || defaults.has(tool.name);
  for (const tool of tools) {
    const schemas = options.toolSchemas.get(tool.name);
    if (!schemas) throw new Error(`emitRegistration: no schema names for tool ${tool.name}`);
    const constName = names.claim(`${camelCase(tool.name)}Tool`);
    toolConsts.push(constName);
    if (tool.binding.kind === 'http') {
      const api = apis.get(tool.binding.profile);
      if (!api) throw new Error(`emitRegistration: tool ${tool.name} uses API profile "${tool.binding.profile}", which the server does not define`);
      body.push(...emitHttpTool(tool, tool.binding, constName, api, schemas, options.jsonSchemaDialect ?? false));
      if (options.operationsModule && specChecked(tool)) body.push(...emitSpecChecks(tool, tool.binding, constName, schemas));
    } else body.push(...emitTool(tool, tool.binding, constName, localFor(tool.binding), schemas, options.jsonSchemaDialect ?? false));
  }
  const resources = [...server.resources].sort((a, b) => compare(a.uri, b.uri));
  const resourceConsts: string[] = [];
  for (const resource of resources) {
    const constName = names.claim(`${camelCase(resource.name)}Resource`);
    resourceConsts.push(constName);
    body.push(...emitResource(resource, constName, localFor(resource.binding)));
  }
  const prompts = [...server.prompts].sort((a, b) => compare(a.name, b.name));
  const promptConsts: string[] = [];
  for (const prompt of prompts) {
    const constName = names.claim(`${camelCase(prompt.name)}Prompt`);
    promptConsts.push(constName);
    const argsSchema = options.promptSchemas.get(prompt.name);
    body.push(...emitPrompt(prompt, constName, localFor(prompt.binding), argsSchema));
  }

  const runtimeNames = ['defineServer'];
  const functionTools = tools.filter((t) => t.binding.kind === 'function');
  if (tools.length) runtimeNames.push('defineTool');
  const specChecks = options.operationsModule !== undefined && tools.some((t) => t.binding.kind === 'http');
  if (functionTools.length || specChecks) runtimeNames.push('type ExpectNoDrift');
  if (functionTools.length) runtimeNames.push('type SameShape');
  if (specChecks) runtimeNames.push('type Drift', 'type JsonWire');
  if (apis.size) runtimeNames.push('createHttpApi');
  if (tools.some((t) => options.toolSchemas.get(t.name)?.output && t.binding.kind === 'function' && ['object', 'wrapped'].includes(t.binding.returns)))
    runtimeNames.push('type SameResult');
  if (tools.some((t) => t.binding.kind === 'function' && t.binding.params.style === 'object' && defaultedFields(t.input).length > 0))
    runtimeNames.push('type WithDefaults');
  if (tools.some((t) => t.binding.kind === 'function' && t.binding.context)) runtimeNames.push('type ToolContext');
  if (resources.some((r) => !r.template)) runtimeNames.push('defineResource');
  if (resources.some((r) => r.template)) runtimeNames.push('defineResourceTemplate');
  if (prompts.length) runtimeNames.push('definePrompt');
  if (prompts.some((p) => !options.promptSchemas.has(p.name))) runtimeNames.push('type PromptDefinition');
  runtimeNames.sort((a, b) => compare(a.replace(/^type /, ''), b.replace(/^type /, '')));

  const head: string[] = [options.header.trimEnd(), ''];
  head.push(`import { ${runtimeNames.join(', ')} } from ${s(options.runtimeModule ?? '@toolwright/runtime')};`);
  if (functionTools.length || prompts.length || specChecks) head.push(`import type { z } from "zod";`);
  if (tools.length || prompts.some((p) => options.promptSchemas.has(p.name)))
    head.push(`import * as S from ${s(options.schemasModule ?? './schemas.gen.js')};`);
  for (const specifier of [...imports.keys()].sort(compare)) {
    const specs = [...(imports.get(specifier) ?? new Map<string, string>()).entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([exported, local]) => (exported === local ? exported : `${exported} as ${local}`));
    head.push(`import { ${specs.join(', ')} } from ${s(specifier)};`);
  }
  if (specChecks) head.push(`import type { operations } from ${s(options.operationsModule)};`);
  head.push('');
  if (specChecks) {
    const http = tools.filter((t) => t.binding.kind === 'http');
    const checked = http.filter(specChecked).length;
    if (checked < http.length) head.push(`// Spec checks below: the ${checked} tools of the default toolsets (of ${http.length}), to keep tsc fast.`);
    head.push(...SPEC_CHECK_TYPES, '');
  }

  const serverFields = [
    `  name: ${s(server.name)},`,
    `  version: ${s(server.version)},`,
    ...(server.title ? [`  title: ${s(server.title)},`] : []),
    ...(server.description ? [`  description: ${s(server.description)},`] : []),
    ...(server.instructions ? [`  instructions: ${s(server.instructions)},`] : []),
    `  tools: [${toolConsts.join(', ')}],`,
    ...(resourceConsts.length ? [`  resources: [${resourceConsts.join(', ')}],`] : []),
    ...(promptConsts.length ? [`  prompts: [${promptConsts.join(', ')}],`] : []),
    ...(server.toolsets.length ? [`  toolsets: ${json([...server.toolsets].sort((a, b) => compare(a.name, b.name)))},`] : []),
  ];
  const tail = [
    '/** The server definition: serve it with `npx toolwright serve` or `serve()` from @toolwright/runtime. */',
    'export const server = defineServer({',
    ...serverFields,
    '});',
    '',
    'export default server;',
    '',
  ];
  return [...head, ...body, ...tail].join('\n');
}

/**
 * The opening of a tool's definition, the same for every binding: identity, schemas (zod for
 * checking; the IR's JSON Schemas — as in tools.json — for what clients are sent), annotations, meta.
 */
function toolFields(tool: IrTool, constName: string, source: string, schemas: SchemaNames, dialect: boolean): string[] {
  const lines: string[] = [`/** ${tool.name} ← ${source} */`, `export const ${constName} = defineTool({`];
  lines.push(`  name: ${s(tool.name)},`);
  if (tool.title) lines.push(`  title: ${s(tool.title)},`);
  lines.push(`  description: ${s(tool.description)},`);
  lines.push(`  input: S.${schemas.input},`);
  if (schemas.output) lines.push(`  output: S.${schemas.output},`);
  lines.push(`  inputJsonSchema: ${json(toWireSchema(tool.input, { strict: true, dialect }))},`);
  if (schemas.output && tool.output) lines.push(`  outputJsonSchema: ${json(toWireSchema(tool.output, { strict: false, dialect }))},`);
  const annotations = Object.entries(tool.annotations).filter(([, v]) => v !== undefined);
  if (annotations.length) lines.push(`  annotations: { ${annotations.map(([k, v]) => `${k}: ${s(v)}`).join(', ')} },`);
  const meta: Record<string, unknown> = {};
  if (tool.deprecated) meta.deprecated = tool.deprecated;
  if (tool.toolset) meta.toolset = tool.toolset;
  if (Object.keys(meta).length) lines.push(`  meta: ${s(meta)},`);
  return lines;
}

/** A tool that calls an upstream API: the runtime's HTTP client builds the request from the operation. */
function emitHttpTool(tool: IrTool, binding: IrHttpBinding, constName: string, api: string, schemas: SchemaNames, dialect: boolean): string[] {
  const source =
    tool.source.kind === 'openapi' ? `${tool.source.method.toUpperCase()} ${tool.source.path} (${tool.source.operationId})` : describeSource(tool.source);
  const lines = toolFields(tool, constName, source, schemas, dialect);
  const { kind: _kind, profile: _profile, ...operation } = binding;
  lines.push(`  handler: (args, context) => ${api}.call(${s(operation)}, args, context),`);
  lines.push('});', '');
  return lines;
}

/**
 * The types the spec checks use, written once into server.gen.ts (they need the tool's zod schemas and the spec's
 * `operations`, which only the generated code sees). One-directional: the arguments a tool sends must fit the
 * operation; the operation may accept more (optional fields the tool leaves out).
 */
const SPEC_CHECK_TYPES = [
  '/** The arguments a tool sends for the keys `K`: optional as the input schema says, typed as parsed, as JSON. */',
  'type Sent<T extends z.ZodType, K extends keyof z.input<T> & keyof z.output<T>> = JsonWire<{ [P in keyof Pick<z.input<T>, K>]: z.output<T>[P] }>;',
  'type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];',
  'type RequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>>;',
  '/** The JSON request body of an operation (never when it has none). */',
  'type JsonBody<Op, Type extends string> = NonNullable<Op extends { requestBody?: infer B } ? B : never> extends { content: infer C } ? (Type extends keyof C ? NonNullable<C[Type]> : never) : never;',
  '/**',
  " * `true` when the arguments fit the operation's fields: each is one of them, with a type they accept and the same",
  ' * required-ness, and every field the operation requires is sent (or `Exempt`: supplied by the server, or renamed);',
  ' * else a Drift with both sides.',
  ' */',
  'type FitsOperation<Message extends string, Args, Spec, Exempt extends PropertyKey = never> = [Exclude<keyof Args, keyof Spec>] extends [never]',
  '  ? [Exclude<RequiredKeys<Spec>, keyof Args | Exempt>] extends [never]',
  '    ? [Args] extends [Pick<Spec, keyof Args & keyof Spec>]',
  '      ? [Exclude<OptionalKeys<Pick<Spec, keyof Args & keyof Spec>>, OptionalKeys<Args>>] extends [never]',
  '        ? true',
  '        : Drift<Message, Args, Spec>',
  '      : Drift<Message, Args, Spec>',
  '    : Drift<Message, Args, Spec>',
  '  : Drift<Message, Args, Spec>;',
  "/** `true` when the one argument that is the whole body fits the operation's body, else a Drift. */",
  'type FitsBody<Message extends string, Arg, Body> = [Arg] extends [Body] ? true : Drift<Message, Arg, Body>;',
];

/**
 * Compile-time checks that an HTTP tool's arguments still fit its operation in openapi-typescript's types: path and
 * query parameters, and the JSON body's fields. What they cannot express is skipped, and the generated code says so.
 */
function emitSpecChecks(tool: IrTool, binding: IrHttpBinding, constName: string, schemas: SchemaNames): string[] {
  if (tool.source.kind !== 'openapi') return [];
  const { operationId, method, path } = tool.source;
  // The frontend names an operation without an operationId `<method> <path>`; openapi-typescript writes those
  // inline under `paths` instead of in `operations`.
  if (operationId === `${method} ${path}`) return [`// ${tool.name}: no spec check (the operation has no operationId in the spec).`, ''];
  const op = `operations[${s(operationId)}]`;
  const input = `typeof S.${schemas.input}`;
  const fixed = new Set(Object.keys(binding.fixed ?? {}));
  const inInput = new Set(Object.keys((tool.input.properties ?? {}) as object));
  const message = (what: string) => s(`${tool.name}: ${what} no longer match operation ${operationId} in types.gen.ts; run npx toolwright build`);
  const union = (names: string[]) => (names.length ? names.map((n) => s(n)).join(' | ') : 'never');
  const lines: string[] = [];
  const notes: string[] = [];
  /** Leaves an argument out of the checks, and says why in the generated code. */
  const skip = (note: string): false => {
    notes.push(note);
    return false;
  };
  for (const location of ['path', 'query'] as const) {
    const params = binding.parameters.filter((p) => p.in === location);
    if (params.length === 0) continue;
    const checked = params.filter((p) => {
      if (fixed.has(p.arg)) return false;
      if (!inInput.has(p.arg)) return skip(`${location} parameter ${p.name} (not an argument: hidden)`);
      if (p.arg !== p.name) return skip(`${location} parameter ${p.name} (renamed to ${p.arg})`);
      if (p.allowSlashes) return skip(`path parameter ${p.name} (allowSlashes: sent as several segments)`);
      return true;
    });
    const exempt = params.filter((p) => !checked.includes(p)).map((p) => p.name);
    const spec = `NonNullable<${op}["parameters"][${s(location)}]>`;
    lines.push(
      `type _Spec${location === 'path' ? 'Path' : 'Query'}_${constName} = ExpectNoDrift<FitsOperation<${message(`the ${location} parameters`)}, Sent<${input}, ${union(checked.map((p) => p.arg))}>, ${spec}, ${union(exempt)}>>;`,
    );
  }
  const body = binding.body;
  if (body) {
    if (!/^application\/(?:[\w.+-]+\+)?json$/i.test(body.contentType)) notes.push(`the ${body.contentType} body (not JSON)`);
    else if ('whole' in body.fields) {
      lines.push(
        `type _SpecBody_${constName} = ExpectNoDrift<FitsBody<${message('the body argument')}, JsonWire<NonNullable<z.output<${input}>[${s(body.fields.whole)}]>>, JsonBody<${op}, ${s(body.contentType)}>>>;`,
      );
    } else {
      const checked = body.fields.filter((f) => {
        if (fixed.has(f.arg)) return false;
        if (!inInput.has(f.arg)) return skip(`body field ${f.name} (not an argument: hidden)`);
        if (f.arg !== f.name) return skip(`body field ${f.name} (renamed to ${f.arg})`);
        return true;
      });
      const exempt = body.fields.filter((f) => !checked.includes(f)).map((f) => f.name);
      // An optional body is sent only when some field is given, so the tool's fields are all optional even where the
      // body requires them: then only the types are compared (Partial on both sides).
      const sent = `Sent<${input}, ${union(checked.map((f) => f.arg))}>`;
      const spec = `JsonBody<${op}, ${s(body.contentType)}>`;
      lines.push(
        `type _SpecBody_${constName} = ExpectNoDrift<FitsOperation<${message('the body fields')}, ${body.required ? sent : `Partial<${sent}>`}, ${body.required ? spec : `Partial<${spec}>`}, ${union(exempt)}>>;`,
      );
    }
  }
  if (fixed.size) notes.unshift(`${[...fixed].sort(compare).join(', ')} (fixed by the server)`);
  return [...(notes.length ? [`// Not checked against the spec: ${notes.join('; ')}.`] : []), ...lines, ...(lines.length || notes.length ? [''] : [])];
}

function emitTool(tool: IrTool, binding: IrFunctionBinding, constName: string, fn: string, schemas: SchemaNames, dialect: boolean): string[] {
  const where = describeSource(tool.source);
  const lines = toolFields(tool, constName, where, schemas, dialect);
  const call = callExpression(fn, binding, 'args');
  const invoke = binding.async ? `await ${call}` : call;
  const asyncKw = binding.async ? 'async ' : '';
  const handlerParams = binding.context ? '(args, context)' : '(args)';
  // The result is cast: a Date in it is sent as its ISO string (the runtime turns results into
  // JSON before checking them), so the function's value is not yet the output schema's input type,
  // and when the function drifts the error to read is the drift check's (SameResult) below.
  const sentAsJson = schemas.output !== undefined;
  const value = (v: string) => (sentAsJson ? `(${v}) as unknown as z.input<typeof S.${schemas.output}>` : v);
  switch (binding.returns) {
    case 'wrapped':
      lines.push(`  handler: ${asyncKw}${handlerParams} => ${sentAsJson ? value(`{ result: ${invoke} }`) : `({ result: ${invoke} })`},`);
      break;
    default:
      lines.push(`  handler: ${asyncKw}${handlerParams} => ${sentAsJson ? value(invoke) : invoke},`);
  }
  lines.push('});');

  const fix = 'run npx toolwright build';
  const inputType = `z.output<typeof S.${schemas.input}>`;
  const expected = expectedParams(binding, inputType, defaultedFields(tool.input));
  if (expected) {
    lines.push(
      `type _DriftParams_${constName} = ExpectNoDrift<SameShape<${s(`${tool.name}: the parameters of ${where} no longer match the generated input schema; ${fix}`)}, Parameters<typeof ${fn}>, ${expected}>>;`,
    );
  }
  if (schemas.output && (binding.returns === 'object' || binding.returns === 'wrapped')) {
    const schemaSide = binding.returns === 'wrapped' ? `z.input<typeof S.${schemas.output}>['result']` : `z.input<typeof S.${schemas.output}>`;
    lines.push(
      `type _DriftResult_${constName} = ExpectNoDrift<SameResult<${s(`${tool.name}: the return type of ${where} no longer matches the generated output schema; ${fix}`)}, Awaited<ReturnType<typeof ${fn}>>, ${schemaSide}>>;`,
    );
  }
  lines.push('');
  return lines;
}

/** The parameter tuple the schema implies, for the drift check; undefined when there is nothing to compare. */
function expectedParams(binding: IrFunctionBinding, inputType: string, defaulted: string[]): string | undefined {
  const context = binding.context ? ['context: ToolContext'] : [];
  switch (binding.params.style) {
    case 'none':
      return `[${context.join(', ')}]`;
    case 'object': {
      // a field with a default is optional to the function's caller, and always set once parsed
      const type = defaulted.length ? `WithDefaults<${inputType}, ${defaulted.map((d) => s(d)).join(' | ')}>` : inputType;
      return `[${[`input${binding.params.optional ? '?' : ''}: ${type}`, ...context].join(', ')}]`;
    }
    case 'positional': {
      const optional = binding.params.optional ?? [];
      const items = binding.params.names.map((name) => `${name}${optional.includes(name) ? '?' : ''}: ${inputType}[${s(name)}]`);
      return `[${[...items, ...context].join(', ')}]`;
    }
  }
}

/** Top-level input fields with a `default`. */
function defaultedFields(input: IrTool['input']): string[] {
  const properties = (input.properties ?? {}) as Record<string, { default?: unknown }>;
  return Object.keys(properties)
    .filter((key) => properties[key]?.default !== undefined)
    .sort(compare);
}

/**
 * The call. The arguments are cast through `unknown`: when the function has drifted from the
 * schema, the one error a person should read is the drift check's, not a cast complaint here.
 */
function callExpression(fn: string, binding: IrFunctionBinding, args: string): string {
  const context = binding.context ? ', context' : '';
  switch (binding.params.style) {
    case 'none':
      return binding.context ? `${fn}(context)` : `${fn}()`;
    case 'object':
      return `${fn}(${args} as unknown as Parameters<typeof ${fn}>[0]${context})`;
    case 'positional': {
      const list = binding.params.names.map((name) => `${args}[${s(name)}]`).join(', ');
      return `${fn}(...([${list}${context}] as unknown as Parameters<typeof ${fn}>))`;
    }
  }
}

function emitResource(resource: IrResource, constName: string, fn: string): string[] {
  const lines = [`/** resource ${resource.uri} ← ${describeSource(resource.source)} */`];
  const binding = resource.binding;
  const asyncKw = binding.async ? 'async ' : '';
  const invoke = (call: string) => (binding.async ? `await ${call}` : call);
  const common = [
    `  name: ${s(resource.name)},`,
    ...(resource.title ? [`  title: ${s(resource.title)},`] : []),
    ...(resource.description ? [`  description: ${s(resource.description)},`] : []),
    ...(resource.mimeType ? [`  mimeType: ${s(resource.mimeType)},`] : []),
  ];
  if (resource.template) {
    const names = binding.params.style === 'positional' ? binding.params.names : [];
    const call = `${fn}(...([${names.map((n) => `variables[${s(n)}]`).join(', ')}] as Parameters<typeof ${fn}>))`;
    lines.push(`export const ${constName} = defineResourceTemplate({`, `  uriTemplate: ${s(resource.uri)},`, ...common);
    lines.push(`  read: ${asyncKw}(_uri, variables) => ${invoke(call)},`);
  } else {
    lines.push(`export const ${constName} = defineResource({`, `  uri: ${s(resource.uri)},`, ...common);
    lines.push(`  read: ${asyncKw}() => ${invoke(`${fn}()`)},`);
  }
  lines.push('});', '');
  return lines;
}

function emitPrompt(prompt: IrPrompt, constName: string, fn: string, argsSchema: string | undefined): string[] {
  // Without arguments the inferred type names zod internals that declaration emit cannot reach; say it.
  const annotation = argsSchema ? '' : ': PromptDefinition';
  const lines = [
    `/** prompt ${prompt.name} ← ${describeSource(prompt.source)} */`,
    `export const ${constName}${annotation} = definePrompt({`,
    `  name: ${s(prompt.name)},`,
  ];
  if (prompt.title) lines.push(`  title: ${s(prompt.title)},`);
  if (prompt.description) lines.push(`  description: ${s(prompt.description)},`);
  if (argsSchema) lines.push(`  args: S.${argsSchema},`);
  const binding = prompt.binding;
  const asyncKw = binding.async ? 'async ' : '';
  const call = argsSchema ? callExpression(fn, binding, 'args') : `${fn}()`;
  lines.push(`  get: ${asyncKw}(${argsSchema ? 'args' : ''}) => ${binding.async ? `await ${call}` : call},`, '});', '');
  return lines;
}

function describeSource(source: IrSource): string {
  return source.kind === 'function' ? `${source.name} (${source.file}:${source.line})` : `${source.method.toUpperCase()} ${source.path}`;
}

/** Relative ESM specifier from the output folder to a source module (`.ts` → `.js`). */
export function moduleSpecifier(outDir: string, module: string, rootFromOutDir?: string): string {
  let fromOut = rootFromOutDir;
  if (fromOut === undefined) {
    const normal = posix.normalize(outDir);
    if (normal === '..' || normal.startsWith('../')) {
      throw new Error(`moduleSpecifier: outDir "${outDir}" is outside the project root; pass rootFromOutDir (the root as seen from outDir).`);
    }
    fromOut = posix.relative(posix.join('/', normal), '/') || '.';
  }
  let relative = posix.normalize(posix.join(fromOut, module)).replace(/\.(c|m)?tsx?$/, (ext) => ext.replace('ts', 'js'));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return relative;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
