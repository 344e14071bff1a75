/**
 * Upstream answers turned into what the model sees: a 2xx body as compact
 * JSON text plus `structuredContent`, an error status as a typed ToolError
 * whose message says what the upstream said and what to do about it.
 * Every text that came from upstream passes through `redact` (an API that
 * echoes the request's credentials must not hand them to the model) and is
 * capped in size.
 */
import { type ToolResult, toolResult } from '../definitions.js';
import { AuthenticationError, NotFoundError, PermissionError, RateLimitedError, ToolError, UpstreamError, ValidationError } from '../errors.js';
import { isRateLimitExhausted, requestedWaitMs } from './retry.js';
import { capResult, DEFAULT_MAX_RESULT_TOKENS, nextPage, nextPageHint, shapeBody } from './shape.js';
import type { HttpProfile } from './types.js';

/** Largest 2xx body read (bigger JSON or text is refused with a hint to narrow the request). */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Largest error body read: only its message and details are used. */
export const MAX_ERROR_BYTES = 64 * 1024;
/** Longest upstream message or detail quoted in an error. */
const MAX_QUOTE_CHARS = 500;
const MAX_DETAILS = 10;
/** What the model is told to wait when a rate limit gives no time (GitHub: "wait at least one minute"). */
const DEFAULT_RATE_LIMIT_WAIT_S = 60;

/** One exchange as messages describe it. `path` is the filled path without the query (query values may be secret). */
export interface Exchange {
  profile: HttpProfile;
  method: string;
  path: string;
  redact: (text: string) => string;
  /** The request's query, to tell which parameters a next-page link changes (never quoted in messages). */
  query?: URLSearchParams;
  /** How results are made compact and capped (default: the profile's shape, DEFAULT_MAX_RESULT_TOKENS). */
  results?: ResultSettings;
}

/** Result settings of a client (`TOOLWRIGHT_MAX_RESULT_TOKENS`, `TOOLWRIGHT_RAW_RESULTS`). */
export interface ResultSettings {
  maxTokens: number;
  /** Skip the compact projection (the cap and the next-page hint still apply). */
  raw: boolean;
}

export interface ReadBody {
  bytes: Uint8Array;
  /** False when the body was longer than the cap and the rest was discarded. */
  complete: boolean;
}

/** Reads at most `cap` bytes of a body, then cancels the rest (a 2 GB tarball is not buffered to say it is too big). */
export async function readBody(response: Response, cap: number): Promise<ReadBody> {
  if (!response.body) return { bytes: new Uint8Array(0), complete: true };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: Buffer.concat(chunks, size), complete: true };
      if (size + value.byteLength > cap) {
        chunks.push(value.subarray(0, cap - size));
        await reader.cancel();
        return { bytes: Buffer.concat(chunks, cap), complete: false };
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
}

function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function isJsonType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === 'text/json';
}

function isTextType(mediaType: string): boolean {
  return mediaType === '' || mediaType.startsWith('text/') || mediaType.endsWith('+xml') || mediaType === 'application/xml';
}

const decoder = new TextDecoder();

