/**
 * From IR to files: the one place that runs the emitters for a server and
 * collects their files and diagnostics. Pure: it returns files, it writes
 * nothing (the CLI writes them, or compares them for `--check`).
 */

import { fileHeader, hashJson } from './emit/header.js';
import { emitManifest } from './emit/manifest.js';
import { pascalCase } from './emit/names.js';
import { emitRegistration, type SchemaNames } from './emit/registration.js';
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
  /** The command that regenerates it (default `npx toolwright build`). */
  command?: string;
  /**
   * OpenAPI servers: openapi-typescript's types for the spec (see emitOpenApiTypes). Written as `types.gen.ts`, and
   * every HTTP tool in server.gen.ts is then type-checked against its operation there.
   */
  openapiTypes?: string;
}

export const GENERATOR = `toolwright ${CODEGEN_VERSION}`;

/** Emits `schemas.gen.ts`, `server.gen.ts` and `tools.json` (and `types.gen.ts` given `openapiTypes`) for a server. */
export function generateServer(server: IrServer, options: GenerateOptions): CodegenResult {
  const header = fileHeader({ source: options.source, inputHash: hashJson(server), command: options.command ?? 'npx toolwright build' });
  const schemas: ZodSchemaInput[] = [];
  const toolSchemas = new Map<string, SchemaNames>();
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
  }
  const promptSchemas = new Map<string, string>();
  for (const prompt of [...server.prompts].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (prompt.arguments.length === 0) continue;
    const exportName = `${pascalCase(prompt.name)}PromptArgs`;
    promptSchemas.set(prompt.name, exportName);
    schemas.push({ exportName, schema: promptArgsSchema(prompt.arguments), description: `Arguments of prompt ${prompt.name}.` });
  }
  const zod = emitZodModule(schemas, { header });
  const registration = emitRegistration(server, {
    outDir: options.outDir,
    ...(options.rootFromOutDir !== undefined ? { rootFromOutDir: options.rootFromOutDir } : {}),
    header,
    toolSchemas,
    promptSchemas,
    ...(options.jsonSchemaDialect ? { jsonSchemaDialect: true } : {}),
    ...(options.openapiTypes !== undefined ? { operationsModule: './types.gen.js' } : {}),
  });
  const types =
    options.openapiTypes === undefined
      ? []
      : [
          {
            path: 'types.gen.ts',
            // Hashed by its own text: it follows the spec, not the IR (config can change the IR alone).
            contents: `${fileHeader({ source: options.source, inputHash: hashJson(options.openapiTypes), command: options.command ?? 'npx toolwright build' })}\n${options.openapiTypes}`,
          },
        ];
  return {
    files: [
      { path: 'schemas.gen.ts', contents: zod.code },
      { path: 'server.gen.ts', contents: registration },
      { path: 'tools.json', contents: emitManifest(server, GENERATOR) },
      ...types,
    ],
    diagnostics: zod.diagnostics,
  };
}

function promptArgsSchema(args: IrServer['prompts'][number]['arguments']): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(args.map((a) => [a.name, { type: 'string', ...(a.description ? { description: a.description } : {}) }])),
    required: args.filter((a) => a.required).map((a) => a.name),
  };
}
