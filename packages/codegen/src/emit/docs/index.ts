/**
 * The docs emitter: Markdown pages for a server, made from the same IR as
 * its code, so they cannot drift from it. `docs/index.md` (what the server
 * is, how to run and connect it, its environment, toolsets, tools and token
 * cost), then a page per tool, toolset, resource and prompt. Every page is
 * plain Markdown (GitHub renders it; models read it), and the docs site
 * (`toolwright docs`) is assembled from these pages.
 *
 * Pure and deterministic: sorted everywhere, no dates, numbers written the
 * same on every machine.
 */
import type { GeneratedFile, IrServer } from '../../ir/types.js';
import { clientsSection, runSection } from './clients.js';
import { byName, compare, createContext, type DocsContext, type DocsOptions, listTokens, pageHeader, pageLink, pagePath, serverTitle } from './context.js';
import { environmentSection } from './environment.js';
import { cell, code, count, firstSentence, inlineProse, link, literal, prose, table } from './markdown.js';
import { promptPage } from './prompt-page.js';
import { resourcePage } from './resource-page.js';
import { toolPage } from './tool-page.js';
import { toolsetPage, toolTable } from './toolset-page.js';

export type { DocsOptions } from './context.js';
export { RUNTIME_SETTINGS } from './environment.js';

/** The folder the pages go in, inside the server's output folder. */
export const DOCS_DIR = 'docs';

/** All docs pages of a server, as files relative to its output folder (`docs/index.md`, `docs/tools/<tool>.md`, …). */
export function emitDocs(server: IrServer, options: DocsOptions): GeneratedFile[] {
  const ctx = createContext(server, options);
  const files: GeneratedFile[] = [{ path: `${DOCS_DIR}/index.md`, contents: indexPage(ctx) }];
  for (const toolset of byName(server.toolsets)) files.push(page(ctx, 'toolsets', toolset.name, toolsetPage(ctx, toolset)));
  for (const tool of ctx.tools) files.push(page(ctx, 'tools', tool.name, toolPage(ctx, tool)));
  for (const resource of [...server.resources].sort((a, b) => compare(a.uri, b.uri)))
    files.push(page(ctx, 'resources', resource.uri, resourcePage(ctx, resource)));
  for (const prompt of byName(server.prompts)) files.push(page(ctx, 'prompts', prompt.name, promptPage(ctx, prompt)));
  return files;
}

function page(ctx: DocsContext, kind: Parameters<typeof pagePath>[1], key: string, contents: string): GeneratedFile {
  return { path: `${DOCS_DIR}/${pagePath(ctx, kind, key)}`, contents };
}

