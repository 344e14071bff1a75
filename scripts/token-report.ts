/**
 * How many tokens a server's `tools/list` costs a model (o200k tokenizer, the
 * one GPT-4o and later use), as a client receives it: the JSON of the
 * tools/list result, from a real MCP client connected in memory.
 *
 *   npx tsx scripts/token-report.ts <server> [--toolsets a,b] [--tools x,y] [--read-only] [--json]
 *
 * <server> is a generated server name (generated/<name>/server.gen.ts) or a module path.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { connectTestClient, isServerDefinition, type ServerDefinition, selectTools, type ToolSelection } from '@toolwright/runtime';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

export interface TokenReport {
  server: string;
  tools: number;
  tokens: number;
  /** Per tool, largest first. */
  perTool: { name: string; tokens: number }[];
}

export async function loadGenerated(server: string): Promise<ServerDefinition> {
  const file = server.includes('/') || server.endsWith('.ts') ? resolve(server) : resolve(import.meta.dirname, '..', 'generated', server, 'server.gen.ts');
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (!isServerDefinition(module.default)) throw new Error(`${file} does not export a server definition`);
  return module.default;
}

/** Counts the tokens of `tools/list` for the selected tools of a server. */
export async function tokenReport(definition: ServerDefinition, selection: ToolSelection = {}): Promise<TokenReport> {
  const selected = await selectTools(definition, selection);
  const client = await connectTestClient(selected);
  try {
    const { tools } = await client.listTools();
    return {
      server: definition.name,
      tools: tools.length,
      tokens: countTokens(JSON.stringify({ tools })),
      perTool: tools.map((tool) => ({ name: tool.name, tokens: countTokens(JSON.stringify(tool)) })).sort((a, b) => b.tokens - a.tokens),
    };
  } finally {
    await client.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { toolsets: { type: 'string' }, tools: { type: 'string' }, 'read-only': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const name = positionals[0];
  if (!name) {
    process.stderr.write('usage: tsx scripts/token-report.ts <server> [--toolsets a,b] [--tools x,y] [--read-only] [--json]\n');
    process.exit(2);
  }
  const list = (raw: string | undefined) =>
    raw
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const selection: ToolSelection = {
    ...(values.toolsets ? { toolsets: list(values.toolsets)! } : {}),
    ...(values.tools ? { tools: list(values.tools)! } : {}),
    ...(values['read-only'] ? { readOnly: true } : {}),
  };
  const report = await tokenReport(await loadGenerated(name), selection);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    process.stdout.write(`${report.server}: ${report.tools} tools, ${report.tokens} tokens (o200k) in tools/list\n`);
    for (const tool of report.perTool.slice(0, 15)) process.stdout.write(`  ${String(tool.tokens).padStart(6)}  ${tool.name}\n`);
  }
}