/** A 2xx answer as the tool's result. */
export function successResult(exchange: Exchange, response: Response, body: ReadBody): ToolResult {
  const { profile, method, path } = exchange;
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (method === 'HEAD' || body.bytes.byteLength === 0) {
    return toolResult({ content: [{ type: 'text', text: `${method} ${path}: done (${profile.name} answered ${status}).` }] });
  }
  const mediaType = mediaTypeOf(response.headers);
  const json = isJsonType(mediaType);
  if (!json && !isTextType(mediaType)) {
    const size = body.complete ? `${body.bytes.byteLength} bytes` : `more than ${MAX_RESPONSE_BYTES} bytes`;
    return toolResult({
      content: [{ type: 'text', text: `${profile.name} answered ${status} with ${size} of ${mediaType}; binary content is not shown.` }],
    });
  }
  if (!body.complete) {
    throw new UpstreamError(
      `${profile.name} answered ${method} ${path} with more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, more than this tool returns. Narrow the request (filters, a smaller page size) and call again.`,
      { status: response.status },
    );
  }
  const text = exchange.redact(decoder.decode(body.bytes));
  const maxTokens = exchange.results?.maxTokens ?? DEFAULT_MAX_RESULT_TOKENS;
  if (json || /^\s*[[{]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return toolResult({ content: [{ type: 'text', text: cap(text, maxTokens) }] });
    }
    const shaped = exchange.results?.raw ? parsed : shapeBody(parsed, profile.shape);
    const { value, note } = capResult(shaped, maxTokens);
    const next = nextPage(response.headers, parsed, exchange.query ?? new URLSearchParams());
    const structured: Record<string, unknown> = Array.isArray(value) ? { items: value } : isRecord(value) ? { ...value } : { value };
    if (next && !Object.hasOwn(structured, 'next_page')) structured.next_page = next;
    const notes = [...(note ? [note] : []), ...(next ? [nextPageHint(next)] : [])];
    return toolResult({ content: [{ type: 'text', text: cap([JSON.stringify(value), ...notes].join('\n\n'), maxTokens) }], structuredContent: structured });
  }
  return toolResult({ content: [{ type: 'text', text: cap(text, maxTokens) }] });
}

/** The last resort for text that capResult could not cut at a boundary (plain text, one huge value): its first characters. */
function cap(text: string, maxTokens: number): string {
  const limit = maxTokens * 3;
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n…(truncated: the first ${limit} of ${text.length} characters are shown. Narrow the request (filters, a smaller page size) to see all of it.)`;
}

/** What an error body says, in the shapes APIs use: GitHub, Notion, RFC 9457 problem details, OAuth, plain text. */
export interface UpstreamMessage {
  message?: string;
  details: string[];
  /** A machine code from the body (Notion's `code`, e.g. `object_not_found`). */
  code?: string;
  /** A documentation link from the body (GitHub's `documentation_url`). */
  docs?: string;
}

export function parseErrorBody(headers: Headers, bytes: Uint8Array): UpstreamMessage {
  const text = decoder.decode(bytes).trim();
  if (!text) return { details: [] };
  let body: unknown;
  if (isJsonType(mediaTypeOf(headers)) || /^[[{]/.test(text)) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!isRecord(body)) {
    // an HTML error page says nothing useful to a model
    return /^<(!doctype|html|\?xml)/i.test(text) ? { details: [] } : { message: quote(text), details: [] };
  }
  const error = body.error;
  const message = firstString(body.message, body.detail, body.error_description, isRecord(error) ? error.message : error, body.title) ?? undefined;
  const details: string[] = [];
  // RFC 9457: title is the kind, detail the instance; show both when both are there
  if (typeof body.title === 'string' && typeof body.detail === 'string' && message !== body.title) details.push(quote(body.title));
  const errors = Array.isArray(body.errors) ? body.errors : isRecord(error) && Array.isArray(error.errors) ? error.errors : [];
  for (const item of errors.slice(0, MAX_DETAILS)) {
    const detail = describeDetail(item);
    if (detail) details.push(detail);
  }
  if (errors.length > MAX_DETAILS) details.push(`…and ${errors.length - MAX_DETAILS} more`);
  const code = firstString(body.code, isRecord(error) ? error.code : undefined);
  const docs = firstString(body.documentation_url);
  return { ...(message ? { message: quote(message) } : {}), details, ...(code ? { code: quote(code) } : {}), ...(docs ? { docs: quote(docs) } : {}) };
}

/** One entry of GitHub's `errors[]`: a string, or `{ resource, field, code, message }`. */
function describeDetail(item: unknown): string | undefined {
  if (typeof item === 'string') return quote(item);
  if (!isRecord(item)) return undefined;
  const field = firstString(item.field, item.param, item.path, item.pointer);
  const code = firstString(item.code);
  const message = firstString(item.message, item.detail);
  const what = [code && code !== 'custom' ? code : undefined, message].filter(Boolean).join(': ');
  const text = field ? `${field}: ${what || 'invalid'}` : what;
  return text ? quote(text) : undefined;
}

export interface ErrorContext extends Exchange {
  response: Response;
  body: UpstreamMessage;
  attempts: number;
}

/** Maps an error status to the ToolError the model sees. */
export function errorForStatus(context: ErrorContext): ToolError {
  const { profile, method, path, response, body, attempts, redact } = context;
  const status = response.status;
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  // one sentence, ending in one full stop whatever punctuation the upstream used
  const said = [body.message, ...body.details]
    .filter(Boolean)
    .join('; ')
    .replace(/[.\s]+$/, '');
  const head = redact(
    `${profile.name} answered ${status}${statusText} to ${method} ${path}${said ? `: ${said}` : ''}${body.docs ? ` (see ${body.docs})` : ''}`,
  );
  const summary = `${head}.`;
  const data = { status, ...(body.code ? { upstreamCode: redact(body.code) } : {}) };
  const authEnv = profile.auth?.env;
  const wait = rateLimitWait(response, body);
  if (status === 429 || (status === 403 && wait !== undefined)) {
    const seconds = Math.ceil((wait ?? DEFAULT_RATE_LIMIT_WAIT_S * 1000) / 1000);
    return new RateLimitedError(`${summary} Rate limited by ${profile.name}: retry after ${seconds} s.`, seconds, { data });
  }
  if (status === 400 || status === 422) {
    return new ValidationError(`${summary} Fix the arguments and call again.`, { data });
  }
  if (status === 401) {
    const advice = authEnv
      ? `The token in ${authEnv} was not accepted: check that it is valid and not expired, then restart the server with the new value.`
      : `${profile.name} needs credentials for this operation.`;
    return new AuthenticationError(`${summary} ${advice}`, { data });
  }
  if (status === 403) {
    const needs = firstHeader(response.headers, 'x-accepted-github-permissions', 'x-accepted-oauth-scopes');
    const has = response.headers.get('x-oauth-scopes');
    const advice = authEnv
      ? `The token in ${authEnv} is not allowed to do this${needs ? `; it needs ${needs}` : ''}${has !== null ? ` (it has: ${has || 'no scopes'})` : ''}. Use a token with the needed scopes or permissions, or an account with access.`
      : 'The API refused this operation without credentials.';
    return new PermissionError(`${summary} ${redact(advice)}`, { data });
  }
  if (status === 404 || status === 410) {
    const advice = authEnv
      ? `Check the names and ids in the arguments (list or search first to find them). A private resource that the token in ${authEnv} cannot see also answers ${status}.`
      : 'Check the names and ids in the arguments (list or search first to find them).';
    return new NotFoundError(`${summary} ${advice}`, { data });
  }
  if (status === 409) {
    return new ToolError('conflict', `${summary} The resource is in a conflicting state or changed meanwhile: read its current state, then try again.`, {
      data,
    });
  }
  if (status >= 500) {
    const tries = `${head}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}.`;
    const asked = requestedWaitMs(response.headers);
    if (asked !== undefined) {
      const seconds = Math.ceil(asked / 1000);
      return new UpstreamError(`${tries} ${profile.name} is unavailable and asked to retry after ${seconds} s.`, {
        status,
        data: { ...data, retryAfterSeconds: seconds },
      });
    }
    return new UpstreamError(`${tries} ${profile.name} failed on its side; try again later.`, { status, data });
  }
  return new UpstreamError(`${summary} The request was not accepted; check the arguments.`, { status, data });
}

/** How long a 403/429 says to wait, or undefined when it is not a rate limit. */
function rateLimitWait(response: Response, body: UpstreamMessage): number | undefined {
  const requested = requestedWaitMs(response.headers);
  if (requested !== undefined) return requested;
  // quota spent without a reset time, or GitHub's secondary rate limit as a bare 403 whose message says so
  if (isRateLimitExhausted(response.headers) || (response.status === 403 && /rate limit/i.test(body.message ?? ''))) {
    return DEFAULT_RATE_LIMIT_WAIT_S * 1000;
  }
  return undefined;
}

function firstHeader(headers: Headers, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = headers.get(name)?.trim();
    if (value) return value;
  }
  return undefined;
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value.trim()) return value.trim();
  return undefined;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE_CHARS ? `${flat.slice(0, MAX_QUOTE_CHARS)}…` : flat;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