function indexPage(ctx: DocsContext): string {
  const { server, options } = ctx;
  const here = 'index.md';
  const origin =
    server.origin.kind === 'openapi'
      ? `generated from the OpenAPI ${literal(server.origin.openapi)} spec ${code(server.origin.spec)}`
      : `generated from typed functions (${code(server.origin.config)})`;
  const lines: string[] = [pageHeader(ctx), '', `# ${serverTitle(server)}`, ''];
  lines.push(
    `${code(server.name)} ${literal(server.version)}, an MCP server ${origin}: ${count(server.tools.length)} tool${server.tools.length === 1 ? '' : 's'}${
      server.toolsets.length ? ` in ${count(server.toolsets.length)} toolsets` : ''
    }${server.resources.length ? `, ${count(server.resources.length)} resource${server.resources.length === 1 ? '' : 's'}` : ''}${
      server.prompts.length ? `, ${count(server.prompts.length)} prompt${server.prompts.length === 1 ? '' : 's'}` : ''
    }.`,
    '',
  );
  if (server.description?.trim()) lines.push(prose(server.description), '');
  if (server.instructions?.trim()) {
    lines.push('## Instructions', '', 'Sent to clients in `initialize`, for the model to read before it uses the tools:', '');
    lines.push(
      prose(server.instructions)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
      '',
    );
  }
  lines.push(...runSection(ctx));
  lines.push(...tokenSection(ctx));
  lines.push(...clientsSection(ctx));
  lines.push(...environmentSection(server));

  if (server.toolsets.length > 0) {
    lines.push('## Toolsets', '');
    lines.push(
      table(
        ['Toolset', 'Default', 'Tools', 'Tokens', 'Description'],
        byName(server.toolsets).map((toolset) => {
          const members = new Set(toolset.tools);
          const tools = ctx.tools.filter((t) => members.has(t.name));
          return [
            pageLink(here, pagePath(ctx, 'toolsets', toolset.name), literal(toolset.name)),
            toolset.default ? 'yes' : 'no',
            count(tools.length),
            count(listTokens(ctx, tools)),
            inlineProse(firstSentence(toolset.description)),
          ];
        }),
      ),
      '',
    );
  }

  lines.push('## Tools', '');
  if (ctx.tools.length === 0) lines.push('None.', '');
  else if (server.toolsets.length === 0) lines.push(toolTable(ctx, here, ctx.tools), '');
  else {
    const grouped = new Set<string>();
    for (const toolset of byName(server.toolsets)) {
      const members = new Set(toolset.tools);
      const tools = ctx.tools.filter((t) => members.has(t.name));
      for (const tool of tools) grouped.add(tool.name);
      lines.push(`### ${literal(toolset.name)}`, '', `${pageLink(here, pagePath(ctx, 'toolsets', toolset.name), `The ${literal(toolset.name)} toolset`)}:`, '');
      lines.push(tools.length ? toolTable(ctx, here, tools) : 'No tools.', '');
    }
    const rest = ctx.tools.filter((t) => !grouped.has(t.name));
    if (rest.length) lines.push('### In no toolset', '', 'Offered with `--toolsets all` or by name (`--tools`):', '', toolTable(ctx, here, rest), '');
  }

  if (server.resources.length > 0) {
    lines.push('## Resources', '');
    lines.push(
      table(
        ['Resource', 'URI', 'MIME type', 'Description'],
        [...server.resources]
          .sort((a, b) => compare(a.uri, b.uri))
          .map((r) => [
            pageLink(here, pagePath(ctx, 'resources', r.uri), literal(r.name)),
            cell(code(r.uri)),
            r.mimeType ? code(r.mimeType) : '',
            r.description ? inlineProse(firstSentence(r.description)) : '',
          ]),
      ),
      '',
    );
  }
  if (server.prompts.length > 0) {
    lines.push('## Prompts', '');
    lines.push(
      table(
        ['Prompt', 'Arguments', 'Description'],
        byName(server.prompts).map((p) => [
          pageLink(here, pagePath(ctx, 'prompts', p.name), literal(p.name)),
          p.arguments.map((a) => `${code(a.name)}${a.required ? '' : '?'}`).join(', '),
          p.description ? inlineProse(firstSentence(p.description)) : '',
        ]),
      ),
      '',
    );
  }
  lines.push(
    '---',
    '',
    `Generated by Toolwright from ${code(options.source)}; regenerate with ${code(options.command ?? 'npx toolwright build')}. The ${link('Model Context Protocol', 'https://modelcontextprotocol.io')} describes \`tools/list\`, \`tools/call\` and the rest.`,
    '',
  );
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function tokenSection(ctx: DocsContext): string[] {
  const { server } = ctx;
  const defaults = byName(server.toolsets).filter((t) => t.default);
  const rows: string[][] = [];
  if (defaults.length > 0) {
    const members = new Set(defaults.flatMap((t) => t.tools));
    const tools = ctx.tools.filter((t) => members.has(t.name));
    rows.push([`Default toolsets (${defaults.map((t) => code(t.name)).join(', ')})`, count(tools.length), count(listTokens(ctx, tools))]);
  }
  rows.push([server.toolsets.length > 0 ? 'All tools (`--toolsets all`)' : 'All tools', count(ctx.tools.length), count(listTokens(ctx, ctx.tools))]);
  const readOnly = ctx.tools.filter((t) => t.annotations.readOnly === true);
  if (readOnly.length > 0 && readOnly.length < ctx.tools.length) {
    rows.push([
      server.toolsets.length > 0 ? 'All read-only tools (`--toolsets all --read-only`)' : 'Read-only tools (`--read-only`)',
      count(readOnly.length),
      count(listTokens(ctx, readOnly)),
    ]);
  }
  return [
    '## Token cost',
    '',
    'What `tools/list` costs a model before any call, counted with the o200k tokenizer on the entries a client receives:',
    '',
    table(['Offered', 'Tools', 'Tokens'], rows),
    '',
  ];
}
