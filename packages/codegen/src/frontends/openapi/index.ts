/**
 * The OpenAPI frontend: an OpenAPI 3.0/3.1 document + an {@link OpenApiConfig}
 * → IR (`IrServer` with HTTP-bound tools, toolsets, one API profile and its
 * environment variables) + diagnostics. Pure: it reads the spec file (when
 * given a path), writes nothing, and never throws for bad input.
 *
 * The steps, each in the file named for the OpenAPI construct it reads:
 * document.ts (load, version), refs.ts (local `$ref`s only), selection by
 * the config (here), names.ts (tool names), operation-object.ts with
 * parameter-object.ts, request-body-object.ts, response-object.ts and
 * schema-object.ts (one tool), text.ts and sanitize.ts (descriptions),
 * toolsets.ts, profile.ts.
 */
import { resolve } from 'node:path';
import type { Diagnostic, IrServer, IrTool } from '../../ir/types.js';
import {
  DEFAULT_MAX_DESCRIPTION_LENGTH,
  DEFAULT_MAX_OUTPUT_SCHEMA_BYTES,
  DEFAULT_PROTOCOL_HEADERS,
  defaultMaxToolNameLength,
  type OpenApiConfig,
  validateOpenApiConfig,
} from './config.js';
import { childPointer, OpenApiCode, OpenApiDiagnostics, pointerOf } from './diagnostics.js';
import { type JsonObject, loadDocument } from './document.js';
import { GlobSet, isLiteral } from './glob.js';
import { methodPathName, OPENAPI_TOOL_NAME, shortenName, snakeName } from './names.js';
import { METHODS, type OperationContext, type OperationEntry, toTool } from './operation-object.js';
import { buildProfile } from './profile.js';
import { isObject, type Problem, RefResolver } from './refs.js';
import { sanitizeSpecText } from './sanitize.js';
import { SchemaConverter } from './schema-object.js';
import { plainLine } from './text.js';
import { buildToolsets } from './toolsets.js';

export interface ReadOpenApiOptions {
  /** The spec: a path (relative to `root` or absolute; `.json`, `.yaml` or `.yml`) or the parsed document. */
  spec: string | object;
  /** The project root: the spec path in the result is relative to it. */
  root: string;
  config: OpenApiConfig;
  /** The spec file recorded in `origin` and every tool's `source` (default: the path given, relative to root; `openapi.json` for an object). */
  specFile?: string;
}

export interface OpenApiStats {
  /** Operations in the spec. */
  operations: number;
  tools: number;
  excluded: {
    /** Deprecated, not included explicitly. */
    deprecated: number;
    /** Left out by `include`/`exclude`. */
    filtered: number;
    /** Left out by an error (see the diagnostics). */
    failed: number;
  };
  /** Tools whose output schema was left out for its size (`maxOutputSchemaBytes`), with that size. Not a warning: outputs are optional. */
  outputSchemasDropped: { tool: string; bytes: number }[];
}

export interface ReadOpenApiResult {
  server: IrServer;
  /** Errors mean the server is incomplete: the operations concerned are left out. */
  diagnostics: Diagnostic[];
  stats: OpenApiStats;
}

/**
 * Reads an OpenAPI document into the IR.
 *
 * @example
 * const { server, diagnostics } = await readOpenApi({ spec: 'specs/notion/notion-openapi.json', root, config });
 * if (diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
 */
