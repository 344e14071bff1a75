/**
 * What a server's tools cost a model: the `tools/list` entry of each tool,
 * built from the IR exactly as the runtime sends it (see `describeTool` in
 * @toolwright/runtime), and its size in o200k tokens (the tokenizer of GPT-4o
 * and later; other models' tokenizers land within a few percent).
 *
 * Counted from the IR, not from a running server, so the docs, `toolwright
 * build` and a token report agree without loading the generated code.
 */
import { createRequire } from 'node:module';
import { toWireSchema } from './emit/wire.js';
import type { IrTool, JsonSchema } from './ir/types.js';

/** One tool as a client receives it in `tools/list`. */
export interface ToolListEntry {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations?: Record<string, string | boolean>;
  _meta?: Record<string, unknown>;
}

export interface ToolListOptions {
  /** The server states `$schema` in every tool's schemas (`jsonSchemaDialect` in its config). */
  jsonSchemaDialect?: boolean;
  /** The server sends portable schemas (`schemaProfile: 'portable'` in its config). */
  portableSchemas?: boolean;
}

/**
 * The `tools/list` entry of a tool, with its fields in the order a client's SDK holds them. Output schemas are
 * sent for function tools only (an HTTP tool's spec response schema is documentation, not a contract).
 */
export function toolListEntry(tool: IrTool, options: ToolListOptions = {}): ToolListEntry {
  const dialect = options.jsonSchemaDialect === true;
  const portable = options.portableSchemas === true;
  const entry: ToolListEntry = {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: asReceived(toWireSchema(tool.input, { strict: true, dialect, portable })),
    ...(tool.output && tool.binding.kind === 'function' ? { outputSchema: asReceived(toWireSchema(tool.output, { strict: false, dialect, portable })) } : {}),
  };
  // Hints a client assumes anyway are left out, as the runtime does: openWorld true is the default, and
  // destructive/idempotent mean nothing on a read-only tool.
  const a = tool.annotations;
  const annotations: Record<string, string | boolean> = {
    ...(tool.title ? { title: tool.title } : {}),
    ...(a.readOnly === true ? { readOnlyHint: true } : {}),
    ...(a.destructive !== undefined && a.readOnly !== true ? { destructiveHint: a.destructive } : {}),
    ...(a.idempotent === true && a.readOnly !== true ? { idempotentHint: true } : {}),
    ...(a.openWorld === false ? { openWorldHint: false } : {}),
  };
  if (Object.keys(annotations).length > 0) entry.annotations = annotations;
  const meta: Record<string, unknown> = {};
  if (tool.deprecated) meta.deprecated = tool.deprecated;
  if (tool.toolset) meta.toolset = tool.toolset;
  if (Object.keys(meta).length > 0) entry._meta = meta;
  return entry;
}

/**
 * A tool schema's keys in the order the client SDK's parser leaves them (`type`, `properties`, `required`, then
 * the rest as sent): what a client hands the model, and so what the token report of a live server counts.
 */
function asReceived(schema: JsonSchema): JsonSchema {
  const { type, properties, required, ...rest } = schema;
  return {
    ...(type !== undefined ? { type } : {}),
    ...(properties !== undefined ? { properties } : {}),
    ...(required !== undefined ? { required } : {}),
    ...rest,
  };
}

/**
 * o200k tokens in a text. Special-token spellings (`<|endoftext|>`) in it are counted as the plain text
 * they are: descriptions come from specs, and such a string must not make the count throw.
 */
export function countTokens(text: string): number {
  o200k ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as typeof import('gpt-tokenizer/encoding/o200k_base')).countTokens;
  return o200k(text, { allowedSpecial: NO_SPECIAL, disallowedSpecial: NO_SPECIAL });
}
const NO_SPECIAL = new Set<string>();
/**
 * The tokenizer, loaded at the first count: its tables take a quarter of a second to build, and a build must not
 * wait for them before it starts openapi-typescript (issue #4). Its CommonJS build, so the load can be synchronous.
 */
let o200k: typeof import('gpt-tokenizer/encoding/o200k_base').countTokens | undefined;

/** Tokens of one tool's `tools/list` entry (its JSON, as sent). */
export function countToolTokens(tool: IrTool, options: ToolListOptions = {}): number {
  return countTokens(JSON.stringify(toolListEntry(tool, options)));
}

/**
 * Tokens of a whole `tools/list` result offering `tools`: `{"tools":[…]}` as sent. Not the sum of the
 * tools' own counts: the tokenizer merges some characters across the boundaries between entries.
 */
export function countToolListTokens(tools: readonly IrTool[], options: ToolListOptions = {}): number {
  return countTokens(JSON.stringify({ tools: tools.map((tool) => toolListEntry(tool, options)) }));
}
