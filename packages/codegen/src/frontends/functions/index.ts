/**
 * The typed-functions frontend: TypeScript files with exported functions and
 * JSDoc → IR (`IrServer`) + diagnostics. Pure: it reads files, writes nothing.
 *
 * Every exported function in the configured files becomes a tool, unless its
 * JSDoc says `@resource`, `@prompt`, or `@internal`/`@hidden`. See jsdoc.ts
 * for the tags, parameters.ts and returns.ts for how signatures map to
 * schemas, unsupported.ts for what cannot be a tool argument or result.
 */
import { resolve } from 'node:path';
import { type ToolwrightConfig, withDefaults } from '../../config.js';
import type { Diagnostic, IrPrompt, IrResource, IrServer, IrSource, IrTool } from '../../ir/types.js';
import type { FrontendContext } from './context.js';
import { Code, DiagnosticCollector } from './diagnostics.js';
import { findExportedFunctions } from './functions.js';
import { type DocProblem, readFunctionDoc } from './jsdoc.js';
import { loadProgram } from './program.js';
import { toPrompt } from './prompts.js';
import { toResource } from './resources.js';
import { SchemaGenerator } from './schema.js';
import { toTool } from './tools.js';

export interface ReadFunctionsOptions {
  /** The project root: config globs, tsconfig and every path in the result are relative to it. */
  root: string;
  config: ToolwrightConfig;
  /** Read exactly these files (relative to root or absolute) instead of the config's include/exclude globs. */
  files?: string[];
  /** The config file, relative to root, recorded as the server's origin (default `toolwright.config.ts`). */
  configFile?: string;
}

export interface ReadFunctionsResult {
  server: IrServer;
  /** Errors mean the server is incomplete: the functions concerned are left out. */
  diagnostics: Diagnostic[];
}

/**
 * Reads a project's exported functions into the IR.
 *
 * @example
 * const { server, diagnostics } = await readFunctions({ root: process.cwd(), config });
 * if (diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
 */
export async function readFunctions(options: ReadFunctionsOptions): Promise<ReadFunctionsResult> {
  const root = resolve(options.root);
  const config = withDefaults(options.config);
  const diagnostics = new DiagnosticCollector(root);
  const { checker, files } = loadProgram({ root, config, ...(options.files ? { files: options.files } : {}) }, diagnostics);
  const ctx: FrontendContext = { root, checker, schemas: new SchemaGenerator(checker), diagnostics };

  const tools: IrTool[] = [];
  const resources: IrResource[] = [];
  const prompts: IrPrompt[] = [];
  for (const file of files) {
    for (const fn of findExportedFunctions(file, checker, diagnostics)) {
      const problems: DocProblem[] = [];
      const doc = readFunctionDoc(fn.docs, problems);
      if (doc.hidden) continue;
      // Any error while reading this function leaves it out: no tool with a half-right schema.
      const errorsBefore = diagnostics.errorCount;
      const keep = <T>(item: T | undefined): T | undefined => (diagnostics.errorCount === errorsBefore ? item : undefined);
      for (const problem of problems) {
        diagnostics[problem.severity]({
          code: problem.code,
          node: problem.tag.compilerNode,
          subject: fn.name,
          message: `In the JSDoc of ${fn.name}: ${problem.message}`,
          ...(problem.hint ? { hint: problem.hint } : {}),
        });
      }
      if (doc.resource && doc.prompt) {
        diagnostics.error({
          code: Code.ConflictingKinds,
          node: fn.nameNode.compilerNode,
          subject: fn.name,
          message: `${fn.name} is tagged both @resource and @prompt; a function is one of tool, resource or prompt.`,
          hint: 'Keep one tag, and export a second function for the other.',
        });
        continue;
      }
      if (doc.resource) push(resources, keep(toResource(fn, doc, ctx)));
      else if (doc.prompt) push(prompts, keep(toPrompt(fn, doc, ctx)));
      else push(tools, keep(toTool(fn, doc, ctx)));
    }
  }

  checkUnique(tools, (t) => t.name, 'tool', diagnostics);
  checkUnique(resources, (r) => r.uri, 'resource URI', diagnostics);
  checkUnique(prompts, (p) => p.name, 'prompt', diagnostics);
  if (files.length > 0 && tools.length + resources.length + prompts.length === 0 && diagnostics.errorCount === 0) {
    diagnostics.warning({
      code: Code.NothingExported,
      message: `No exported functions found in ${files.length} file(s); the server has no tools.`,
      hint: 'Export the functions that should be tools (export function listIssues(…)), and check "include" in toolwright.config.ts.',
    });
  }

  const server: IrServer = {
    name: config.name,
    version: config.version,
    ...(config.title ? { title: config.title } : {}),
    ...(config.description ? { description: config.description } : {}),
    ...(config.instructions ? { instructions: config.instructions } : {}),
    tools,
    resources,
    prompts,
    toolsets: [],
    env: [],
    origin: { kind: 'functions', config: options.configFile ?? 'toolwright.config.ts' },
  };
  return { server, diagnostics: sortByLocation(diagnostics.items) };
}

/** Project-level diagnostics first, then by file, line and column; stable otherwise. */
function sortByLocation(items: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.file ?? '', d.line ?? 0, d.column ?? 0] as const;
  return [...items].sort((a, b) => {
    const [fa, la, ca] = key(a);
    const [fb, lb, cb] = key(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
  });
}

function push<T>(list: T[], item: T | undefined): void {
  if (item) list.push(item);
}

/** Reports every repeat of a name after its first use, pointing at both. */
function checkUnique<T extends { source: IrSource }>(items: T[], key: (item: T) => string, what: string, diagnostics: DiagnosticCollector): void {
  const first = new Map<string, T>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const earlier = first.get(key(item));
    if (!earlier) {
      first.set(key(item), item);
      continue;
    }
    const at = item.source.kind === 'function' ? item.source : undefined;
    const was = earlier.source.kind === 'function' ? `${earlier.source.name} (${earlier.source.file}:${earlier.source.line})` : 'another';
    diagnostics.error({
      code: Code.DuplicateName,
      ...(at ? { at: { file: at.file, line: at.line, column: at.column } } : {}),
      ...(at ? { subject: at.name } : {}),
      message: `Duplicate ${what} "${key(item)}": ${at?.name ?? 'this function'} and ${was} both use it.`,
      hint: what === 'tool' ? 'Rename one function, or give one a different @toolName.' : 'Rename one of them.',
    });
    items.splice(i--, 1);
  }
}
