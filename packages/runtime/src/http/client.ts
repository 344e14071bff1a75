/**
 * The upstream HTTP client generated OpenAPI tools call: one request per tool
 * call, built from the operation and the arguments, sent with Node's built-in
 * fetch (undici), retried and paced, and answered as a ToolResult or a typed
 * ToolError.
 *
 * Security rules kept here, in one place:
 * - every path value goes through {@link buildPath} (one encoded segment, no
 *   dot segments or separators), and the final URL is re-parsed to check that
 *   nothing rewrote its path;
 * - the token comes from the environment at call time and is redacted from
 *   every text that leaves (results, errors; logs never see it);
 * - nothing of the MCP request is forwarded: the context is read for its
 *   signal and logger only;
 * - redirects are followed by hand so that credentials are dropped when one
 *   leaves the API's origin (fetch keeps custom auth headers like `X-API-Key`).
 */

import { readResultSettings } from '../config.js';
import type { ToolResult } from '../definitions.js';
import {
  AuthenticationError,
  CancelledError,
  ConfigurationError,
  RateLimitedError,
  TimeoutError,
  ToolError,
  UpstreamError,
  ValidationError,
} from '../errors.js';
import { TokenBucket } from '../middleware/rate-limit.js';
import { encodeBody } from './body.js';
import { cookiePair, headerValue, queryPairs } from './parameters.js';
import { buildPath, normalizeBaseUrl } from './path.js';
import { type Exchange, errorForStatus, MAX_ERROR_BYTES, MAX_RESPONSE_BYTES, parseErrorBody, type ReadBody, readBody, successResult } from './response.js';
import { backoffMs, isIdempotent, MAX_IN_CALL_WAIT_MS, requestedWaitMs, sleep } from './retry.js';
import type { HttpApi, HttpApiOptions, HttpCallContext, HttpOperation, HttpProfile } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 2;
const MAX_RETRIES = 10;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Methods that change nothing upstream: not spaced by profile.writeIntervalMs. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const USER_AGENT = 'toolwright-runtime';
const REDACTED = '[REDACTED]';
/** RFC 9110 token: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers a header parameter may not set: the client owns them. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
]);

interface Credentials {
  header: readonly [name: string, value: string] | undefined;
  /** Every form of the secret that could be echoed back, longest first. */
  secrets: string[];
}

type Attempt = { kind: 'response'; response: Response; body: ReadBody } | { kind: 'network'; error: unknown };

/**
 * Makes the client for one upstream API. Call once per profile (generated
 * code does so at module load): the client-side pace is shared by every call
 * through it. The profile is checked now, so a malformed one fails at start;
 * the environment (base URL, token) is read at each call, so a server starts
 * and lists its tools without a token.
 *
 * @example
 * const github = createHttpApi({ name: 'github', baseUrl: { env: 'GITHUB_API_URL', default: 'https://api.github.com' },
 *   auth: { env: 'GITHUB_TOKEN', scheme: 'bearer' }, headers: { 'X-GitHub-Api-Version': '2022-11-28' } });
 * handler: (args, ctx) => github.call({ method: 'get', path: '/repos/{owner}/{repo}', parameters }, args, ctx)
 */