export async function readOpenApi(options: ReadOpenApiOptions): Promise<ReadOpenApiResult> {
  const root = resolve(options.root);
  const config = options.config;
  const stats: OpenApiStats = { operations: 0, tools: 0, excluded: { deprecated: 0, filtered: 0, failed: 0 }, outputSchemasDropped: [] };
  const fallbackFile = options.specFile ?? (typeof options.spec === 'string' ? options.spec : 'openapi.json');
  const configProblems = validateOpenApiConfig(config);
  if (configProblems.length > 0) {
    const diagnostics = new OpenApiDiagnostics(undefined);
    for (const problem of configProblems) {
      diagnostics.error({
        code: OpenApiCode.InvalidConfig,
        message: `Invalid OpenAPI config: ${problem}`,
        hint: 'Fix the config; nothing was read from the spec.',
      });
    }
    return { server: emptyServer(config, fallbackFile), diagnostics: diagnostics.items, stats };
  }

  const loadDiagnostics = new OpenApiDiagnostics(undefined);
  const loaded = await loadDocument(options.spec, root, options.specFile, loadDiagnostics);
  if (!loaded) return { server: emptyServer(config, fallbackFile), diagnostics: loadDiagnostics.items, stats };
  const { doc, file } = loaded;
  const diagnostics = new OpenApiDiagnostics(file);

  const info = isObject(doc.info) ? doc.info : {};
  const title = config.title ?? (plainLine(info.title) || config.name);
  const refs = new RefResolver(doc);
  const { profile, env, credentialParameters } = buildProfile(doc, config, title, diagnostics);
  const ctx: OperationContext = {
    refs,
    converter: new SchemaConverter(refs),
    diagnostics,
    protocolHeaders: new Set([...DEFAULT_PROTOCOL_HEADERS, ...(config.protocolHeaders ?? [])].map((h) => h.toLowerCase())),
    credentialParameters,
    specFile: file,
    profile: profile.name,
    maxDescriptionLength: config.maxDescriptionLength ?? DEFAULT_MAX_DESCRIPTION_LENGTH,
    maxOutputSchemaBytes: config.maxOutputSchemaBytes ?? DEFAULT_MAX_OUTPUT_SCHEMA_BYTES,
  };

  const operations = listOperations(doc, refs, diagnostics);
  stats.operations = operations.length;
  const selected = select(operations, config, diagnostics, stats);
  const named = nameTools(selected, config, diagnostics);
  const built: { tool: IrTool; key: string; tags: string[] }[] = [];
  for (const { entry, name } of named) {
    const result = toTool(entry, name, config.tools?.[entry.key], ctx);
    if (!result.tool) continue;
    applyArgumentDescriptions(result.tool, config.argumentDescriptions);
    built.push({ tool: result.tool, key: entry.key, tags: entry.tags });
    if (result.droppedOutputBytes !== undefined) stats.outputSchemasDropped.push({ tool: name, bytes: result.droppedOutputBytes });
  }
  stats.tools = built.length;
  stats.excluded.failed = selected.length - built.length;
  const toolsets = buildToolsets(doc, config, built);
  for (const toolset of toolsets.filter((t) => t.tools.length === 0 && config.toolsets?.[t.name])) {
    diagnostics.warning({
      code: OpenApiCode.UnmatchedGlob,
      subject: toolset.name,
      message: `Toolset "${toolset.name}" has no tools: its operations are all left out (include/exclude, deprecated, or errors).`,
      hint: 'Check its operations globs against the include and exclude lists.',
    });
  }
  if (built.length === 0 && diagnostics.errorCount === 0) {
    diagnostics.warning({
      code: OpenApiCode.NoTools,
      message: `No operation of ${file} became a tool (${operations.length} in the spec).`,
      hint: 'Check "include" and "exclude" in the config; deprecated operations need includeDeprecated or an exact include entry.',
    });
  }

  const server: IrServer = {
    name: config.name,
    version: config.version,
    title,
    ...(config.description ? { description: config.description } : {}),
    ...(config.instructions ? { instructions: config.instructions } : {}),
    tools: built.map((b) => b.tool),
    resources: [],
    prompts: [],
    toolsets,
    env,
    profiles: [profile],
    origin: { kind: 'openapi', spec: file, hash: loaded.hash, openapi: loaded.openapi },
  };
  return { server, diagnostics: [...loadDiagnostics.items, ...diagnostics.items], stats };
}

function emptyServer(config: OpenApiConfig, spec: string): IrServer {
  const name = typeof config?.name === 'string' ? config.name : '';
  const version = typeof config?.version === 'string' ? config.version : '0.0.0';
  return {
    name,
    version,
    tools: [],
    resources: [],
    prompts: [],
    toolsets: [],
    env: [],
    profiles: [],
    origin: { kind: 'openapi', spec, hash: '', openapi: '' },
  };
}

/** Every operation under `paths`, in document order. */
function listOperations(doc: JsonObject, refs: RefResolver, diagnostics: OpenApiDiagnostics): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, raw] of Object.entries(doc.paths as JsonObject)) {
    const problems: Problem[] = [];
    const item = refs.deref(raw, pointerOf('paths', path), problems);
    for (const problem of problems) diagnostics.error(problem);
    if (!item) continue;
    for (const method of Object.keys(item.value).filter((m): m is OperationEntry['method'] => (METHODS as readonly string[]).includes(m))) {
      const operation = item.value[method];
      if (!isObject(operation)) continue;
      const operationId = typeof operation.operationId === 'string' && operation.operationId.trim() !== '' ? operation.operationId : undefined;
      out.push({
        path,
        method,
        operation,
        pathItem: item.value,
        pointer: childPointer(item.pointer, method),
        pathItemPointer: item.pointer,
        ...(operationId ? { operationId } : {}),
        key: operationId ?? `${method} ${path}`,
        deprecated: operation.deprecated === true,
        tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
      });
    }
  }
  return out;
}

