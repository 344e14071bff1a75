/**
 * `toolwright build`: toolwright.config.ts → read the functions → IR →
 * emitters → files under the config's outDir. `--check` regenerates in
 * memory and fails when what is on disk differs (CI runs it), so a
 * hand-edited or stale generated file never lands.
 *
 * The codegen library is pure; this command is where files are found,
 * written (atomically, and only when changed) and compared.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import {
  type ClientName,
  CONFIG_FILE_NAMES,
  ConfigError,
  checkTokenBudget,
  DescriptionLintCode,
  type Diagnostic,
  emitOpenApiTypesInWorker,
  emitTypesFile,
  type GeneratedFile,
  generateServer,
  type IrServer,
  type LoadedConfig,
  lintClientCompatibility,
  lintDescriptions,
  loadProjectConfig,
  type ProjectConfig,
  readFunctions,
  readOpenApi,
} from '@toolwright/codegen';
import { importModule } from '../import-module.js';

export interface BuildFlags {
  check?: boolean;
  strict?: boolean;
  config?: string;
  quiet?: boolean;
}

export interface ProjectBuild {
  root: string;
  name: string;
  outDir: string;
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
  /** Files whose contents on disk differ from what was generated (or are missing). */
  changed: string[];
  /** Generated files on disk that this build no longer makes (a removed toolset's module, say): deleted on write. */
  stale: string[];
}

