/** The page of one toolset: what it is for, whether it is on by default, its tools and what they cost together. */
import type { IrTool, IrToolset } from '../../ir/types.js';
import { type DocsContext, listTokens, pageHeader, pageLink, pagePath, serverTitle } from './context.js';
import { code, count, firstSentence, inlineProse, literal, prose, table } from './markdown.js';

export function toolsetPage(ctx: DocsContext, toolset: IrToolset): string {
  const here = pagePath(ctx, 'toolsets', toolset.name);
  const members = new Set(toolset.tools);
  const tools = ctx.tools.filter((tool) => members.has(tool.name));
  const lines = [
    pageHeader(ctx),
    '',
    `# ${literal(toolset.name)}`,
    '',
    `${pageLink(here, 'index.md', serverTitle(ctx.server))} › toolset ${code(toolset.name)}`,
    '',
  ];
  if (toolset.description.trim()) lines.push(prose(toolset.description), '');
  lines.push(
    `- **On by default:** ${toolset.default ? 'yes' : `no; serve with ${code(`--toolsets ${toolset.name}`)} (or ${code(`TOOLWRIGHT_TOOLSETS=${toolset.name}`)}) to offer it`}`,
    `- **Tools:** ${count(tools.length)}, together ${count(listTokens(ctx, tools))} tokens (o200k) in \`tools/list\``,
    '',
    '## Tools',
    '',
    toolTable(ctx, here, tools),
    '',
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A table of tools with their one-line summary and token cost, linked from `from`. */
export function toolTable(ctx: DocsContext, from: string, tools: readonly IrTool[]): string {
  return table(
    ['Tool', 'Summary', 'Tokens'],
    tools.map((tool) => [
      pageLink(from, pagePath(ctx, 'tools', tool.name), literal(tool.name)),
      `${tool.deprecated ? '**Deprecated.** ' : ''}${inlineProse(firstSentence(tool.title ?? tool.description))}${tool.annotations.readOnly ? ' *(read-only)*' : tool.annotations.destructive ? ' *(destructive)*' : ''}`,
      count(ctx.tokens.get(tool.name) ?? 0),
    ]),
  );
}
