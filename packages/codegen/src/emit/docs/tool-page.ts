/**
 * The page of one tool: what the model is told (its description, exactly
 * as sent), what it may pass (the parameter table), an example call and
 * result, the output schema, the errors it can return, what it costs in
 * tokens, and where it comes from.
 */
import type { IrHttpBinding, IrTool } from '../../ir/types.js';
import { type DocsContext, pageHeader, pageLink, pagePath, serverTitle, sourceLine } from './context.js';
import { errorRows } from './errors.js';
import { exampleArguments, exampleOutput } from './example.js';
import { cell, code, count, fence, inlineProse, jsonBlock, literal, prose, table } from './markdown.js';
import { parameterRows } from './schema.js';

export function toolPage(ctx: DocsContext, tool: IrTool): string {
  const here = pagePath(ctx, 'tools', tool.name);
  const index = pageLink(here, 'index.md', serverTitle(ctx.server));
  const toolset = tool.toolset ? ctx.server.toolsets.find((t) => t.name === tool.toolset) : undefined;
  const lines: string[] = [pageHeader(ctx), '', `# ${literal(tool.name)}`, ''];
  lines.push(`${index}${toolset ? ` › ${pageLink(here, pagePath(ctx, 'toolsets', toolset.name), literal(toolset.name))}` : ''} › ${code(tool.name)}`, '');
  if (tool.title) lines.push(`**${literal(tool.title)}**`, '');
  if (tool.deprecated) {
    lines.push(`> **Deprecated.**${tool.deprecated === true ? ' Prefer another tool.' : ` ${prose(tool.deprecated).replace(/\n/g, '\n> ')}`}`, '');
  }

  lines.push('## Description', '', 'As sent to the model in `tools/list`:', '', quote(tool.description), '');

  const facts: string[] = [];
  facts.push(`- **Annotations:** ${annotationsOf(tool)}`);
  if (toolset) {
    facts.push(
      `- **Toolset:** ${pageLink(here, pagePath(ctx, 'toolsets', toolset.name), literal(toolset.name))} (${toolset.default ? 'on by default' : `off by default: serve with ${code(`--toolsets ${toolset.name}`)}`})`,
    );
  }
  facts.push(`- **Token cost:** ${count(ctx.tokens.get(tool.name) ?? 0)} tokens (o200k) for its \`tools/list\` entry`);
  if (tool.binding.kind === 'http') facts.push(`- **Calls:** ${httpCall(ctx, tool.binding)}`);
  facts.push(`- **Source:** ${sourceLine(ctx, here, tool.source)}`);
  lines.push(...facts, '');

  lines.push('## Parameters', '');
  const rows = parameterRows(tool.input);
  if (rows.length === 0) lines.push('None: call it with `{}`.', '');
  else {
    lines.push(
      table(
        ['Name', 'Type', 'Required', 'Default', 'Constraints', 'Description'],
        rows.map((row) => [
          cell(code(row.path)),
          cell(code(row.type)),
          row.required ? 'yes' : 'no',
          row.default !== undefined ? cell(code(JSON.stringify(row.default))) : '',
          cell(row.constraints.map((c) => code(c)).join(', ')),
          `${row.deprecated ? '**Deprecated.** ' : ''}${row.description ? inlineProse(row.description) : ''}`,
        ]),
      ),
      '',
    );
  }

  lines.push('## Example call', '', 'The `params` of a `tools/call` request:', '', jsonBlock({ name: tool.name, arguments: exampleArguments(tool) }), '');
  if (tool.examples.length > 0) {
    lines.push('From the source:', '');
    for (const example of tool.examples) lines.push(fence('text', example), '');
  }

  lines.push('## Example result', '', ...exampleResult(tool));

  lines.push('## Output schema', '', ...outputSchema(ctx, tool));

  lines.push('## Errors', '', 'An error is a result with `isError: true`, a message for the model, and a stable code in `_meta["toolwright/error"].code`:', '');
  lines.push(
    table(
      ['Code', 'When'],
      errorRows(tool, ctx.server).map((row) => [code(row.code), cell(row.when)]),
    ),
    '',
  );

  lines.push(
    '## In tools/list',
    '',
    `The entry a client receives, ${count(ctx.tokens.get(tool.name) ?? 0)} tokens (o200k):`,
    '',
    jsonBlock(ctx.entries.get(tool.name)),
    '',
  );
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** A description as a blockquote: its Markdown rendered, nothing in it able to escape the quote. */
function quote(text: string): string {
  const body = prose(text);
  return body ? body.replace(/^/gm, '> ') : '> (no description)';
}

function annotationsOf(tool: IrTool): string {
  const a = tool.annotations;
  const out: string[] = [];
  if (a.readOnly !== undefined) out.push(a.readOnly ? 'read-only' : 'not read-only');
  if (a.destructive !== undefined && a.readOnly !== true) out.push(a.destructive ? 'destructive' : 'not destructive');
  if (a.idempotent !== undefined && a.readOnly !== true) out.push(a.idempotent ? 'idempotent' : 'not idempotent');
  if (a.openWorld !== undefined) out.push(a.openWorld ? 'open world' : 'closed world');
  return out.length ? out.join(' · ') : 'none (a client assumes it may change things)';
}

function httpCall(ctx: DocsContext, binding: IrHttpBinding): string {
  const profile = ctx.server.profiles?.find((p) => p.name === binding.profile);
  const where = profile ? ` on ${code(profile.baseUrl.env)} (default ${code(profile.baseUrl.default)})` : '';
  const auth = profile?.auth ? `, with the token in ${code(profile.auth.env)}` : '';
  const fixed = Object.keys(binding.fixed ?? {}).sort();
  return `${code(`${binding.method.toUpperCase()} ${binding.path}`)}${where}${auth}${fixed.length ? `; the server sets ${fixed.map((f) => code(f)).join(', ')}` : ''}.`;
}

function exampleResult(tool: IrTool): string[] {
  const binding = tool.binding;
  if (binding.kind === 'http') {
    const tail = `An empty answer is a one-line text such as ${code(`${binding.method.toUpperCase()} ${binding.path}: done (… answered 204 No Content).`)}; binary content is described, not sent.`;
    if (!tool.output) {
      return [
        `The response body as text: JSON as compact JSON text, with the parsed body as \`structuredContent\` (an array as \`{ "items": [...] }\`), other text as it is. ${tail}`,
        '',
      ];
    }
    const { value, abbreviated } = exampleOutput(tool.output);
    const structured = Array.isArray(value) ? { items: value } : isObject(value) ? value : { value };
    return [
      `The response body as compact JSON text, and parsed as \`structuredContent\`${Array.isArray(value) ? ' (the array as `{ "items": [...] }`)' : ''}, made from the response schema${abbreviated ? ' (abbreviated)' : ''}:`,
      '',
      jsonBlock({ content: [{ type: 'text', text: '…the same JSON, compact…' }], structuredContent: structured }),
      '',
      tail,
      '',
    ];
  }
  if (tool.output) {
    const { value, abbreviated } = exampleOutput(tool.output);
    return [
      `Structured: \`structuredContent\` matches the output schema, and the text content carries the same JSON${abbreviated ? ' (abbreviated)' : ''}:`,
      '',
      jsonBlock({ content: [{ type: 'text', text: '…the same JSON, compact…' }], structuredContent: value }),
      '',
    ];
  }
  switch (binding.returns) {
    case 'void':
      return ['The text `Done.` once the function has run:', '', jsonBlock({ content: [{ type: 'text', text: 'Done.' }] }), ''];
    case 'text':
      return ["Text: the function's return value as a text content block (a string as it is, a number or boolean written out, `Done.` for nothing).", ''];
    default:
      return ['The return value as JSON text in one text content block.', ''];
  }
}

function outputSchema(ctx: DocsContext, tool: IrTool): string[] {
  if (!tool.output) {
    return [tool.binding.kind === 'http' ? 'None: the spec gives no JSON response schema for this operation.' : 'None: the result is text.', ''];
  }
  if (tool.binding.kind === 'http') {
    return [
      "The operation's response schema from the spec. It is documentation, not sent as `outputSchema`: an API's answers stray from its spec, and a client would reject them.",
      '',
      jsonBlock(tool.output),
      '',
    ];
  }
  const sent = ctx.entries.get(tool.name)?.outputSchema ?? tool.output;
  return ['Sent as `outputSchema`; every result is checked against it before it is sent.', '', jsonBlock(sent), ''];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
