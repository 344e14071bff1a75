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
  for (const tool of tools) {
    const schemas = options.toolSchemas.get(tool.name);
    if (!schemas) throw new Error(`emitRegistration: no schema names for tool ${tool.name}`);
    const constName = names.claim(`${camelCase(tool.name)}Tool`);
    toolConsts.push(constName);
    if (tool.binding.kind === 'http') {
      const api = apis.get(tool.binding.profile);
      if (!api) throw new Error(`emitRegistration: tool ${tool.name} uses API profile "${tool.binding.profile}", which the server does not define`);
      body.push(...emitHttpTool(tool, tool.binding, constName, api, schemas, options.jsonSchemaDialect ?? false));
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
  if (functionTools.length) runtimeNames.push('type ExpectNoDrift', 'type SameShape');
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
  if (functionTools.length || prompts.length) head.push(`import type { z } from "zod";`);
  if (tools.length || prompts.some((p) => options.promptSchemas.has(p.name)))
    head.push(`import * as S from ${s(options.schemasModule ?? './schemas.gen.js')};`);
  for (const specifier of [...imports.keys()].sort(compare)) {
    const specs = [...(imports.get(specifier) ?? new Map<string, string>()).entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([exported, local]) => (exported === local ? exported : `${exported} as ${local}`));
    head.push(`import { ${specs.join(', ')} } from ${s(specifier)};`);
  }
  head.push('');

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

/** A tool that calls an upstream API: the runtime's HTTP client builds the request from the operation. */
function emitHttpTool(tool: IrTool, binding: IrHttpBinding, constName: string, api: string, schemas: SchemaNames, dialect: boolean): string[] {
  const source =
    tool.source.kind === 'openapi' ? `${tool.source.method.toUpperCase()} ${tool.source.path} (${tool.source.operationId})` : describeSource(tool.source);
  const lines: string[] = [`/** ${tool.name} ← ${source} */`, `export const ${constName} = defineTool({`];
  lines.push(`  name: ${s(tool.name)},`);
  if (tool.title) lines.push(`  title: ${s(tool.title)},`);
  lines.push(`  description: ${s(tool.description)},`);
  lines.push(`  input: S.${schemas.input},`);
  lines.push(`  inputJsonSchema: ${json(toWireSchema(tool.input, { strict: true, dialect }))},`);
  const annotations = Object.entries(tool.annotations).filter(([, v]) => v !== undefined);
  if (annotations.length) lines.push(`  annotations: { ${annotations.map(([k, v]) => `${k}: ${s(v)}`).join(', ')} },`);
  const meta: Record<string, unknown> = {};
  if (tool.deprecated) meta.deprecated = tool.deprecated;
  if (tool.toolset) meta.toolset = tool.toolset;
  if (Object.keys(meta).length) lines.push(`  meta: ${s(meta)},`);
  const { kind: _kind, profile: _profile, ...operation } = binding;
  lines.push(`  handler: (args, context) => ${api}.call(${s(operation)}, args, context),`);
  lines.push('});', '');
  return lines;
}

function emitTool(tool: IrTool, binding: IrFunctionBinding, constName: string, fn: string, schemas: SchemaNames, dialect: boolean): string[] {
  const where = describeSource(tool.source);
  const lines: string[] = [`/** ${tool.name} ← ${where} */`, `export const ${constName} = defineTool({`];
  lines.push(`  name: ${s(tool.name)},`);
  if (tool.title) lines.push(`  title: ${s(tool.title)},`);
  lines.push(`  description: ${s(tool.description)},`);
  lines.push(`  input: S.${schemas.input},`);
  if (schemas.output) lines.push(`  output: S.${schemas.output},`);
  // What clients are sent: the IR's schemas (as in tools.json), not a re-derivation from zod.
  lines.push(`  inputJsonSchema: ${json(toWireSchema(tool.input, { strict: true, dialect }))},`);
  if (schemas.output && tool.output) lines.push(`  outputJsonSchema: ${json(toWireSchema(tool.output, { strict: false, dialect }))},`);
  const annotations = Object.entries(tool.annotations).filter(([, v]) => v !== undefined);
  if (annotations.length) lines.push(`  annotations: { ${annotations.map(([k, v]) => `${k}: ${s(v)}`).join(', ')} },`);
  const meta: Record<string, unknown> = {};
  if (tool.deprecated) meta.deprecated = tool.deprecated;
  if (tool.toolset) meta.toolset = tool.toolset;
  if (Object.keys(meta).length) lines.push(`  meta: ${s(meta)},`);
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
