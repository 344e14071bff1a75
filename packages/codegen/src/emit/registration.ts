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
  /** Tool schemas in the portable subset every known client accepts (see toWireSchema). */
  portableSchemas?: boolean;
  /**
   * Module specifier of openapi-typescript's types for the spec (`./types.gen.js`): when set, every HTTP tool
   * gets compile-time checks of its arguments against `operations["<operationId>"]` there.
   */
  operationsModule?: string;
  /**
   * Servers split by toolset: toolset name → module specifier of its tools (`./toolsets/issues.gen.js`). server.gen.ts
   * then defines no tools itself; each toolset loads its module on demand (see emitToolsetModule, emitApiModule).
   */
  toolsetModules?: ReadonlyMap<string, string>;
}

const s = (value: unknown): string => JSON.stringify(value);
/** A JSON value as an indented literal inside a definition (two spaces in). */
const json = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');

/** Reserved in every generated module: names the emitted code uses itself. */
const BASE_NAMES = ['z', 'S', 'defineServer', 'defineTool', 'defineResource', 'defineResourceTemplate', 'definePrompt', 'server', 'tools'];

/** What one generated module's tool definitions need: their code, their consts, and their imports. */
interface ToolCode {
  body: string[];
  consts: string[];
  runtimeNames: Set<string>;
  /** module specifier → export name → local name (the user's functions). */
  imports: Map<string, Map<string, string>>;
  usesZod: boolean;
  specChecked: { checked: number; of: number } | undefined;
}

/** The tool definitions of one module (every tool of a server, or one toolset's), with their drift and spec checks. */
function emitTools(server: IrServer, tools: readonly IrTool[], names: NameRegistry, apis: ReadonlyMap<string, string>, options: RegistrationOptions): ToolCode {
  const code: ToolCode = { body: [], consts: [], runtimeNames: new Set(), imports: new Map(), usesZod: false, specChecked: undefined };
  // Spec checks cost compile time (GitHub's 1,223 tools more than double its tsc time): with default toolsets, only
  // their tools are checked — the surface served unless asked otherwise; other servers check every tool.
  const defaults = new Set(server.toolsets.filter((t) => t.default).flatMap((t) => t.tools));
  const specChecked = (tool: IrTool) => defaults.size === 0 || defaults.has(tool.name);
  const dialect: Wire = { dialect: options.jsonSchemaDialect ?? false, portable: options.portableSchemas ?? false };
  let checked = 0;
  let http = 0;
  for (const tool of tools) {
    const schemas = options.toolSchemas.get(tool.name);
    if (!schemas) throw new Error(`emitRegistration: no schema names for tool ${tool.name}`);
    const constName = names.claim(`${camelCase(tool.name)}Tool`);
    code.consts.push(constName);
    code.runtimeNames.add('defineTool');
    if (tool.binding.kind === 'http') {
      http++;
      const api = apis.get(tool.binding.profile);
      if (!api) throw new Error(`emitRegistration: tool ${tool.name} uses API profile "${tool.binding.profile}", which the server does not define`);
      code.body.push(...emitHttpTool(tool, tool.binding, constName, api, schemas, dialect));
      if (options.operationsModule && specChecked(tool)) {
        checked++;
        const checks = emitSpecChecks(tool, tool.binding, constName, schemas);
        code.body.push(...checks);
        if (checks.some((line) => line.startsWith('type '))) {
          for (const name of ['type ExpectNoDrift', 'type FitsOperation', 'type SentArgs']) code.runtimeNames.add(name);
          if (checks.some((line) => line.includes('FitsBody<'))) code.runtimeNames.add('type FitsBody');
          if (checks.some((line) => line.includes('JsonBody<'))) code.runtimeNames.add('type JsonBody');
          if (checks.some((line) => line.includes('JsonWire<'))) code.runtimeNames.add('type JsonWire');
          if (checks.some((line) => line.includes('z.output<'))) code.usesZod = true;
        }
      }
      continue;
    }
    const binding = tool.binding;
    code.body.push(...emitTool(tool, binding, constName, importFunction(code.imports, names, options, binding), schemas, dialect));
    code.usesZod = true;
    code.runtimeNames.add('type ExpectNoDrift').add('type SameShape');
    if (schemas.output && ['object', 'wrapped'].includes(binding.returns)) code.runtimeNames.add('type SameResult');
    if (binding.params.style === 'object' && defaultedFields(tool.input).length > 0) code.runtimeNames.add('type WithDefaults');
    if (binding.context) code.runtimeNames.add('type ToolContext');
  }
  if (options.operationsModule && http > 0) code.specChecked = { checked, of: http };
  return code;
}

