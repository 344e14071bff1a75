/**
 * One incoming JSON-RPC message, checked before the SDK sees it, the same way
 * on stdio and HTTP. The SDK's own check drops a message that is JSON but not
 * a JSON-RPC 2.0 message (stdio) or answers it with -32700 and no id (HTTP),
 * so a client that sent a request with, say, a wrong `jsonrpc` or an extra
 * member waited for an answer that never came. Here each such message gets
 * exactly one error response, carrying the request's id whenever that id is a
 * valid one: -32700 for bytes that are not UTF-8 JSON, -32602 for a request
 * whose `_meta` does not fit (MCP gives it a shape), -32600 for anything else
 * that is not one JSON-RPC message.
 */
import { isUtf8 } from 'node:buffer';
import { ErrorCode, type JSONRPCMessage, JSONRPCMessageSchema, JSONRPCRequestSchema } from '../sdk.js';

export interface JsonRpcErrorResponse {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string };
}

export type CheckedMessage =
  | { message: JSONRPCMessage; error?: undefined; ignored?: undefined }
  | { error: JsonRpcErrorResponse; message?: undefined; ignored?: undefined }
  /** A notification whose params do not fit its method: there is no one to answer, so it is dropped (why, for a log). */
  | { ignored: string; message?: undefined; error?: undefined };

/** How a transport frames one message, for the error messages: `body` (HTTP) or `line` (stdio). */
export type Framing = 'body' | 'line';

/** Parses and checks the bytes of one message. */
export function parseJsonRpc(bytes: Uint8Array, framing: Framing): CheckedMessage {
  let value: unknown;
  try {
    let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark, as TextDecoder would drop it
    // Invalid UTF-8 decodes to U+FFFD; only then is the (rarer, slower) full check worth making.
    if (text.includes('\uFFFD') && !isUtf8(bytes)) throw new Error('not UTF-8');
    value = JSON.parse(text);
  } catch {
    return { error: jsonRpcError(null, ErrorCode.ParseError, `Parse error: the ${framing} is not valid UTF-8 JSON.`) };
  }
  return checkJsonRpc(value, framing);
}

/** Checks a parsed value: one JSON-RPC 2.0 request, notification or response, exactly as the SDK accepts them. */
export function checkJsonRpc(value: unknown, framing: Framing): CheckedMessage {
  if (Array.isArray(value)) {
    const one = framing === 'body' ? 'one message per HTTP request' : 'one message per line';
    return { error: jsonRpcError(null, ErrorCode.InvalidRequest, `Invalid Request: JSON-RPC batches are not supported; send ${one}.`) };
  }
  const problem = jsonRpcProblem(value);
  if (problem) return { error: jsonRpcError(idOf(value), ErrorCode.InvalidRequest, `Invalid Request: ${problem}`) };
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (parsed.success) return { message: parsed.data };
  // The envelope is right, so what the SDK refused is inside: the params' `_meta` of a
  // request or notification (MCP gives it a shape), or the error object of a response.
  const m = value as Record<string, unknown>;
  if (!Object.hasOwn(m, 'method')) return { error: jsonRpcError(idOf(m), ErrorCode.InvalidRequest, 'Invalid Request: not a valid JSON-RPC 2.0 response.') };
  if (!Object.hasOwn(m, 'id')) return { ignored: `notification ${String(m.method)} with params that do not fit it` };
  const issues = JSONRPCRequestSchema.safeParse(value).error?.issues ?? [];
  const problems = issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(request)'}: ${issue.message}`);
  return { error: jsonRpcError(idOf(m), ErrorCode.InvalidParams, `Invalid params: ${problems.join('; ') || 'they do not fit the method'}.`) };
}

const MEMBERS = {
  request: new Set(['jsonrpc', 'id', 'method', 'params']),
  notification: new Set(['jsonrpc', 'method', 'params']),
  response: new Set(['jsonrpc', 'id', 'result', 'error']),
};

/** What is wrong with a message's envelope, in words a client author can act on; undefined when nothing is. */
function jsonRpcProblem(message: unknown): string | undefined {
  if (message === null || typeof message !== 'object') return 'a message must be a JSON-RPC 2.0 object.';
  const m = message as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return '"jsonrpc" must be "2.0".';
  if (Object.hasOwn(m, 'id') && !isValidId(m.id)) return '"id" must be a string or an integer (a safe one: at most 2^53 - 1 either way).';
  let kind: keyof typeof MEMBERS;
  if (Object.hasOwn(m, 'method')) {
    if (typeof m.method !== 'string' || m.method === '') return '"method" must be a non-empty string.';
    if (Object.hasOwn(m, 'params') && (m.params === null || typeof m.params !== 'object' || Array.isArray(m.params))) return '"params" must be an object.';
    kind = Object.hasOwn(m, 'id') ? 'request' : 'notification';
  } else if (Object.hasOwn(m, 'id') && (Object.hasOwn(m, 'result') || Object.hasOwn(m, 'error'))) kind = 'response';
  else return 'expected a request, a notification or a response.';
  const extra = Object.keys(m).find((key) => !MEMBERS[kind].has(key));
  if (extra !== undefined) return `${JSON.stringify(extra)} is not a member of a JSON-RPC ${kind}.`;
  return undefined;
}

function isValidId(id: unknown): id is string | number {
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));
}

/** The message's id when it is a valid one, else null (what an error response then carries). */
export function idOf(message: unknown): string | number | null {
  const id = (message as { id?: unknown } | null)?.id;
  return isValidId(id) ? id : null;
}

export function jsonRpcError(id: string | number | null, code: number, message: string): JsonRpcErrorResponse {
  return { jsonrpc: '2.0', id, error: { code, message } };
}
