/**
 * What every docs page needs to know about the server as a whole: where each
 * page lives (slugs that are unique on any file system), each tool's
 * `tools/list` entry and token cost, and how to point at a source file or the
 * spec from inside `docs/`.
 */
import { posix } from 'node:path';
import type { IrServer, IrSource, IrTool } from '../../ir/types.js';
import { countTokens, type ToolListEntry, toolListEntry } from '../../tokens.js';
import { code, link, literal } from './markdown.js';

export interface DocsOptions {
  /** Output folder relative to the project root (POSIX), e.g. `generated/workspace`. */
  outDir: string;
  /** The project root as seen from `outDir` (POSIX); derived from `outDir` when absent. */
  rootFromOutDir?: string;
  /** What the server was generated from (a config file or a spec), relative to the project root. */
  source: string;
  /** The command that regenerates the pages (default `npx toolwright build`). */
  command?: string;
  /** The server states `$schema` in its tool schemas (changes the token counts). */
  jsonSchemaDialect?: boolean;
}

export type PageKind = 'tools' | 'toolsets' | 'resources' | 'prompts';

export interface DocsContext {
  server: IrServer;
  options: DocsOptions;
  /** Tools by name, sorted by name. */
  tools: IrTool[];
  entries: Map<string, ToolListEntry>;
  /** Tokens of each tool's `tools/list` entry (o200k). */
  tokens: Map<string, number>;
  slugs: Record<PageKind, Map<string, string>>;
}

/** Sorted, as every list on every page is: the pages must come out the same on every run and machine. */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compare(a.name, b.name));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createContext(server: IrServer, options: DocsOptions): DocsContext {
  const tools = byName(server.tools);
  const entries = new Map(tools.map((tool) => [tool.name, toolListEntry(tool, { jsonSchemaDialect: options.jsonSchemaDialect === true })]));
  const tokens = new Map([...entries].map(([name, entry]) => [name, countTokens(JSON.stringify(entry))]));
  return {
    server,
    options,
    tools,
    entries,
    tokens,
    slugs: {
      tools: slugsFor(tools.map((t) => t.name)),
      toolsets: slugsFor(server.toolsets.map((t) => t.name)),
      resources: slugsFor(
        [...server.resources].sort((a, b) => compare(a.uri, b.uri)).map((r) => r.uri),
        (uri) => resourceSlugSource(server, uri),
      ),
      prompts: slugsFor(server.prompts.map((p) => p.name)),
    },
  };
}

/** Tokens of `{"tools":[…]}` for these tools (their entries are built once per server). */
export function listTokens(ctx: DocsContext, tools: readonly IrTool[]): number {
  return countTokens(JSON.stringify({ tools: tools.map((tool) => ctx.entries.get(tool.name)!) }));
}

/**
 * File names: the name with anything outside `[A-Za-z0-9_.-]` as `-`, and a numeric suffix where two names would
 * differ only in case (the same file on macOS and Windows).
 */
function slugsFor(keys: readonly string[], label: (key: string) => string = (key) => key): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const key of [...keys].sort(compare)) {
    const base =
      label(key)
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[.-]+|[.-]+$/g, '')
        .slice(0, 80) || 'item';
    let slug = base;
    for (let n = 2; taken.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    taken.add(slug.toLowerCase());
    out.set(key, slug);
  }
  return out;
}

function resourceSlugSource(server: IrServer, uri: string): string {
  return server.resources.find((r) => r.uri === uri)?.name ?? uri;
}

/** The path of a page inside `docs/`. Resources are keyed by URI, the rest by name. */
export function pagePath(ctx: DocsContext, kind: PageKind, key: string): string {
  const slug = ctx.slugs[kind].get(key);
  if (slug === undefined) throw new Error(`docs: no ${kind} page for "${key}"`);
  return `${kind}/${slug}.md`;
}

/** A relative link from a page (at `from`, inside `docs/`) to another page. */
export function pageLink(from: string, to: string, text: string): string {
  return link(text, posix.relative(posix.dirname(`/${from}`), `/${to}`));
}

/** The project root as seen from `docs/<from>`. */
function rootFrom(ctx: DocsContext, from: string): string {
  let root = ctx.options.rootFromOutDir;
  if (root === undefined) {
    const normal = posix.normalize(ctx.options.outDir);
    root =
      normal === '.'
        ? '.'
        : normal
            .split('/')
            .map(() => '..')
            .join('/');
  }
  const up = posix
    .dirname(`docs/${from}`)
    .split('/')
    .map(() => '..');
  return posix.normalize([...up, root].join('/'));
}

/** A link to a file of the project (a source, the spec), relative to the page, with a `#L<line>` anchor when given. */
export function fileLink(ctx: DocsContext, from: string, file: string, line?: number): string {
  const target = posix.join(rootFrom(ctx, from), file);
  return link(code(line ? `${file}:${line}` : file), `${target}${line ? `#L${line}` : ''}`);
}

/** Where an item came from, as one line of Markdown: the function's file and line, or the operation in the spec. */
export function sourceLine(ctx: DocsContext, from: string, source: IrSource): string {
  if (source.kind === 'function') return `${code(source.name)} in ${fileLink(ctx, from, source.file, source.line)}`;
  return `${code(`${source.method.toUpperCase()} ${source.path}`)}, operation ${code(source.operationId)} in ${fileLink(ctx, from, source.spec)}`;
}

/** The comment that opens every page: generated, from what, what to run instead of editing. */
export function pageHeader(ctx: DocsContext): string {
  const command = ctx.options.command ?? 'npx toolwright build';
  // Never `--` inside: the comment would end early. The site strips this line.
  const from = ctx.options.source.replace(/-{2,}/g, '-');
  return `<!-- Generated by Toolwright from ${from}. Do not edit: change the source, then run ${command.replace(/-{2,}/g, '-')}. -->`;
}

/** The server's display name: its title, else its name. */
export function serverTitle(server: IrServer): string {
  return literal(server.title ?? server.name);
}

/**
 * The argument of `toolwright serve` for this server: its folder name when it sits in a `generated/<name>` folder
 * (serve finds it there from the folder above), else the path of its server.gen.ts from the project root.
 */
export function serveTarget(ctx: DocsContext): { arg: string; path: string; from: string } {
  const outDir = posix.normalize(ctx.options.outDir);
  const match = /(?:^|\/)generated\/([^/]+)$/.exec(outDir);
  if (match) return { arg: match[1]!, path: `generated/${match[1]}/server.gen.ts`, from: 'the folder that holds `generated/`' };
  const path = posix.join(outDir, 'server.gen.ts');
  return { arg: path, path, from: 'the project root' };
}