/** `toolwright build [projects…]`: sets the exit code; prints diagnostics to stderr and a summary line per project. */
export async function buildCommand(projects: string[], flags: BuildFlags): Promise<void> {
  const cwd = process.cwd();
  const roots = projects.length > 0 ? projects.map((p) => resolve(cwd, p)) : discoverProjects(cwd);
  if (roots.length === 0) {
    fail(
      `No toolwright.config.ts in ${cwd} or in its packages/*/ folders. Create one (npx toolwright init <dir> scaffolds a project), or pass the project folder: toolwright build <dir>.`,
    );
    return;
  }
  let failed = false;
  for (const root of roots) {
    const result = await buildProject(root, { ...flags, write: !flags.check, importer: importModule }).catch((error: unknown) => {
      if (error instanceof ConfigError) {
        fail(`${relative(cwd, root) || '.'}: ${error.message}`);
        return undefined;
      }
      throw error;
    });
    if (!result) {
      failed = true;
      continue;
    }
    for (const line of formatDiagnostics(result.diagnostics, result.root, cwd)) process.stderr.write(`${line}\n`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    const where = relative(cwd, resolve(result.root, result.outDir)) || '.';
    if (errors > 0 || (flags.strict && warnings > 0)) {
      failed = true;
      process.stderr.write(
        `toolwright: ${result.name}: ${errors} error(s), ${warnings} warning(s)${flags.strict && errors === 0 ? ' (--strict fails on warnings)' : ''}; nothing written.\n`,
      );
      continue;
    }
    if (flags.check) {
      if (result.changed.length > 0 || result.stale.length > 0) {
        failed = true;
        const stale = result.stale.length ? `; no longer generated: ${listFiles(result.stale, where)}` : '';
        process.stderr.write(
          `toolwright: ${result.name}: generated files are out of date: ${listFiles(result.changed, where)}${stale}. Run npx toolwright build and commit the result.\n`,
        );
      } else if (!flags.quiet) process.stderr.write(`toolwright: ${result.name}: ${where} is up to date.\n`);
      continue;
    }
    if (!flags.quiet) {
      const tools = countOf(result, 'tools');
      process.stderr.write(
        `toolwright: ${result.name}: ${tools} tool(s) → ${where} (${result.changed.length ? `wrote ${listFiles(result.changed)}` : 'unchanged'}${result.stale.length ? `, deleted ${listFiles(result.stale)}` : ''})${warnings ? `, ${warnings} warning(s)` : ''}.\n`,
      );
    }
  }
  if (failed) process.exitCode = 1;
}

/** What a build keeps for the next one (`toolwright dev`): the config and the IR it read. */
export interface BuildCache {
  loaded: LoadedConfig;
  server: IrServer;
}

export interface BuildOptions {
  config?: string;
  write?: boolean;
  strict?: boolean;
  /** The previous build's cache: with `changed`, only the changed files are read again when that is safe. */
  cache?: BuildCache;
  /** Absolute paths of the files changed since `cache` was made. */
  changed?: string[];
  /** How the config module is imported (ConfigLoadOptions.importer); default a fresh copy through tsx. */
  importer?: (url: string) => Promise<Record<string, unknown>>;
}

/**
 * Reads one project and generates its files; writes them when `write` is set
 * and there are no errors (and, with `strict`, no warnings).
 */
export async function buildProject(root: string, options: BuildOptions = {}): Promise<ProjectBuild & { cache?: BuildCache; incremental: boolean }> {
  const configChanged = options.changed?.some((path) => CONFIG_FILE_NAMES.some((name) => path === resolve(root, name)) || path === options.cache?.loaded.file);
  const project: ProjectConfig =
    options.cache && !configChanged
      ? { kind: 'functions', ...options.cache.loaded }
      : await loadProjectConfig({ root, ...(options.config ? { file: options.config } : {}), ...(options.importer ? { importer: options.importer } : {}) });
  if (project.kind === 'openapi') return buildOpenApi(root, project, options);
  const loaded: LoadedConfig = { config: project.config, file: project.file };
  const { config, file } = loaded;
  const partial = options.cache && !configChanged && options.changed ? await readChanged(root, loaded, options.cache.server, options.changed) : undefined;
  const read = partial ?? (await readFunctions({ root, config, configFile: file }));
  const diagnostics = [...read.diagnostics];
  // The description lint (warnings; --strict fails on them). The frontend already reports a tool
  // with no JSDoc at all (TW1111), so the lint's own "no description" is not said twice.
  const undocumented = new Set(read.diagnostics.filter((d) => d.code === 'TW1111').map((d) => `${d.file}:${d.line}`));
  for (const warning of lintDescriptions(read.server)) {
    if (warning.code === DescriptionLintCode.MissingToolDescription && undocumented.has(`${warning.file}:${warning.line}`)) continue;
    diagnostics.push(warning);
  }
  const outDir = config.outDir;
  const errorFree = !read.diagnostics.some((d) => d.severity === 'error');
  const result: ProjectBuild & { cache?: BuildCache; incremental: boolean } = {
    root,
    name: config.name,
    outDir,
    files: [],
    diagnostics,
    changed: [],
    stale: [],
    incremental: partial !== undefined,
    ...(errorFree ? { cache: { loaded, server: read.server } } : {}),
  };
  if (diagnostics.some((d) => d.severity === 'error')) return result;
  const what = { source: file, jsonSchemaDialect: config.jsonSchemaDialect === true, configFile: file, ...projectChecks(config) };
  return finish(root, result, prepare(root, read.server, outDir, what), options);
}

/** An OpenAPI project: the spec named in the config → IR → the same emitters. */
export async function buildOpenApi(
  root: string,
  project: Extract<ProjectConfig, { kind: 'openapi' }>,
  options: BuildOptions,
): Promise<ProjectBuild & { cache?: BuildCache; incremental: boolean }> {
  const { spec: _spec, outDir, jsonSchemaDialect, tokenBudget, clients, schemaProfile, ...config } = project.config;
  // openapi-typescript's types for the spec (types.gen.ts): the generated tools' arguments are checked against them.
  // It takes as long as everything else together, so it runs on a worker thread beside the importer and emitters.
  // openapi-typescript is stricter than the importer on some specs (a discriminator mapping by bare schema name, say):
  // then the server is still generated, without types.gen.ts and its checks, and a warning says so.
  const stopTypes = new AbortController();
  const types = (async () =>
    emitOpenApiTypesInWorker(readFileSync(resolve(root, project.spec), 'utf8'), /\.ya?ml$/i.test(project.spec) ? 'yaml' : 'json', stopTypes.signal))().then(
    (text) => ({ text }),
    (error: unknown) => ({ error }),
  );
  const read = await readOpenApi({ spec: project.spec, root, config, specFile: project.spec });
  const result: ProjectBuild & { cache?: BuildCache; incremental: boolean } = {
    root,
    name: config.name,
    outDir,
    files: [],
    diagnostics: [...read.diagnostics],
    changed: [],
    stale: [],
    incremental: false,
  };
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    stopTypes.abort();
    return result;
  }
  const what = {
    source: project.spec,
    jsonSchemaDialect: jsonSchemaDialect === true,
    configFile: project.file,
    ...projectChecks({ tokenBudget, clients, schemaProfile }),
  };
  // Everything but types.gen.ts is emitted (and compared with the disk) while openapi-typescript is still running,
  // on the bet that it succeeds, as it does on every spec it can read; when it fails, the files are emitted again
  // without the checks against its types. For GitHub this takes the emitters' seconds off the build's wall time.
  const speculative = prepare(root, read.server, result.outDir, { ...what, operationTypes: true });
  const typed = await types;
  if ('text' in typed) {
    const file = emitTypesFile(typed.text, { source: project.spec });
    speculative.files.push(file);
    if (readOrUndefined(resolve(root, result.outDir, file.path)) !== file.contents) speculative.changed.push(file.path);
    return finish(root, result, speculative, options);
  }
  const error = typed.error;
  result.diagnostics.push({
    code: 'TW3004',
    severity: 'warning',
    file: project.spec,
    message: `openapi-typescript could not read the spec (${error instanceof Error ? error.message : String(error)}), so the server has no types.gen.ts and its tools' arguments are not type-checked against the spec.`,
    hint: 'Fix what openapi-typescript reports in the spec (npx openapi-typescript <spec> shows it), then build again.',
  });
  return finish(root, result, prepare(root, read.server, result.outDir, what), options);
}