/** The local name of a user's function, imported once per module. */
function importFunction(imports: ToolCode['imports'], names: NameRegistry, options: RegistrationOptions, binding: IrFunctionBinding): string {
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
}

/** One client per upstream API (OpenAPI servers): base URL, credentials and pacing live there. */
function emitApis(server: IrServer, names: NameRegistry, exported: boolean): { body: string[]; apis: Map<string, string> } {
  const body: string[] = [];
  const apis = new Map<string, string>();
  for (const profile of [...(server.profiles ?? [])].sort((a, b) => compare(a.name, b.name))) {
    const constName = names.claim(apiConstName(profile.name));
    apis.set(profile.name, constName);
    body.push(`/** The ${profile.name} API: base URL from ${profile.baseUrl.env}${profile.auth ? `, credentials from ${profile.auth.env}` : ''}. */`);
    body.push(`${exported ? 'export ' : ''}const ${constName} = createHttpApi(${JSON.stringify(profile, null, 2)});`, '');
  }
  return { body, apis };
}

const apiConstName = (profile: string) => `${camelCase(profile)}Api`;

/** The import lines of a generated module. */
function importLines(
  runtimeNames: Iterable<string>,
  options: RegistrationOptions,
  extra: { zod: boolean; schemas: boolean; imports?: ToolCode['imports'] },
): string[] {
  const head: string[] = [];
  const sorted = [...new Set(runtimeNames)].sort((a, b) => compare(a.replace(/^type /, ''), b.replace(/^type /, '')));
  if (sorted.length) head.push(`import { ${sorted.join(', ')} } from ${s(options.runtimeModule ?? '@toolwright/runtime')};`);
  if (extra.zod) head.push(`import type { z } from "zod";`);
  if (extra.schemas) head.push(`import * as S from ${s(options.schemasModule ?? './schemas.gen.js')};`);
  for (const specifier of [...(extra.imports?.keys() ?? [])].sort(compare)) {
    const specs = [...(extra.imports?.get(specifier) ?? new Map<string, string>()).entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([exported, local]) => (exported === local ? exported : `${exported} as ${local}`));
    head.push(`import { ${specs.join(', ')} } from ${s(specifier)};`);
  }
  return head;
}

function specCheckNote(code: ToolCode): string[] {
  const counts = code.specChecked;
  if (!counts || counts.checked === counts.of) return [];
  return [`// Spec checks below: the ${counts.checked} tools of the default toolsets (of ${counts.of}), to keep tsc fast.`, ''];
}

