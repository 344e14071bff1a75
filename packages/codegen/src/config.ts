/**
 * `toolwright.config.ts`: what a function-backed server is called and which
 * source files hold its tools. The CLI finds and loads the file with
 * {@link loadConfig}; the codegen library itself only reads the plain object.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type OpenApiConfig, validateOpenApiConfig } from './frontends/openapi/config.js';
import { validateTokenBudget } from './lint/budget.js';
import { type ClientName, validateClients, validateSchemaProfile } from './lint/compat.js';

/** The contents of `toolwright.config.ts` (the default export). */
export interface ToolwrightConfig {
  /** Server name sent to clients; also the default output folder `generated/<name>`. */
  name: string;
  /** Semver version of the server. */
  version: string;
  title?: string;
  description?: string;
  /** Sent to clients in `initialize` as `instructions`: how to use the tools together. */
  instructions?: string;
  /** Globs, relative to the project root, of the files whose exported functions become tools. Default `['src/**\/*.ts']`. */
  include?: string[];
  /** Globs to leave out. Test files, declaration files and node_modules are always left out. */
  exclude?: string[];
  /** Output folder relative to the project root. Default `generated/<name>`. */
  outDir?: string;
  /** tsconfig used to read the sources, relative to the project root. Default `tsconfig.json` when it exists. */
  tsconfig?: string;
  /**
   * State `$schema` (JSON Schema 2020-12) in every tool's input and output schema. Default false:
   * MCP reads a schema without `$schema` as 2020-12, and stating it costs ~15 tokens per tool.
   */
  jsonSchemaDialect?: boolean;
  /** Most o200k tokens the default surface's `tools/list` may cost; the build fails above it (see checkTokenBudget). */
  tokenBudget?: number;
  /** Clients the server targets: the build warns about each tool one of them would reject (see lint/compat.ts). */
  clients?: ClientName[];
  /** `portable`: tool schemas in the subset every known client accepts (no `$ref`, no `additionalProperties`, …). */
  schemaProfile?: 'default' | 'portable';
}

/** A config with its defaults filled in. */
export interface ResolvedToolwrightConfig extends ToolwrightConfig {
  include: string[];
  exclude: string[];
  outDir: string;
}

export const DEFAULT_INCLUDE: readonly string[] = ['src/**/*.ts'];
/** Always excluded: never tools, and expensive to read. */
export const ALWAYS_EXCLUDE: readonly string[] = ['**/*.d.ts', '**/*.test.ts', '**/*.spec.ts', '**/*.test-d.ts', '**/node_modules/**'];
/** Looked for, in this order, in the project root when no file is named. */
export const CONFIG_FILE_NAMES: readonly string[] = ['toolwright.config.ts', 'toolwright.config.mts', 'toolwright.config.js', 'toolwright.config.mjs'];

/**
 * Declares a server's config with type checking; returns it unchanged.
 *
 * @example
 * // toolwright.config.ts
 * import { defineConfig } from '@toolwright/codegen';
 * export default defineConfig({ name: 'workspace', version: '1.0.0', include: ['src/tools.ts'] });
 */
export function defineConfig(config: ToolwrightConfig): ToolwrightConfig {
  return config;
}

/** A config file that is missing, does not load, or holds an invalid config. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** `TW1901` not found, `TW1902` failed to load, `TW1903` invalid. */
    readonly code: 'TW1901' | 'TW1902' | 'TW1903',
    message: string,
    /** The config file, relative to the project root, when known. */
    readonly file?: string,
  ) {
    super(message);
  }
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const SERVER_NAME = /^[A-Za-z0-9_.@/-]+$/;

/** Fills in defaults. Does not validate: see {@link validateConfig}. */
export function withDefaults(config: ToolwrightConfig): ResolvedToolwrightConfig {
  return {
    ...config,
    include: config.include && config.include.length > 0 ? [...config.include] : [...DEFAULT_INCLUDE],
    exclude: [...(config.exclude ?? [])],
    outDir: config.outDir ?? `generated/${config.name}`,
  };
}

/** Every problem with a config value, as sentences that say what to write instead; empty when it is valid. */
export function validateConfig(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['The config must be an object: export default defineConfig({ name, version, include }).'];
  }
  const config = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof config.name !== 'string' || !SERVER_NAME.test(config.name)) {
    problems.push(`"name" must be a non-empty string of letters, digits, "_", "-", ".", "@" or "/" (got ${JSON.stringify(config.name)}).`);
  }
  if (typeof config.version !== 'string' || !SEMVER.test(config.version)) {
    problems.push(`"version" must be a semver version such as "1.0.0" (got ${JSON.stringify(config.version)}).`);
  }
  for (const key of ['title', 'description', 'instructions', 'outDir', 'tsconfig'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string') problems.push(`"${key}" must be a string when set.`);
  }
  for (const key of ['include', 'exclude'] as const) {
    const globs = config[key];
    if (globs !== undefined && (!Array.isArray(globs) || globs.some((g) => typeof g !== 'string' || g.length === 0))) {
      problems.push(`"${key}" must be an array of glob strings relative to the project root, e.g. ["src/tools/**/*.ts"].`);
    }
  }
  if (typeof config.outDir === 'string' && isAbsolute(config.outDir)) problems.push(`"outDir" must be relative to the project root (got "${config.outDir}").`);
  if (config.jsonSchemaDialect !== undefined && typeof config.jsonSchemaDialect !== 'boolean')
    problems.push('"jsonSchemaDialect" must be true or false when set.');
  problems.push(...validateTokenBudget(config.tokenBudget), ...validateClients(config.clients), ...validateSchemaProfile(config.schemaProfile));
  const known = new Set([
    'name',
    'version',
    'title',
    'description',
    'instructions',
    'include',
    'exclude',
    'outDir',
    'tsconfig',
    'jsonSchemaDialect',
    'tokenBudget',
    'clients',
    'schemaProfile',
  ]);
  for (const key of Object.keys(config)) if (!known.has(key)) problems.push(`Unknown key "${key}"; known keys: ${[...known].join(', ')}.`);
  return problems;
}