export function createHttpApi(profile: HttpProfile, options: HttpApiOptions = {}): HttpApi {
  checkProfile(profile);
  const env = options.env ?? process.env;
  // Read once: a bad value fails at start, naming the variable.
  const results = readResultSettings(env);
  const writeIntervalMs = results.pacing ? profile.writeIntervalMs : undefined;
  const timeoutMs = profile.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = profile.retries ?? DEFAULT_RETRIES;
  const pace = results.pacing ? profile.rateLimit : undefined;
  const bucket = pace ? new TokenBucket({ perSecond: pace.requests / pace.perSeconds, burst: Math.max(1, Math.floor(pace.requests)) }) : undefined;
  /** When the next write may start (profile.writeIntervalMs): slots are taken in call order, so writes go out one at a time. */
  let nextWriteAt = 0;
  let baseCache: { raw: string; url: string; host: string } | undefined;

  function baseUrl(): { url: string; host: string } {
    const fromEnv = env[profile.baseUrl.env]?.trim();
    const raw = fromEnv || profile.baseUrl.default;
    if (baseCache?.raw === raw) return baseCache;
    const base = normalizeBaseUrl(raw);
    if ('error' in base) {
      // the value itself is not echoed: a URL with credentials in it is exactly the case to refuse quietly
      throw new ToolError(
        'internal_error',
        `The server's ${profile.baseUrl.env} setting ${base.error}. Set it to the API's base URL (for example ${profile.baseUrl.default}) and restart the server.`,
      );
    }
    baseCache = { raw, ...base };
    return baseCache;
  }

  function credentials(): Credentials {
    const auth = profile.auth;
    if (!auth) return { header: undefined, secrets: [] };
    const token = env[auth.env]?.trim();
    if (!token) {
      throw new AuthenticationError(
        `This tool calls the ${profile.name} API, which needs a token, and ${auth.env} is not set. Set ${auth.env} in the server's environment (for example in the "env" block of the MCP client's server config) and restart the server.`,
      );
    }
    if (/[^\u0020-\u007e]/.test(token)) {
      // never quoted: the message must not carry the token
      throw new AuthenticationError(`${auth.env} contains a line break or another character a token cannot have. Set it to the token alone.`);
    }
    const secrets = new Set([token, encodeURIComponent(token), ...base64Forms(token)]);
    let header: readonly [string, string];
    if (auth.scheme === 'bearer') header = ['authorization', `Bearer ${token}`];
    else if (auth.scheme === 'basic') {
      const encoded = Buffer.from(token, 'utf8').toString('base64');
      secrets.add(encoded);
      const password = token.slice(token.indexOf(':') + 1);
      if (token.includes(':') && password.length >= 6) secrets.add(password);
      header = ['authorization', `Basic ${encoded}`];
    } else header = [auth.header!, token];
    return { header, secrets: [...secrets].sort((a, b) => b.length - a.length) };
  }

  async function call(operation: HttpOperation, callArgs: Record<string, unknown>, context: HttpCallContext): Promise<ToolResult> {
    const args = operation.fixed ? { ...callArgs, ...operation.fixed } : callArgs;
    const method = operation.method.toUpperCase();
    const base = baseUrl();
    const auth = credentials();
    const redact = auth.secrets.length === 0 ? (text: string) => text : (text: string) => redactAll(text, auth.secrets);

    // Everything the arguments decide is checked before anything is sent.
    const pathValues: Record<string, unknown> = {};
    const multiSegment: string[] = [];
    const query: string[] = [];
    const cookies: string[] = [];
    const headers = new Headers();
    for (const param of operation.parameters) {
      const value = Object.hasOwn(args, param.arg) ? args[param.arg] : undefined;
      if (param.in === 'path') {
        pathValues[param.name] = value;
        if (param.allowSlashes) multiSegment.push(param.name);
      } else if (param.in === 'query') query.push(...queryPairs(param, value));
      else if (param.in === 'header') {
        const lower = param.name.toLowerCase();
        if (!HEADER_NAME.test(param.name) || RESERVED_HEADERS.has(lower) || lower === profile.auth?.header?.toLowerCase()) {
          throw new ConfigurationError(
            `Operation ${operation.method.toUpperCase()} ${operation.path}: header parameter "${param.name}" cannot be set by a tool argument.`,
          );
        }
        const text = headerValue(param, value);
        if (text !== undefined) headers.set(param.name, text);
      } else {
        const pair = cookiePair(param, value);
        if (pair !== undefined) cookies.push(pair);
      }
    }
    const template = operation.path.startsWith('/') ? operation.path : `/${operation.path}`;
    const path = buildPath(template, pathValues, { allowSlashes: multiSegment });
    const body = encodeBody(operation, args);
    if (body && (method === 'GET' || method === 'HEAD')) {
      throw new ToolError('unsupported', `${method} ${operation.path} declares a request body, which fetch cannot send with ${method}.`);
    }
    const url = `${base.url}${path}${query.length ? `?${query.join('&')}` : ''}`;
    // Defence in depth: if URL parsing changed the path (a dot segment slipped through), the request would go elsewhere.
    const expected = new URL(base.url);
    if (new URL(url).pathname !== `${expected.pathname.replace(/\/$/, '')}${path}`) {
      throw new ValidationError(`The arguments would change the endpoint ${operation.path} points at; give plain names and ids.`);
    }

    // Profile headers are protocol headers no argument may change — except a header this
    // operation fixes itself (its spec default, e.g. a newer Notion-Version for one endpoint).
    const fixedHeaders = new Set(
      operation.parameters.filter((p) => p.in === 'header' && operation.fixed && Object.hasOwn(operation.fixed, p.arg)).map((p) => p.name.toLowerCase()),
    );
    for (const [name, value] of Object.entries(profile.headers)) if (!fixedHeaders.has(name.toLowerCase())) headers.set(name, value);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (!headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
    if (cookies.length) headers.set('cookie', cookies.join('; '));
    if (body) headers.set('content-type', body.contentType);
    if (auth.header) headers.set(auth.header[0], auth.header[1]);

    const exchange: Exchange = { profile, method, path, redact, query: new URL(url).searchParams, results };
    const idempotent = isIdempotent(operation.method);
    const attempts = retries + 1;
    const wait = (ms: number) => sleep(ms, context.signal).catch(() => Promise.reject(stopped(context.signal)));

    for (let attempt = 1; ; attempt++) {
      await takeToken(wait);
      if (!READS.has(method)) await spaceWrite(wait);
      const outcome = await send(operation, exchange, url, { method, headers, body: body?.body }, base.url, context, attempt);
      if (outcome.kind === 'network') {
        if (idempotent && attempt < attempts) {
          await wait(backoffMs(attempt));
          continue;
        }
        const reason = describeNetworkError(outcome.error);
        // a connection that broke after sending may have delivered a change; one never opened did not
        const maybeApplied = !idempotent && !/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/.test(reason);
        throw new UpstreamError(
          redact(
            `Could not reach ${profile.name} at ${base.host} for ${method} ${path}: ${reason}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}. Check the network, or the base URL in ${profile.baseUrl.env}; then try again.${maybeApplied ? ' The request may have been applied before the connection broke: check before repeating it.' : ''}`,
          ),
        );
      }
      const { response } = outcome;
      if (response.ok) return successResult(exchange, response, outcome.body);
      if (attempt < attempts && mayRetry(response, idempotent)) {
        const delay = requestedWaitMs(response.headers) ?? backoffMs(attempt);
        if (delay <= MAX_IN_CALL_WAIT_MS) {
          await wait(delay);
          continue;
        }
      }
      throw errorForStatus({ ...exchange, response, body: parseErrorBody(response.headers, outcome.body.bytes), attempts: attempt });
    }
  }

  /** Client-side pacing: waits for a token when the wait is short, else answers rate_limited. */
  async function takeToken(wait: (ms: number) => Promise<void>): Promise<void> {
    if (!bucket || !pace) return;
    for (let ms = bucket.take(); ms > 0; ms = bucket.take()) {
      if (ms > MAX_IN_CALL_WAIT_MS) {
        throw new RateLimitedError(
          `This server paces calls to ${profile.name} at ${pace.requests} per ${pace.perSeconds} s, and that budget is spent. Retry after ${Math.ceil(ms / 1000)} s.`,
          ms / 1000,
        );
      }
      await wait(ms);
    }
  }

  /** Spaces writes `profile.writeIntervalMs` apart (GitHub asks for a second between them); a long queue answers rate_limited. */
  async function spaceWrite(wait: (ms: number) => Promise<void>): Promise<void> {
    const interval = writeIntervalMs;
    if (!interval) return;
    const now = Date.now();
    const at = Math.max(now, nextWriteAt);
    if (at - now > MAX_IN_CALL_WAIT_MS) {
      throw new RateLimitedError(
        `This server spaces writes to ${profile.name} ${interval} ms apart and ${Math.round((at - now) / interval)} are queued. Retry after ${Math.ceil((at - now) / 1000)} s.`,
        (at - now) / 1000,
      );
    }
    nextWriteAt = at + interval;
    if (at > now) await wait(at - now);
  }

  /** One attempt: the request (following redirects) and its body, under one time limit and the call's signal. */
  async function send(
    operation: HttpOperation,
    exchange: Exchange,
    url: string,
    init: { method: string; headers: Headers; body: string | undefined },
    origin: string,
    context: HttpCallContext,
    attempt: number,
  ): Promise<Attempt> {
    if (context.signal.aborted) throw stopped(context.signal);
    const started = performance.now();
    // One controller per attempt, fed by a timer and by the call's signal through a listener removed
    // afterwards. Not AbortSignal.any()/timeout(): on Node 20 composite signals leak (nodejs/node#55351).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    context.signal.addEventListener('abort', onAbort, { once: true });
    let status: number | undefined;
    let failure: string | undefined;
    try {
      const response = await fetchFollowingRedirects(exchange, url, init, new URL(origin).origin, controller.signal);
      status = response.status;
      const body = await readBody(response, response.ok ? MAX_RESPONSE_BYTES : MAX_ERROR_BYTES);
      return { kind: 'response', response, body };
    } catch (error) {
      if (context.signal.aborted) {
        failure = 'cancelled';
        throw stopped(context.signal);
      }
      if (timedOut) {
        failure = 'timeout';
        throw new TimeoutError(
          `${profile.name} did not answer ${exchange.method} ${exchange.path} within ${timeoutMs} ms. Try again later, or narrow the request.`,
          timeoutMs,
        );
      }
      if (error instanceof ToolError) throw error;
      failure = describeNetworkError(error);
      return { kind: 'network', error };
    } finally {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      // No query values (they may be secrets) and no headers: the template says which operation it was.
      context.logger.debug(
        {
          upstream: profile.name,
          method: exchange.method,
          path: operation.path,
          ...(status !== undefined ? { status } : {}),
          ...(failure !== undefined ? { failure } : {}),
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          attempt,
        },
        'upstream request',
      );
    }
  }

  /**
   * fetch with `redirect: 'manual'`, following up to 5 redirects itself so it
   * can drop the credentials and cookies when a redirect leaves the API's
   * origin (fetch drops only `Authorization`, and keeps `X-API-Key`-style headers).
   */
  async function fetchFollowingRedirects(
    exchange: Exchange,
    url: string,
    init: { method: string; headers: Headers; body: string | undefined },
    apiOrigin: string,
    signal: AbortSignal,
  ): Promise<Response> {
    const fetchImpl = options.fetch ?? fetch;
    let current = url;
    let { method, body } = init;
    const headers = new Headers(init.headers);
    for (let hop = 0; ; hop++) {
      const response = await fetchImpl(current, { method, headers, body, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS) {
        throw new UpstreamError(`${profile.name} redirected ${exchange.method} ${exchange.path} more than ${MAX_REDIRECTS} times; giving up.`, {
          status: response.status,
        });
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new UpstreamError(`${profile.name} redirected ${exchange.method} ${exchange.path} to an invalid URL.`, { status: response.status });
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new UpstreamError(`${profile.name} redirected ${exchange.method} ${exchange.path} to a ${next.protocol} URL, which is not followed.`, {
          status: response.status,
        });
      }
      if (next.origin !== apiOrigin) {
        headers.delete('cookie');
        if (profile.auth) headers.delete(profile.auth.scheme === 'header' ? profile.auth.header! : 'authorization');
      }
      // as fetch does (RFC 9110 §15.4): 303, and 301/302 after a POST, continue as a GET without a body
      if ((response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      current = next.href;
    }
  }

  return Object.freeze({ profile, call });
}

/** 429 (for any method when the upstream said how long to wait, since the request was not processed); 502/503/504 and a rate-limited 403 for idempotent methods. */
function mayRetry(response: Response, idempotent: boolean): boolean {
  const status = response.status;
  if (status === 429) return idempotent || requestedWaitMs(response.headers) !== undefined;
  if (!idempotent) return false;
  if (status === 403) return requestedWaitMs(response.headers) !== undefined;
  return status === 502 || status === 503 || status === 504;
}

/** The error a stopped call ends with: the server's own reason (its time limit, shutdown), else a cancellation. */
function stopped(signal: AbortSignal): ToolError {
  return signal.reason instanceof ToolError ? signal.reason : new CancelledError();
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The token as it reads inside base64 text, at each of the three byte
 * alignments, in base64 and base64url: an upstream or a proxy that echoes a
 * Basic header (`x-access-token:<token>`, base64) or a header dump must not
 * hand the token to the model in that form either. Only the characters that
 * encode the token's bytes alone are kept, so the form is found whatever
 * surrounds the token.
 */
function base64Forms(token: string): string[] {
  const bytes = Buffer.byteLength(token, 'utf8');
  const forms: string[] = [];
  for (const pad of [0, 1, 2]) {
    const encoded = Buffer.from(`${'x'.repeat(pad)}${token}`, 'utf8').toString('base64');
    const first = Math.ceil((8 * pad) / 6);
    const end = Math.floor((8 * (pad + bytes)) / 6);
    const core = encoded.slice(first, end);
    // a short core would mask innocent text; a token that short is not worth hiding this way
    if (core.length >= 12) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

function redactAll(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A malformed profile is a bug in generated or hand-written code: it fails at start, naming the field. */
function checkProfile(profile: HttpProfile): void {
  const where = `HTTP profile "${profile.name}"`;
  if (!profile.name) throw new ConfigurationError('An HTTP profile needs a name (e.g. "github").');
  if (!profile.baseUrl?.env) throw new ConfigurationError(`${where}: baseUrl.env must name an environment variable (e.g. GITHUB_API_URL).`);
  const base = normalizeBaseUrl(profile.baseUrl.default ?? '');
  if ('error' in base) throw new ConfigurationError(`${where}: baseUrl.default "${profile.baseUrl.default}" ${base.error}.`);
  const auth = profile.auth;
  if (auth) {
    if (!auth.env) throw new ConfigurationError(`${where}: auth.env must name the environment variable that holds the token.`);
    if (!['bearer', 'basic', 'header'].includes(auth.scheme)) throw new ConfigurationError(`${where}: auth.scheme must be bearer, basic or header.`);
    if (auth.scheme === 'header' && !(auth.header && HEADER_NAME.test(auth.header))) {
      throw new ConfigurationError(`${where}: auth.scheme "header" needs auth.header, the header name (e.g. "X-API-Key").`);
    }
  }
  for (const [name, value] of Object.entries(profile.headers ?? {})) {
    if (!HEADER_NAME.test(name)) throw new ConfigurationError(`${where}: "${name}" is not a valid header name.`);
    if (typeof value !== 'string' || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
      throw new ConfigurationError(`${where}: header "${name}" must be a string on one line.`);
    }
  }
  if (profile.timeoutMs !== undefined && !(Number.isFinite(profile.timeoutMs) && profile.timeoutMs > 0)) {
    throw new ConfigurationError(`${where}: timeoutMs must be a positive number of milliseconds, got ${profile.timeoutMs}.`);
  }
  if (profile.retries !== undefined && !(Number.isInteger(profile.retries) && profile.retries >= 0 && profile.retries <= MAX_RETRIES)) {
    throw new ConfigurationError(`${where}: retries must be a whole number from 0 to ${MAX_RETRIES}, got ${profile.retries}.`);
  }
  const pace = profile.rateLimit;
  if (pace && !(Number.isFinite(pace.requests) && pace.requests > 0 && Number.isFinite(pace.perSeconds) && pace.perSeconds > 0)) {
    throw new ConfigurationError(`${where}: rateLimit needs positive requests and perSeconds, got ${JSON.stringify(pace)}.`);
  }
  if (profile.writeIntervalMs !== undefined && !(Number.isFinite(profile.writeIntervalMs) && profile.writeIntervalMs >= 0)) {
    throw new ConfigurationError(`${where}: writeIntervalMs must be a number of milliseconds (0 or more), got ${profile.writeIntervalMs}.`);
  }
}