/** The config settings that shape what is sent and what the build checks, as prepare() takes them. */
function projectChecks(config: { tokenBudget?: number | undefined; clients?: ClientName[] | undefined; schemaProfile?: 'default' | 'portable' | undefined }) {
  return {
    ...(config.tokenBudget !== undefined ? { tokenBudget: config.tokenBudget } : {}),
    ...(config.clients !== undefined ? { clients: config.clients } : {}),
    ...(config.schemaProfile !== undefined ? { schemaProfile: config.schemaProfile } : {}),
  };
}

/** What the emitters made for a server, with the build's checks on it and the files that differ from the disk. */
interface Prepared {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
  /** Paths (relative to outDir) whose contents differ from the disk. */
  changed: string[];
}

interface EmitSettings {
  source: string;
  jsonSchemaDialect: boolean;
  configFile: string;
  /** OpenAPI servers: tools are checked against a types.gen.ts emitted separately (GenerateOptions.operationTypes). */
  operationTypes?: boolean;
  /** From the config: tokenBudget, clients, schemaProfile. */
  tokenBudget?: number;
  clients?: ClientName[];
  schemaProfile?: 'default' | 'portable';
}

/** Runs the emitters and the checks on what they made (token budget, client compatibility); compares with the disk. */
function prepare(root: string, server: IrServer, outDir: string, what: EmitSettings): Prepared {
  const target = resolve(root, outDir);
  const portableSchemas = what.schemaProfile === 'portable';
  const generated = generateServer(server, {
    outDir: toPosix(relative(root, target)),
    rootFromOutDir: toPosix(relative(target, root)) || '.',
    source: what.source,
    ...(what.jsonSchemaDialect ? { jsonSchemaDialect: true } : {}),
    ...(what.operationTypes ? { operationTypes: true } : {}),
    ...(portableSchemas ? { portableSchemas } : {}),
  });
  const wire = { jsonSchemaDialect: what.jsonSchemaDialect, portableSchemas, file: what.configFile };
  return {
    files: generated.files,
    diagnostics: [
      ...generated.diagnostics,
      ...checkTokenBudget(server, what.tokenBudget, wire),
      ...lintClientCompatibility(server, what.clients ?? [], { ...wire, portable: portableSchemas }),
    ],
    changed: generated.files.filter((f) => readOrUndefined(resolve(target, f.path)) !== f.contents).map((f) => f.path),
  };
}

/** Notes what was prepared and which files are stale; writes the changed ones when asked and nothing blocks it. */
function finish<T extends ProjectBuild>(root: string, result: T, prepared: Prepared, options: BuildOptions): T {
  const target = resolve(root, result.outDir);
  result.diagnostics.push(...prepared.diagnostics);
  result.files = prepared.files;
  result.changed = prepared.changed;
  result.stale = staleFiles(target, new Set(prepared.files.map((f) => f.path)));
  const blocked = result.diagnostics.some((d) => d.severity === 'error') || (options.strict && result.diagnostics.length > 0);
  if (options.write && !blocked) {
    for (const f of prepared.files) if (result.changed.includes(f.path)) writeAtomically(resolve(target, f.path), f.contents);
    for (const path of result.stale) rmSync(resolve(target, path), { force: true });
  }
  return result;
}

/**
 * Reads only the changed source files and puts what they define in place of
 * what they defined before — the fast path of `toolwright dev` (one file in
 * well under a second, where reading the whole program takes seconds).
 * Undefined, for a full read, when that could be wrong: a changed file that
 * defined nothing before (a types module, say), one that another tool module
 * imports (its types may have changed under those tools), or names that now
 * clash with another file's.
 */
