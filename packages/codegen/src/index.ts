/**
 * @toolwright/codegen — frontends (typed functions, OpenAPI) → IR → emitters.
 * A pure library: it takes inputs and returns `{ files, diagnostics }`; it writes nothing.
 */

export type { BumpType } from './check/changesets.js';
export { ChangesetError, pendingBump } from './check/changesets.js';
export type { ReleaseLevel, SurfaceChange, SurfaceChangeKind, SurfaceSummary } from './check/compare.js';
export { compareManifests, summarize } from './check/compare.js';
export type { ConfigLoadOptions, LoadedConfig, ProjectConfig, ResolvedToolwrightConfig, ToolwrightConfig } from './config.js';
export { CONFIG_FILE_NAMES, ConfigError, DEFAULT_INCLUDE, defineConfig, loadConfig, loadProjectConfig, validateConfig, withDefaults } from './config.js';
export { canonicalJson, fileHeader, hashJson } from './emit/header.js';
export type { Manifest } from './emit/manifest.js';
export { buildManifest, emitManifest, MANIFEST_VERSION } from './emit/manifest.js';
export { emitOpenApiTypes, emitOpenApiTypesInWorker } from './emit/openapi-types.js';
export type { ReadFunctionsOptions, ReadFunctionsResult } from './frontends/functions/index.js';

import type { ReadFunctionsOptions, ReadFunctionsResult } from './frontends/functions/index.js';

/**
 * Reads a functions project into IR (see frontends/functions). Loaded on first use: the frontend brings ts-morph and
 * its TypeScript compiler (about a second to load), which an OpenAPI build, `serve` or `check` never needs.
 */
export async function readFunctions(options: ReadFunctionsOptions): Promise<ReadFunctionsResult> {
  const frontend = await import('./frontends/functions/index.js');
  return frontend.readFunctions(options);
}
export type { OpenApiConfig, OpenApiProfileConfig, OpenApiToolConfig, OpenApiToolsetConfig } from './frontends/openapi/config.js';
export {
  DEFAULT_MAX_DESCRIPTION_LENGTH,
  DEFAULT_MAX_OUTPUT_SCHEMA_BYTES,
  DEFAULT_PROTOCOL_HEADERS,
  defineOpenApiConfig,
  validateOpenApiConfig,
} from './frontends/openapi/config.js';
export { OpenApiCode } from './frontends/openapi/diagnostics.js';
export type { OpenApiStats, ReadOpenApiOptions, ReadOpenApiResult } from './frontends/openapi/index.js';
export { readOpenApi } from './frontends/openapi/index.js';
export { sanitizeSpecText } from './frontends/openapi/sanitize.js';
export type { GenerateOptions } from './generate.js';
export { emitTypesFile, GENERATOR, generateServer } from './generate.js';
export type * from './ir/types.js';
export { checkTokenBudget, defaultSurface, TOKEN_BUDGET_EXCEEDED } from './lint/budget.js';
export type { ClientName, CompatOptions } from './lint/compat.js';
export { CLIENT_INCOMPATIBLE, CLIENTS, clientProblems, lintClientCompatibility } from './lint/compat.js';
export { DescriptionLintCode, lintDescriptions, MAX_FIRST_SENTENCE_LENGTH, MIN_TOOL_DESCRIPTION_LENGTH } from './lint/descriptions.js';
export type { ToolListEntry, ToolListOptions } from './tokens.js';
export { countTokens, countToolListTokens, countToolTokens, toolListEntry } from './tokens.js';
export { CODEGEN_VERSION } from './version.js';
