/** The page of one prompt: its description, arguments, an example `prompts/get`, and its source. */
import type { IrPrompt } from '../../ir/types.js';
import { type DocsContext, pageHeader, pageLink, pagePath, serverTitle, sourceLine } from './context.js';
import { code, inlineProse, jsonBlock, literal, prose, table } from './markdown.js';

export function promptPage(ctx: DocsContext, prompt: IrPrompt): string {
  const here = pagePath(ctx, 'prompts', prompt.name);
  const lines = [
    pageHeader(ctx),
    '',
    `# ${literal(prompt.name)}`,
    '',
    `${pageLink(here, 'index.md', serverTitle(ctx.server))} › prompt ${code(prompt.name)}`,
    '',
  ];
  if (prompt.title) lines.push(`**${literal(prompt.title)}**`, '');
  if (prompt.description?.trim()) lines.push(prose(prompt.description), '');
  lines.push(`- **Source:** ${sourceLine(ctx, here, prompt.source)}`, '', '## Arguments', '');
  if (prompt.arguments.length === 0) lines.push('None.', '');
  else {
    lines.push(
      table(
        ['Name', 'Required', 'Description'],
        prompt.arguments.map((a) => [code(a.name), a.required ? 'yes' : 'no', a.description ? inlineProse(a.description) : '']),
      ),
      '',
      'Every argument is a string, as MCP prompts take them.',
      '',
    );
  }
  const args = Object.fromEntries(prompt.arguments.filter((a) => a.required).map((a) => [a.name, `<${a.name}>`]));
  lines.push('## Example', '', 'The `params` of a `prompts/get` request:', '', jsonBlock({ name: prompt.name, arguments: args }), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