export interface LoadedConfig {
  config: ResolvedToolwrightConfig;
  /** The config file, relative to the project root (POSIX separators). */
  file: string;
}

/** A project's config: a functions server, or an OpenAPI server (the config names a `spec`). */
export type ProjectConfig =
  | { kind: 'functions'; config: ResolvedToolwrightConfig; file: string }
  | { kind: 'openapi'; config: OpenApiConfig & { outDir: string } /** The spec, relative to the project root. */; spec: string; file: string };

/**
 * Finds, imports and validates a project's config, whichever kind it is: a
 * default export with a `spec` is an OpenAPI server (`defineOpenApiConfig`),
 * anything else a functions server (`defineConfig`).
 */
export async function loadProjectConfig(options: ConfigLoadOptions): Promise<ProjectConfig> {
  const { value, file } = await importConfig(options);
  if (value && typeof value === 'object' && 'spec' in value) {
    const problems = validateOpenApiConfig(value);
    if (typeof (value as { spec: unknown }).spec !== 'string' || !(value as { spec: string }).spec)
      problems.unshift('"spec" must be the path of the OpenAPI document, relative to the config file.');
    if (problems.length > 0) throw new ConfigError('TW1903', `${file} is not a valid Toolwright OpenAPI config:\n- ${problems.join('\n- ')}`, file);
    const config = value as OpenApiConfig & { spec: string };
    const spec = posixJoin(dirnamePosix(file), config.spec);
    return { kind: 'openapi', config: { ...config, outDir: config.outDir ?? `generated/${config.name}` }, spec, file };
  }
  return { kind: 'functions', config: validated(value, file), file };
}

/**
 * Finds, imports (TypeScript included, through tsx) and validates a
 * functions project's config. Throws a {@link ConfigError} that says what to fix.
 *
 * @example
 * const { config, file } = await loadConfig({ root: process.cwd() });
 * const { server, diagnostics } = await readFunctions({ root, config, configFile: file });
 */
export async function loadConfig(options: ConfigLoadOptions): Promise<LoadedConfig> {
  const { value, file } = await importConfig(options);
  return { config: validated(value, file), file };
}

function validated(value: unknown, file: string): ResolvedToolwrightConfig {
  const problems = validateConfig(value);
  if (problems.length > 0) throw new ConfigError('TW1903', `${file} is not a valid Toolwright config:\n- ${problems.join('\n- ')}`, file);
  return withDefaults(value as ToolwrightConfig);
}

/** Where a config is and how to import it. */
export interface ConfigLoadOptions {
  root: string;
  /** Config file, relative to root or absolute; default: the first of {@link CONFIG_FILE_NAMES} that exists. */
  file?: string;
  /**
   * Imports the config module (a file URL). Default: tsx's scoped import, which needs no loader registered and
   * gives a fresh copy of the config and of everything it imports each time (what a watcher wants). A host that
   * already runs under a TypeScript loader, like the `toolwright` command, passes `(url) => import(url)`: the
   * config then shares the host's modules, so `@toolwright/codegen` is not loaded a second time for it (a
   * quarter to half a second of every build).
   */
  importer?: (url: string) => Promise<Record<string, unknown>>;
}

async function importConfig(options: ConfigLoadOptions): Promise<{ value: unknown; file: string }> {
  const root = resolve(options.root);
  const path = options.file ? resolve(root, options.file) : CONFIG_FILE_NAMES.map((name) => resolve(root, name)).find((candidate) => existsSync(candidate));
  if (!path) {
    throw new ConfigError('TW1901', `No config file in ${root}: create toolwright.config.ts with export default defineConfig({ name, version, include }).`);
  }
  const file = relative(root, path).split('\\').join('/');
  if (!existsSync(path)) throw new ConfigError('TW1901', `Config file ${file} does not exist.`, file);

  let module: Record<string, unknown>;
  try {
    if (options.importer) module = await options.importer(pathToFileURL(path).href);
    else {
      // tsx's scoped import compiles the .ts config (and what it imports) without registering a global loader.
      const { tsImport } = await import('tsx/esm/api');
      module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
    }
  } catch (error) {
    throw new ConfigError('TW1902', `Could not load ${file}: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  // A CommonJS-shaped module (or tsx's interop) may nest the default export once more.
  let value = module.default;
  if (value && typeof value === 'object' && 'default' in value && !('name' in value)) value = (value as { default: unknown }).default;
  if (value === undefined) throw new ConfigError('TW1903', `${file} has no default export: end it with export default defineConfig({ … }).`, file);
  return { value, file };
}

function dirnamePosix(file: string): string {
  const index = file.lastIndexOf('/');
  return index < 0 ? '' : file.slice(0, index);
}

function posixJoin(dir: string, path: string): string {
  const parts = [...(dir ? dir.split('/') : []), ...path.split('/')];
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
