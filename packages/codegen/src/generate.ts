/**
 * From IR to files: the one place that runs the emitters for a server and
 * collects their files and diagnostics. Pure: it returns files, it writes
 * nothing (the CLI writes them, or compares them for `--check`).
 */

import { posix } from 'node:path';
import { emitDocs } from './emit/docs/index.js';
import { fileHeader, hashJson } from './emit/header.js';
import { emitManifest } from './emit/manifest.js';
import { pascalCase } from './emit/names.js';
import { emitApiModule, emitRegistration, emitToolsetModule, type SchemaNames } from './emit/registration.js';
import { emitZodModule, type ZodSchemaInput } from './emit/zod.js';
import type { CodegenResult, IrServer, JsonSchema } from './ir/types.js';
import { CODEGEN_VERSION } from './version.js';

export interface GenerateOptions {
  /** Output folder relative to the project root (POSIX), e.g. `generated/workspace`. */
  outDir: string;
  /** The project root as seen from `outDir` (POSIX); required when `outDir` leaves the project root. */
  rootFromOutDir?: string;
  /** What the server was generated from, for the header (e.g. `toolwright.config.ts`). */
  source: string;
  /** State `$schema` (JSON Schema 2020-12) in every tool's schemas; default off (see toWireSchema). */
  jsonSchemaDialect?: boolean;
  /** Tool schemas in the portable subset every known client accepts (`schemaProfile: 'portable'`; see toWireSchema). */
  portableSchemas?: boolean;
  /** The command that regenerates it (default `npx toolwright build`). */
  command?: string;
  /**
   * OpenAPI servers: openapi-typescript's types for the spec (see emitOpenApiTypes). Written as `types.gen.ts`, and
   * every HTTP tool in server.gen.ts is then type-checked against its operation there.
   */
  openapiTypes?: string;
  /**
   * OpenAPI servers whose `types.gen.ts` comes separately (see emitTypesFile): the tools are type-checked against it
   * as with `openapiTypes`, but the file itself is not emitted. The CLI emits everything else while openapi-typescript
   * is still running.
   */
  operationTypes?: boolean;
}

export const GENERATOR = `toolwright ${CODEGEN_VERSION}`;

