/**
 * Client compatibility: which known MCP clients would reject a tool as it is
 * sent in `tools/list`. Clients pass tool schemas on to their model providers,
 * and each provider accepts a different subset of JSON Schema:
 *
 * - `gemini` (Gemini function declarations): no `$ref`/`$defs`, no
 *   `additionalProperties`, no unions inside `items`.
 * - `openai-strict` (OpenAI structured outputs, `strict: true`): every object
 *   closed with `additionalProperties: false`, every property required
 *   (optional ones as nullable), no `format`.
 * - `cursor`: tool names of at most 60 characters.
 * - `legacy` (2025-era clients): an output schema must be an object.
 *
 * A config lists the clients it targets (`clients`); the build warns about each
 * tool one of them would reject. `schemaProfile: 'portable'` emits schemas in
 * the subset Gemini and the others accept (OpenAI strict's "all required" is
 * not applied: it changes what a call means, and clients enable strict mode
 * for their own function tools, not MCP tools).
 */
import { toWireSchema } from '../emit/wire.js';
import type { Diagnostic, IrServer, IrTool, JsonSchema } from '../ir/types.js';

export const CLIENTS = ['gemini', 'openai-strict', 'cursor', 'legacy'] as const;
export type ClientName = (typeof CLIENTS)[number];
export const CLIENT_INCOMPATIBLE = 'TW1501';

const LABEL: Record<ClientName, string> = {
  gemini: 'Gemini',
  'openai-strict': 'OpenAI strict mode',
  cursor: 'Cursor',
  legacy: '2025-era clients',
};

export interface CompatOptions {
  jsonSchemaDialect?: boolean;
  portable?: boolean;
  /** Where the clients were named, for the diagnostic. */
  file?: string;
}

/** Why `client` would reject `tool` as sent; empty when it would accept it. */
export function clientProblems(tool: IrTool, client: ClientName, options: CompatOptions = {}): string[] {
  const wire = { dialect: options.jsonSchemaDialect === true, portable: options.portable === true };
  const input = toWireSchema(tool.input, { strict: true, ...wire });
  const output = tool.output && tool.binding.kind === 'function' ? toWireSchema(tool.output, { strict: false, ...wire }) : undefined;
  const problems = new Set<string>();
  const walk = (node: unknown, visit: (node: Record<string, unknown>, inItems: boolean) => void, inItems = false): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    visit(record, inItems);
    for (const [key, value] of Object.entries(record)) walk(value, visit, key === 'items');
  };
  switch (client) {
    case 'gemini':
      for (const schema of [input, output]) {
        walk(schema, (node, inItems) => {
          if ('$ref' in node || '$defs' in node || 'definitions' in node) problems.add('$ref/$defs');
          if ('additionalProperties' in node) problems.add('additionalProperties');
          if (inItems && ('anyOf' in node || 'oneOf' in node)) problems.add('a union in items');
        });
      }
      break;
    case 'openai-strict':
      walk(input, (node) => {
        const isObject = node.type === 'object' || 'properties' in node;
        if (isObject && node.additionalProperties !== false) problems.add('an object without additionalProperties: false');
        if (isObject && node.properties && typeof node.properties === 'object') {
          const required = new Set(Array.isArray(node.required) ? node.required : []);
          if (Object.keys(node.properties).some((key) => !required.has(key))) problems.add('optional properties');
        }
        if ('format' in node) problems.add('format');
      });
      break;
    case 'cursor':
      if (tool.name.length > 60) problems.add(`a name of ${tool.name.length} characters (over 60)`);
      break;
    case 'legacy':
      if (output && (output as JsonSchema).type !== 'object') problems.add('an output schema that is not an object');
      break;
  }
  return [...problems];
}

/** One warning per targeted client that would reject some tools: how many, why, and which (the first few). */
export function lintClientCompatibility(server: IrServer, clients: readonly ClientName[], options: CompatOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const client of clients) {
    const reasons = new Map<string, number>();
    const rejected: string[] = [];
    for (const tool of server.tools) {
      const problems = clientProblems(tool, client, options);
      if (problems.length === 0) continue;
      rejected.push(tool.name);
      for (const problem of problems) reasons.set(problem, (reasons.get(problem) ?? 0) + 1);
    }
    if (rejected.length === 0) continue;
    const why = [...reasons].map(([problem, count]) => `${problem}: ${count}`).join(', ');
    const fixable = client === 'gemini' && !options.portable;
    diagnostics.push({
      code: CLIENT_INCOMPATIBLE,
      severity: 'warning',
      ...(options.file ? { file: options.file } : {}),
      message: `${LABEL[client]} would reject ${rejected.length} of ${server.tools.length} tools (${why}), e.g. ${rejected.slice(0, 5).join(', ')}.`,
      hint: fixable
        ? "Set schemaProfile: 'portable' in the config to send schemas every known client accepts."
        : client === 'cursor'
          ? 'Rename those tools (OpenAPI: tools.<operationId>.name; functions: the function name).'
          : client === 'legacy'
            ? 'Return an object from those tools (wrap a list or a value in a field).'
            : 'OpenAI strict mode needs every property required; leave this client out of `clients` unless a client of yours turns strict mode on for MCP tools.',
    });
  }
  return diagnostics;
}

/** The problem with a `clients` value, if any. */
export function validateClients(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((c) => (CLIENTS as readonly string[]).includes(c))) {
    return [`"clients" must be a list of ${CLIENTS.map((c) => `"${c}"`).join(', ')} (got ${JSON.stringify(value)}).`];
  }
  return [];
}

/** The problem with a `schemaProfile` value, if any. */
export function validateSchemaProfile(value: unknown): string[] {
  if (value === undefined || value === 'default' || value === 'portable') return [];
  return [`"schemaProfile" must be "default" or "portable" (got ${JSON.stringify(value)}).`];
}
