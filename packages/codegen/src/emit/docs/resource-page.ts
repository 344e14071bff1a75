/** The page of one resource or resource template: its URI, MIME type, description, how to read it, and its source. */
import type { IrResource } from '../../ir/types.js';
import { type DocsContext, pageHeader, pageLink, pagePath, serverTitle, sourceLine } from './context.js';
import { code, jsonBlock, literal, prose } from './markdown.js';

export function resourcePage(ctx: DocsContext, resource: IrResource): string {
  const here = pagePath(ctx, 'resources', resource.uri);
  const lines = [
    pageHeader(ctx),
    '',
    `# ${literal(resource.name)}`,
    '',
    `${pageLink(here, 'index.md', serverTitle(ctx.server))} › ${resource.template ? 'resource template' : 'resource'} ${code(resource.name)}`,
    '',
  ];
  if (resource.title) lines.push(`**${literal(resource.title)}**`, '');
  if (resource.description?.trim()) lines.push(prose(resource.description), '');
  lines.push(
    `- **${resource.template ? 'URI template (RFC 6570)' : 'URI'}:** ${code(resource.uri)}`,
    `- **MIME type:** ${resource.mimeType ? code(resource.mimeType) : 'not stated'}`,
    `- **Source:** ${sourceLine(ctx, here, resource.source)}`,
    '',
    '## Reading it',
    '',
  );
  if (resource.template) {
    const variables = [...resource.uri.matchAll(/\{[+#./;?&]?([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((v) => v.replace(/[*:].*$/, '')));
    const example = resource.uri.replace(/\{[+#./;?&]?([^}]+)\}/g, (_m, names: string) =>
      names
        .split(',')
        .map((v) => `<${v.replace(/[*:].*$/, '')}>`)
        .join(','),
    );
    lines.push(
      `Fill in ${variables.map((v) => code(v)).join(', ') || 'the variables'} and send the URI in a \`resources/read\` request; clients list templates with \`resources/templates/list\`:`,
      '',
      jsonBlock({ uri: example }),
      '',
    );
  } else {
    lines.push('The `params` of a `resources/read` request; clients list it with `resources/list`:', '', jsonBlock({ uri: resource.uri }), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
