/**
 * The token budget of a server's tool list: `tokenBudget` in a config caps
 * what the default surface's `tools/list` may cost a model (o200k tokens, as
 * counted in tokens.ts), and the build fails above it, so a description or a
 * schema that grows the context is caught when it is written.
 */
import type { Diagnostic, IrServer } from '../ir/types.js';
import { countToolListTokens, countToolTokens, type ToolListOptions } from '../tokens.js';

export const TOKEN_BUDGET_EXCEEDED = 'TW1401';

/** The problem with a `tokenBudget` value, if any: shared by both kinds of config. */
export function validateTokenBudget(value: unknown): string[] {
  if (value === undefined || (typeof value === 'number' && Number.isInteger(value) && value > 0)) return [];
  return [`"tokenBudget" must be a positive whole number of tokens when set (got ${JSON.stringify(value)}).`];
}

/** The tools a server offers when no toolset is named: its default toolsets', or every tool when it has none. */
export function defaultSurface(server: IrServer): IrServer['tools'] {
  const defaults = server.toolsets.filter((toolset) => toolset.default);
  if (defaults.length === 0) return server.tools;
  const names = new Set(defaults.flatMap((toolset) => toolset.tools));
  return server.tools.filter((tool) => names.has(tool.name));
}

/** An error when the default surface's `tools/list` costs more than `budget` tokens, naming the largest tools. */
export function checkTokenBudget(server: IrServer, budget: number | undefined, options: ToolListOptions & { file?: string } = {}): Diagnostic[] {
  if (budget === undefined) return [];
  const tools = defaultSurface(server);
  const tokens = countToolListTokens(tools, options);
  if (tokens <= budget) return [];
  const largest = tools
    .map((tool) => ({ name: tool.name, tokens: countToolTokens(tool, options) }))
    .sort((a, b) => b.tokens - a.tokens)
    .slice(0, 5)
    .map((tool) => `${tool.name} (${tool.tokens})`);
  return [
    {
      code: TOKEN_BUDGET_EXCEEDED,
      severity: 'error',
      ...(options.file ? { file: options.file } : {}),
      message: `tools/list of the default surface (${tools.length} tools) costs ${tokens} tokens (o200k), over the tokenBudget of ${budget}. Largest: ${largest.join(', ')}.`,
      hint: 'Shorten descriptions, hide arguments few tasks need (OpenAPI: tools.<op>.hidden), move tools out of the default toolsets, or raise tokenBudget. `npx toolwright tokens <server>` lists every tool.',
    },
  ];
}