/** Emits `schemas.gen.ts`, `server.gen.ts`, `tools.json` and the `docs/` pages (and `types.gen.ts` given `openapiTypes`) for a server. */
export function generateServer(server: IrServer, options: GenerateOptions): CodegenResult {
  const typed = options.openapiTypes !== undefined || options.operationTypes === true;
  const header = fileHeader({ source: options.source, inputHash: hashJson(server), command: options.command ?? 'npx toolwright build' });
  const schemas: ZodSchemaInput[] = [];
  const toolSchemas = new Map<string, SchemaNames>();
  /** Schema export name → the tool it belongs to. */
  const schemaOwner = new Map<string, string>();
  for (const tool of [...server.tools].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const base = pascalCase(tool.name);
    const names: SchemaNames = { input: `${base}Input` };
    schemas.push({ exportName: names.input, schema: tool.input, description: `Arguments of ${tool.name}.`, objects: 'strict', dates: 'parse' });
    // Function tools only: an API's responses often stray from its spec, and a client that checks
    // structuredContent against an outputSchema would reject them; the schema also costs tokens.
    if (tool.output && tool.binding.kind === 'function') {
      names.output = `${base}Output`;
      schemas.push({ exportName: names.output, schema: tool.output, description: `Result of ${tool.name}.` });
    }
    toolSchemas.set(tool.name, names);
    schemaOwner.set(names.input, tool.name);
    if (names.output) schemaOwner.set(names.output, tool.name);
  }
  const promptSchemas = new Map<string, string>();
  for (const prompt of [...server.prompts].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (prompt.arguments.length === 0) continue;
    const exportName = `${pascalCase(prompt.name)}PromptArgs`;
    promptSchemas.set(prompt.name, exportName);
    schemas.push({ exportName, schema: promptArgsSchema(prompt.arguments), description: `Arguments of prompt ${prompt.name}.` });
  }
  const registrationOptions = {
    outDir: options.outDir,
    ...(options.rootFromOutDir !== undefined ? { rootFromOutDir: options.rootFromOutDir } : {}),
    header,
    toolSchemas,
    promptSchemas,
    ...(options.jsonSchemaDialect ? { jsonSchemaDialect: true } : {}),
    ...(options.portableSchemas ? { portableSchemas: true } : {}),
    ...(typed ? { operationsModule: './types.gen.js' } : {}),
  };
  const types = options.openapiTypes === undefined ? [] : [emitTypesFile(options.openapiTypes, options)];
  const manifest = { path: 'tools.json', contents: emitManifest(server, GENERATOR) };
  // Markdown pages for people and models, from the same IR: docs/index.md, docs/tools/<tool>.md, …
  const docs = emitDocs(server, {
    outDir: options.outDir,
    ...(options.rootFromOutDir !== undefined ? { rootFromOutDir: options.rootFromOutDir } : {}),
    source: options.source,
    ...(options.command !== undefined ? { command: options.command } : {}),
    ...(options.jsonSchemaDialect ? { jsonSchemaDialect: true } : {}),
  });

  const modules = toolsetModules(server);
  if (modules) {
    // Split by toolset: each toolset's schemas and tools in modules of their own, loaded on demand, so a server
    // starts with only the tools it offers (GitHub's default surface is a few dozen of its 1,223).
    const files = [
      {
        path: 'server.gen.ts',
        contents: emitRegistration(server, {
          ...registrationOptions,
          toolsetModules: new Map([...modules].map(([name, file]) => [name, `./toolsets/${file}.gen.js`])),
        }),
      },
      { path: 'api.gen.ts', contents: emitApiModule(server, { header }) },
    ];
    const diagnostics: CodegenResult['diagnostics'] = [];
    for (const [toolset, file] of modules) {
      const members = new Set(server.toolsets.find((t) => t.name === toolset)?.tools);
      const own = schemas.filter((schema) => members.has(schemaOwner.get(schema.exportName) ?? ''));
      const zod = emitZodModule(own, { header });
      diagnostics.push(...zod.diagnostics);
      files.push({ path: `toolsets/${file}.schemas.gen.ts`, contents: zod.code });
      files.push({
        path: `toolsets/${file}.gen.ts`,
        contents: emitToolsetModule(server, toolset, {
          ...registrationOptions,
          outDir: posix.join(options.outDir, 'toolsets'),
          ...(options.rootFromOutDir !== undefined ? { rootFromOutDir: posix.join('..', options.rootFromOutDir) } : {}),
          schemasModule: `./${file}.schemas.gen.js`,
          apiModule: '../api.gen.js',
          ...(typed ? { operationsModule: '../types.gen.js' } : {}),
        }),
      });
    }
    return { files: [...files, manifest, ...types, ...docs], diagnostics };
  }

  const zod = emitZodModule(schemas, { header });
  const registration = emitRegistration(server, registrationOptions);
  return {
    files: [{ path: 'schemas.gen.ts', contents: zod.code }, { path: 'server.gen.ts', contents: registration }, manifest, ...types, ...docs],
    diagnostics: zod.diagnostics,
  };
}

/** `types.gen.ts`: openapi-typescript's types for the spec (see emitOpenApiTypes) under our header. */
export function emitTypesFile(openapiTypes: string, options: Pick<GenerateOptions, 'source' | 'command'>): CodegenResult['files'][number] {
  return {
    path: 'types.gen.ts',
    // Hashed by its own text: it follows the spec, not the IR (config can change the IR alone).
    contents: `${fileHeader({ source: options.source, inputHash: hashJson(openapiTypes), command: options.command ?? 'npx toolwright build' })}\n${openapiTypes}`,
  };
}

/**
 * Toolset name → file name (without `.gen.ts`) when the server is split by toolset: an API server (every tool an HTTP
 * call, no resources or prompts) whose toolsets hold each tool exactly once. Undefined otherwise: function servers
 * import the user's code anyway, and a tool in two toolsets would need a home.
 */
function toolsetModules(server: IrServer): Map<string, string> | undefined {
  if (server.toolsets.length < 2 || server.resources.length || server.prompts.length) return undefined;
  if (!server.tools.every((tool) => tool.binding.kind === 'http')) return undefined;
  const seen = new Set<string>();
  for (const toolset of server.toolsets) {
    for (const tool of toolset.tools) {
      if (seen.has(tool)) return undefined;
      seen.add(tool);
    }
  }
  if (seen.size !== server.tools.length) return undefined;
  const files = new Map<string, string>();
  const taken = new Set<string>();
  for (const toolset of [...server.toolsets].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    // Toolset names are free text in a config: the file name keeps only what every file system accepts.
    const base = toolset.name.toLowerCase().replace(/[^a-z0-9_-]+/g, '_') || 'toolset';
    let file = base;
    for (let i = 2; taken.has(file); i++) file = `${base}_${i}`;
    taken.add(file);
    files.set(toolset.name, file);
  }
  return files;
}

function promptArgsSchema(args: IrServer['prompts'][number]['arguments']): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(args.map((a) => [a.name, { type: 'string', ...(a.description ? { description: a.description } : {}) }])),
    required: args.filter((a) => a.required).map((a) => a.name),
  };
}