export function emitRegistration(server: IrServer, options: RegistrationOptions): string {
  const names = new NameRegistry(BASE_NAMES);
  const lazy = options.toolsetModules;
  const { body: apiBody, apis } = lazy ? { body: [], apis: new Map<string, string>() } : emitApis(server, names, false);
  const tools = lazy ? [] : [...server.tools].sort((a, b) => compare(a.name, b.name));
  const code = emitTools(server, tools, names, apis, options);
  const body = [...apiBody, ...code.body];
  const localFor = (binding: IrFunctionBinding): string => importFunction(code.imports, names, options, binding);
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

  const runtimeNames = new Set(['defineServer', ...code.runtimeNames]);
  if (apis.size) runtimeNames.add('createHttpApi');
  if (resources.some((r) => !r.template)) runtimeNames.add('defineResource');
  if (resources.some((r) => r.template)) runtimeNames.add('defineResourceTemplate');
  if (prompts.length) runtimeNames.add('definePrompt');
  if (prompts.some((p) => !options.promptSchemas.has(p.name))) runtimeNames.add('type PromptDefinition');

  const head: string[] = [options.header.trimEnd(), ''];
  head.push(
    ...importLines(runtimeNames, options, {
      zod: code.usesZod || prompts.length > 0,
      schemas: tools.length > 0 || prompts.some((p) => options.promptSchemas.has(p.name)),
      imports: code.imports,
    }),
  );
  if (code.specChecked) head.push(`import type { operations } from ${s(options.operationsModule)};`);
  head.push('', ...specCheckNote(code));

  const toolsets = [...server.toolsets].sort((a, b) => compare(a.name, b.name));
  const toolsetLines = lazy
    ? [
        '  toolsets: [',
        ...toolsets.map((toolset) => {
          const module = lazy.get(toolset.name);
          const fields = { name: toolset.name, description: toolset.description, ...(toolset.default ? { default: true } : {}), tools: toolset.tools };
          const literal = s(fields).slice(0, -1);
          return module ? `    ${literal}, load: () => import(${s(module)}).then((m) => m.tools) },` : `    ${s(fields)},`;
        }),
        '  ],',
      ]
    : server.toolsets.length
      ? [`  toolsets: ${json(toolsets)},`]
      : [];
  const serverFields = [
    `  name: ${s(server.name)},`,
    `  version: ${s(server.version)},`,
    ...(server.title ? [`  title: ${s(server.title)},`] : []),
    ...(server.description ? [`  description: ${s(server.description)},`] : []),
    ...(server.instructions ? [`  instructions: ${s(server.instructions)},`] : []),
    ...(lazy ? [] : [`  tools: [${code.consts.join(', ')}],`]),
    ...(resourceConsts.length ? [`  resources: [${resourceConsts.join(', ')}],`] : []),
    ...(promptConsts.length ? [`  prompts: [${promptConsts.join(', ')}],`] : []),
    ...toolsetLines,
  ];
  const tail = [
    ...(lazy ? ["// Each toolset's tools live in a module of their own (toolsets/), loaded when a selection needs them."] : []),
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

/** `api.gen.ts` of a server split by toolset: the one client per upstream API that every toolset module shares (pacing is per client). */
export function emitApiModule(server: IrServer, options: Pick<RegistrationOptions, 'header' | 'runtimeModule'>): string {
  const { body } = emitApis(server, new NameRegistry(BASE_NAMES), true);
  return [options.header.trimEnd(), '', `import { createHttpApi } from ${s(options.runtimeModule ?? '@toolwright/runtime')};`, '', ...body].join('\n');
}

/**
 * One toolset's module of a server split by toolset (`toolsets/<name>.gen.ts`): its tools' definitions and spec
 * checks, and `tools`, the list its toolset's `load` returns. `options.schemasModule` is its own schemas module.
 */
export function emitToolsetModule(server: IrServer, toolset: string, options: RegistrationOptions & { apiModule: string }): string {
  const names = new NameRegistry(BASE_NAMES);
  const members = new Set(server.toolsets.find((t) => t.name === toolset)?.tools ?? []);
  const tools = server.tools.filter((tool) => members.has(tool.name)).sort((a, b) => compare(a.name, b.name));
  const apis = new Map<string, string>();
  for (const profile of new Set(tools.map((tool) => (tool.binding.kind === 'http' ? tool.binding.profile : undefined)).filter((p) => p !== undefined))) {
    apis.set(profile, names.claim(apiConstName(profile)));
  }
  const code = emitTools(server, tools, names, apis, options);
  const head: string[] = [options.header.trimEnd(), ''];
  head.push(...importLines(code.runtimeNames, options, { zod: code.usesZod, schemas: tools.length > 0, imports: code.imports }));
  const apiImports = [...apis.entries()].sort(([a], [b]) => compare(a, b));
  if (apiImports.length) head.push(`import { ${apiImports.map(([, local]) => local).join(', ')} } from ${s(options.apiModule)};`);
  if (code.specChecked) head.push(`import type { operations } from ${s(options.operationsModule)};`);
  head.push('', ...specCheckNote(code));
  return [...head, ...code.body, `/** The tools of toolset ${toolset}. */`, `export const tools = [${code.consts.join(', ')}];`, ''].join('\n');
}

/**
 * The opening of a tool's definition, the same for every binding: identity, schemas (zod for
 * checking; the IR's JSON Schemas — as in tools.json — for what clients are sent), annotations, meta.
 */
/** How the JSON Schemas sent to clients are written (toWireSchema's options besides `strict`). */
type Wire = { dialect: boolean; portable: boolean };

function toolFields(tool: IrTool, constName: string, source: string, schemas: SchemaNames, wire: Wire): string[] {
  const lines: string[] = [`/** ${tool.name} ← ${source} */`, `export const ${constName} = defineTool({`];
  lines.push(`  name: ${s(tool.name)},`);
  if (tool.title) lines.push(`  title: ${s(tool.title)},`);
  lines.push(`  description: ${s(tool.description)},`);
  lines.push(`  input: S.${schemas.input},`);
  if (schemas.output) lines.push(`  output: S.${schemas.output},`);
  lines.push(`  inputJsonSchema: ${json(toWireSchema(tool.input, { strict: true, ...wire }))},`);
  if (schemas.output && tool.output) lines.push(`  outputJsonSchema: ${json(toWireSchema(tool.output, { strict: false, ...wire }))},`);
  const annotations = Object.entries(tool.annotations).filter(([, v]) => v !== undefined);
  if (annotations.length) lines.push(`  annotations: { ${annotations.map(([k, v]) => `${k}: ${s(v)}`).join(', ')} },`);
  const meta: Record<string, unknown> = {};
  if (tool.deprecated) meta.deprecated = tool.deprecated;
  if (tool.toolset) meta.toolset = tool.toolset;
  if (Object.keys(meta).length) lines.push(`  meta: ${s(meta)},`);
  return lines;
}

/** A tool that calls an upstream API: the runtime's HTTP client builds the request from the operation. */
function emitHttpTool(tool: IrTool, binding: IrHttpBinding, constName: string, api: string, schemas: SchemaNames, dialect: Wire): string[] {
  const source =
    tool.source.kind === 'openapi' ? `${tool.source.method.toUpperCase()} ${tool.source.path} (${tool.source.operationId})` : describeSource(tool.source);
  const lines = toolFields(tool, constName, source, schemas, dialect);
  const { kind: _kind, profile: _profile, ...operation } = binding;
  lines.push(`  handler: (args, context) => ${api}.call(${s(operation)}, args, context),`);
  lines.push('});', '');
  return lines;
}

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
      `type _Spec${location === 'path' ? 'Path' : 'Query'}_${constName} = ExpectNoDrift<FitsOperation<${message(`the ${location} parameters`)}, SentArgs<${input}, ${union(checked.map((p) => p.arg))}>, ${spec}, ${union(exempt)}>>;`,
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
      const sent = `SentArgs<${input}, ${union(checked.map((f) => f.arg))}>`;
      const spec = `JsonBody<${op}, ${s(body.contentType)}>`;
      lines.push(
        `type _SpecBody_${constName} = ExpectNoDrift<FitsOperation<${message('the body fields')}, ${body.required ? sent : `Partial<${sent}>`}, ${body.required ? spec : `Partial<${spec}>`}, ${union(exempt)}>>;`,
      );
    }
  }
  if (fixed.size) notes.unshift(`${[...fixed].sort(compare).join(', ')} (fixed by the server)`);
  return [...(notes.length ? [`// Not checked against the spec: ${notes.join('; ')}.`] : []), ...lines, ...(lines.length || notes.length ? [''] : [])];
}

function emitTool(tool: IrTool, binding: IrFunctionBinding, constName: string, fn: string, schemas: SchemaNames, dialect: Wire): string[] {
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
