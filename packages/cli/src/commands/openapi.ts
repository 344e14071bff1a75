/**
 * `toolwright openapi <spec> [--config file] [--out dir] [--name n]`: a user's own
 * OpenAPI document → a generated MCP server, without writing a project first.
 * With `--config`, the config's settings apply (its `spec` is replaced by the one
 * given); without, the server is named after the spec's title and every
 * operation is a tool. Progress goes to stderr phase by phase: a large spec
 * takes seconds.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError, loadProjectConfig, type ProjectConfig } from '@toolwright/codegen';
import { parse as parseYaml } from 'yaml';
import { importModule } from '../import-module.js';
import { buildOpenApi, formatDiagnostics, listFiles } from './build.js';

export interface OpenApiFlags {
  config?: string;
  out?: string;
  name?: string;
  strict?: boolean;
}

export async function openapiCommand(specArg: string, flags: OpenApiFlags): Promise<void> {
  const cwd = process.cwd();
  const spec = resolve(cwd, specArg);
  const step = phase();
  let project: ProjectConfig;
  try {
    if (flags.config) {
      const loaded = await loadProjectConfig({ root: cwd, file: flags.config, importer: importModule });
      if (loaded.kind !== 'openapi')
        throw new ConfigError('TW1903', `${flags.config} is a functions config; pass an OpenAPI config (defineOpenApiConfig({ spec, … })).`);
      project = { ...loaded, spec: toPosix(relative(cwd, spec)), config: { ...loaded.config, ...(flags.out ? { outDir: flags.out } : {}) } };
    } else {
      const info = readInfo(spec);
      const name = flags.name ?? (toName(info.title) || 'api');
      project = {
        kind: 'openapi',
        spec: toPosix(relative(cwd, spec)),
        file: '(command line)',
        config: { name, version: semver(info.version), ...(info.title ? { title: info.title } : {}), outDir: flags.out ?? `generated/${name}` },
      };
    }
  } catch (error) {
    process.stderr.write(`toolwright: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  step(`reading ${project.spec} and generating ${project.config.name}`);
  const result = await buildOpenApi(cwd, project, { write: true, ...(flags.strict ? { strict: true } : {}) });
  for (const line of formatDiagnostics(result.diagnostics, cwd, cwd)) process.stderr.write(`${line}\n`);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const tools = result.files.find((f) => f.path === 'tools.json');
  const count = tools ? (JSON.parse(tools.contents) as { tools: unknown[] }).tools.length : 0;
  if (errors > 0 || (flags.strict && result.diagnostics.length > 0)) {
    step(`failed: ${errors} error(s), ${result.diagnostics.length - errors} warning(s); nothing written`);
    process.exitCode = 1;
    return;
  }
  step(`${count} tool(s) → ${result.outDir} (${result.changed.length ? `wrote ${listFiles(result.changed)}` : 'unchanged'})`);
  process.stderr.write(`Serve it: npx toolwright serve ${toPosix(result.outDir)}/server.gen.ts\n`);
}

/** Prints each phase with the time the previous one took. */
function phase(): (text: string) => void {
  let started = performance.now();
  let first = true;
  return (text) => {
    const took = first ? '' : ` (${((performance.now() - started) / 1000).toFixed(1)} s)`;
    process.stderr.write(`toolwright: ${text}${took}\n`);
    started = performance.now();
    first = false;
  };
}

function readInfo(spec: string): { title?: string; version?: string } {
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch {
    throw new Error(`Cannot read the spec ${spec}: check the path.`);
  }
  let document: { info?: { title?: unknown; version?: unknown } } | undefined;
  try {
    document = (/\.ya?ml$/i.test(spec) ? parseYaml(text) : JSON.parse(text)) as typeof document;
  } catch {
    return {}; // the importer reports what is wrong with it, with the position
  }
  return {
    ...(typeof document?.info?.title === 'string' ? { title: document.info.title } : {}),
    ...(typeof document?.info?.version === 'string' ? { version: document.info.version } : {}),
  };
}

function toName(title: string | undefined): string {
  return (title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
}

/** The spec's version when it is semver, else 0.1.0 (API versions are often dates). */
function semver(version: string | undefined): string {
  return version && /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(version) ? version : '0.1.0';
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}