async function readChanged(root: string, loaded: LoadedConfig, previous: IrServer, changed: string[]) {
  const modules = new Set(
    [...previous.tools, ...previous.resources, ...previous.prompts]
      .map((item) => item.binding)
      .filter((b) => b.kind === 'function')
      .map((b) => b.module),
  );
  const files = changed.map((path) => toPosix(relative(root, path)));
  if (files.some((f) => !modules.has(f))) return undefined;
  for (const other of modules) {
    if (files.includes(other)) continue;
    const text = readOrUndefined(resolve(root, other)) ?? '';
    const imported = files.some((f) => {
      const stem = f
        .replace(/\.[cm]?tsx?$/, '')
        .split('/')
        .pop()!;
      return new RegExp(`from\\s+['"][^'"]*\\b${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.[cm]?[jt]sx?)?['"]`).test(text);
    });
    if (imported) return undefined;
  }
  const read = await readFunctions({ root, config: loaded.config, configFile: loaded.file, files });
  const fromChanged = (item: { binding: { kind: string; module?: string } }) => item.binding.kind === 'function' && files.includes(item.binding.module ?? '');
  const server: IrServer = {
    ...read.server,
    tools: [...previous.tools.filter((t) => !fromChanged(t)), ...read.server.tools],
    resources: [...previous.resources.filter((r) => !fromChanged(r)), ...read.server.resources],
    prompts: [...previous.prompts.filter((p) => !fromChanged(p)), ...read.server.prompts],
  };
  const unique = (names: string[]) => new Set(names).size === names.length;
  if (!unique(server.tools.map((t) => t.name)) || !unique(server.resources.map((r) => r.uri)) || !unique(server.prompts.map((p) => p.name))) return undefined;
  return { server, diagnostics: read.diagnostics };
}

/** The cwd when it has a config; else every `packages/*`, `specs/*` and `*` folder with one (a monorepo root). */
export function discoverProjects(cwd: string): string[] {
  if (hasConfig(cwd)) return [cwd];
  const found: string[] = [];
  for (const parent of [resolve(cwd, 'packages'), resolve(cwd, 'specs'), cwd]) {
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const dir = resolve(parent, entry.name);
      if (hasConfig(dir) && !found.includes(dir)) found.push(dir);
    }
  }
  return found;
}

function hasConfig(dir: string): boolean {
  return CONFIG_FILE_NAMES.some((name) => existsSync(resolve(dir, name)));
}

/** `file:line:col: error TW1234: message` (the shape editors and CI annotate), then the hint indented. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], root: string, cwd: string): string[] {
  return diagnostics.map((d) => {
    const at = d.file ? `${toPosix(relative(cwd, resolve(root, d.file)))}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
    return `${at}${d.severity} ${d.code}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
  });
}

function countOf(result: ProjectBuild, key: 'tools'): number {
  const manifest = result.files.find((f) => f.path === 'tools.json');
  if (!manifest) return 0;
  return (JSON.parse(manifest.contents) as Record<string, unknown[]>)[key]?.length ?? 0;
}

/** Folders inside an output folder that belong to the generator whole: every file in them is generated. */
const OWNED_FOLDERS = ['toolsets', 'docs'];

/**
 * Generated files on disk that are not in `current`: `*.gen.ts` files at the top of the output folder that carry the
 * generated header, and any file in an owned folder. Nothing else in the output folder is touched.
 */
function staleFiles(target: string, current: ReadonlySet<string>): string[] {
  const stale: string[] = [];
  const files = (dir: string, recursive: boolean) =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true, recursive })
          .filter((entry) => entry.isFile())
          .map((entry) => toPosix(relative(target, resolve(entry.parentPath, entry.name))))
      : [];
  for (const path of files(target, false)) {
    if (!current.has(path) && path.endsWith('.gen.ts') && readOrUndefined(resolve(target, path))?.startsWith(GENERATED_MARK)) stale.push(path);
  }
  for (const folder of OWNED_FOLDERS) for (const path of files(resolve(target, folder), true)) if (!current.has(path)) stale.push(path);
  return stale.sort();
}

const GENERATED_MARK = '// This file is generated by Toolwright.';

/** A list of files for a message: the first few, then how many more. */
export function listFiles(files: readonly string[], prefix?: string): string {
  const shown = files.slice(0, 5).map((f) => (prefix ? `${prefix}/${f}` : f));
  return files.length > 5 ? `${shown.join(', ')} and ${files.length - 5} more` : shown.join(', ');
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Write to a temporary file beside the target, then rename: a reader never sees half a file, and a failure leaves the old one. */
function writeAtomically(path: string, contents: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

function fail(message: string): void {
  process.stderr.write(`toolwright: ${message}\n`);
  process.exitCode = 1;
}