/** `include`, `exclude` and the deprecated rule; globs and `tools` keys that name nothing are reported. */
function select(operations: OperationEntry[], config: OpenApiConfig, diagnostics: OpenApiDiagnostics, stats: OpenApiStats): OperationEntry[] {
  const keys = operations.map((op) => op.key);
  const include = new GlobSet(config.include);
  const exclude = new GlobSet(config.exclude);
  const exact = new Set((config.include ?? []).filter(isLiteral));
  for (const [list, set] of [
    ['include', include],
    ['exclude', exclude],
  ] as const) {
    for (const glob of set.unmatched(keys)) {
      diagnostics.warning({
        code: OpenApiCode.UnmatchedGlob,
        subject: glob,
        message: `"${list}" entry "${glob}" matches no operation.`,
        hint: 'Globs match operationIds (`*` any characters, `?` one), or `<method> <path>` for an operation without one.',
      });
    }
  }
  for (const [name, toolset] of Object.entries(config.toolsets ?? {})) {
    for (const glob of new GlobSet(toolset.operations).unmatched(keys)) {
      diagnostics.warning({
        code: OpenApiCode.UnmatchedGlob,
        subject: glob,
        message: `toolsets.${name} entry "${glob}" matches no operation.`,
        hint: 'Globs match operationIds (`*` any characters, `?` one), or `<method> <path>` for an operation without one.',
      });
    }
  }
  const known = new Set(keys);
  for (const key of Object.keys(config.tools ?? {})) {
    if (known.has(key)) continue;
    diagnostics.error({
      code: OpenApiCode.UnknownReference,
      subject: key,
      message: `tools["${key}"] names no operation of the spec.`,
      hint: `Use the operationId exactly as the spec writes it${nearest(key, keys)}.`,
    });
  }

  const out: OperationEntry[] = [];
  for (const op of operations) {
    if ((include.size > 0 && !include.matches(op.key)) || exclude.matches(op.key)) {
      stats.excluded.filtered++;
      continue;
    }
    if (op.deprecated && config.includeDeprecated !== true && !exact.has(op.key)) {
      stats.excluded.deprecated++;
      continue;
    }
    out.push(op);
  }
  return out;
}

/** `, e.g. "issues/create"`: the known key sharing the longest prefix, as a hint for a typo. */
function nearest(key: string, keys: string[]): string {
  let best = '';
  let score = 0;
  for (const candidate of keys) {
    let i = 0;
    while (i < key.length && i < candidate.length && key[i] === candidate[i]) i++;
    if (i > score) [best, score] = [candidate, i];
  }
  return score >= 3 ? `, e.g. "${best}"` : '';
}

/**
 * Tool names: the config's, or snake case of the operationId shortened to
 * the limit. When shortening made two names equal, those get the hash
 * suffix; any other clash is an error naming both operations, and the later
 * one is left out.
 */
function nameTools(selected: OperationEntry[], config: OpenApiConfig, diagnostics: OpenApiDiagnostics): { entry: OperationEntry; name: string }[] {
  const max = config.maxToolNameLength ?? defaultMaxToolNameLength(config.name);
  const named: { entry: OperationEntry; name: string; base: string; shortened: boolean }[] = [];
  for (const entry of selected) {
    const rename = config.tools?.[entry.key]?.name;
    if (rename !== undefined) {
      if (!OPENAPI_TOOL_NAME.test(rename) || rename.length > max) {
        diagnostics.error({
          code: OpenApiCode.InvalidToolName,
          pointer: entry.pointer,
          subject: entry.key,
          message: `tools["${entry.key}"].name "${rename}" is not a valid tool name: use lower case letters, digits and "_", at most ${max} characters.`,
          hint: `The limit keeps mcp__${config.name}__<tool> within 64 characters; set maxToolNameLength to change it.`,
        });
        continue;
      }
      named.push({ entry, name: rename, base: rename, shortened: false });
      continue;
    }
    const base = (entry.operationId ? snakeName(entry.operationId) : '') || methodPathName(entry.method, entry.path);
    const { name, shortened } = shortenName(base, max, entry.key);
    named.push({ entry, name, base, shortened });
  }

  const counts = new Map<string, number>();
  for (const n of named) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  for (const n of named) {
    if (n.shortened && counts.get(n.name)! > 1) n.name = shortenName(n.base, max, n.entry.key, true).name;
  }

  const first = new Map<string, OperationEntry>();
  const out: { entry: OperationEntry; name: string }[] = [];
  for (const { entry, name } of named) {
    const earlier = first.get(name);
    if (earlier) {
      diagnostics.error({
        code: OpenApiCode.DuplicateToolName,
        pointer: entry.pointer,
        subject: entry.key,
        message: `Operations "${earlier.key}" (${earlier.method.toUpperCase()} ${earlier.path}) and "${entry.key}" (${entry.method.toUpperCase()} ${entry.path}) both become the tool "${name}"; "${entry.key}" is left out.`,
        hint: `Rename one in the config: tools: { ${JSON.stringify(entry.key)}: { name: '…' } }.`,
      });
      continue;
    }
    first.set(name, entry);
    out.push({ entry, name });
  }
  return out;
}

/**
 * The config's descriptions for arguments that recur across tools (`owner`,
 * `per_page`): the spec repeats a long sentence in every operation, and a
 * model reads it in every tool of tools/list.
 */
function applyArgumentDescriptions(tool: IrTool, descriptions: Record<string, string> | undefined): void {
  if (!descriptions) return;
  const properties = tool.input.properties as Record<string, Record<string, unknown>> | undefined;
  for (const [name, description] of Object.entries(descriptions)) {
    const property = properties?.[name];
    if (property) property.description = sanitizeSpecText(description);
  }
}
