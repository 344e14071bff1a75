/**
 * `toolwright tokens <server>`: what a server's `tools/list` costs a model, per
 * tool and in total (o200k tokens), as a client receives it from the running
 * server — the server is loaded and listed through a real MCP client in memory,
 * with the same selection flags as `serve`.
 */
import { countTokens } from '@toolwright/codegen';
import { connectTestClient, type ServerDefinition, selectTools, type ToolSelection } from '@toolwright/runtime';
import { loadServerDefinition } from './serve.js';

export interface TokenReport {
  server: string;
  tools: number;
  /** Tokens of the whole `tools/list` result (`{"tools":[…]}`). */
  tokens: number;
  /** Per tool, largest first. */
  perTool: { name: string; tokens: number }[];
}

export interface TokensFlags {
  toolsets?: string[];
  tools?: string[];
  readOnly?: boolean;
  json?: boolean;
  /** Exit 1 when the total is over this many tokens. */
  budget?: number;
  /** `search`: count what `serve --mode search` lists (the meta-tools and any pinned tools). */
  mode?: 'tools' | 'search';
  pin?: string[];
}

/** Counts the tokens of `tools/list` for the selected tools of a server. */
export async function tokenReport(definition: ServerDefinition, selection: ToolSelection = {}): Promise<TokenReport> {
  const client = await connectTestClient(await selectTools(definition, selection));
  try {
    const tools = [];
    let page = await client.listTools();
    tools.push(...page.tools);
    while (page.nextCursor) {
      page = await client.listTools({ cursor: page.nextCursor });
      tools.push(...page.tools);
    }
    return {
      server: definition.name,
      tools: tools.length,
      tokens: countTokens(JSON.stringify({ tools })),
      perTool: tools
        .map((tool) => ({ name: tool.name, tokens: countTokens(JSON.stringify(tool)) }))
        .sort((a, b) => b.tokens - a.tokens || (a.name < b.name ? -1 : 1)),
    };
  } finally {
    await client.close();
  }
}

export async function tokensCommand(server: string, flags: TokensFlags): Promise<void> {
  const selection: ToolSelection = {
    ...(flags.toolsets ? { toolsets: flags.toolsets } : {}),
    ...(flags.tools ? { tools: flags.tools } : {}),
    ...(flags.readOnly ? { readOnly: true } : {}),
  };
  const definition = await loadServerDefinition(server);
  let report: TokenReport;
  if (flags.mode === 'search') {
    const { searchMode } = await import('@toolwright/runtime');
    report = await tokenReport(await searchMode(definition, { ...selection, ...(flags.pin ? { pin: flags.pin } : {}), preload: false }));
  } else {
    if (flags.pin) throw new Error('--pin lists tools beside the search tools: it needs --mode search.');
    report = await tokenReport(definition, selection);
  }
  const over = flags.budget !== undefined && report.tokens > flags.budget;
  if (flags.json)
    process.stdout.write(`${JSON.stringify({ ...report, ...(flags.budget !== undefined ? { budget: flags.budget, overBudget: over } : {}) }, null, 2)}\n`);
  else {
    const width = Math.max(6, ...report.perTool.map((tool) => String(tool.tokens).length));
    for (const tool of report.perTool) process.stdout.write(`${String(tool.tokens).padStart(width)}  ${tool.name}\n`);
    process.stdout.write(
      `${report.server}: ${report.tools} tool(s), ${report.tokens} tokens (o200k) in tools/list${flags.budget !== undefined ? ` (budget ${flags.budget})` : ''}\n`,
    );
  }
  if (over) {
    process.stderr.write(`toolwright: ${report.server}: tools/list costs ${report.tokens} tokens, over the budget of ${flags.budget}.\n`);
    process.exitCode = 1;
  }
}
