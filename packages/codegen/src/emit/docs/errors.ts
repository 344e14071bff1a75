/**
 * The errors a tool can return, as the runtime raises them: every error
 * result carries a stable code in `_meta["toolwright/error"].code` (the
 * runtime's `ToolErrorCode`), and for an HTTP tool each upstream status maps
 * to one code (the runtime's `errorForStatus`). Written from the IR, so the
 * page of an HTTP tool names its own token variable and retry rules.
 */
import type { IrHttpProfile, IrServer, IrTool } from '../../ir/types.js';
import { code, count } from './markdown.js';

export interface ErrorRow {
  /** The stable code, e.g. `not_found`. */
  code: string;
  /** When it happens (Markdown). */
  when: string;
}

/** Methods the runtime retries on 429/5xx and network errors (see `isIdempotent` in the runtime). */
const IDEMPOTENT = new Set(['get', 'head', 'put', 'delete', 'options', 'trace']);
/** The runtime's default per-call limit (TOOLWRIGHT_TOOL_TIMEOUT_MS) and an upstream request's (a profile's timeoutMs). */
const DEFAULT_CALL_TIMEOUT_MS = 30_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 2;

export function errorRows(tool: IrTool, server: IrServer): ErrorRow[] {
  const rows: ErrorRow[] = [
    { code: 'invalid_arguments', when: 'The arguments do not match the input schema; the message names each wrong argument and what it must be.' },
  ];
  const binding = tool.binding;
  if (binding.kind === 'http')
    rows.push(
      ...httpRows(
        tool,
        server.profiles?.find((p) => p.name === binding.profile),
      ),
    );
  else {
    rows.push(
      { code: 'not_found', when: `The function threw ${code('NotFoundError')}: what the arguments point at does not exist.` },
      { code: 'permission_denied', when: `The function threw ${code('PermissionError')}.` },
      { code: 'unauthenticated', when: `The function threw ${code('AuthenticationError')}: credentials are missing or were rejected.` },
      { code: 'rate_limited', when: `The function threw ${code('RateLimitedError')}; ${code('retryAfterSeconds')} in the error's data says when to retry.` },
      { code: 'upstream_error', when: `The function threw ${code('UpstreamError')}: a service it calls failed.` },
      { code: 'conflict', when: `The function threw a ${code('ToolError')} with code ${code('conflict')}.` },
    );
    if (binding.context) rows.push({ code: 'unsupported', when: 'The tool asks the client for sampling or elicitation, and the client does not offer it.' });
  }
  rows.push(
    {
      code: 'timeout',
      when: `The call ran past its time limit (${code('TOOLWRIGHT_TOOL_TIMEOUT_MS')}, default ${count(DEFAULT_CALL_TIMEOUT_MS / 1000)} s) and was abandoned.`,
    },
    { code: 'cancelled', when: 'The client cancelled the call.' },
    {
      code: 'internal_error',
      when:
        binding.kind === 'function' && tool.output
          ? 'An unexpected failure, or a result that does not match the output schema: the message carries a reference id; the details are only in the server log.'
          : 'An unexpected failure: the message carries a reference id; the details are only in the server log.',
    },
  );
  return grouped(rows);
}

function httpRows(tool: IrTool, profile: IrHttpProfile | undefined): ErrorRow[] {
  const api = profile?.name ?? 'the API';
  const auth = profile?.auth;
  const method = tool.binding.kind === 'http' ? tool.binding.method : 'get';
  const retries = profile?.retries ?? DEFAULT_RETRIES;
  const idempotent = IDEMPOTENT.has(method);
  const retried = idempotent && retries > 0 ? ` (${method.toUpperCase()} is retried first, up to ${retries} time${retries === 1 ? '' : 's'})` : '';
  const rows: ErrorRow[] = [{ code: 'invalid_arguments', when: `${api} answered 400 or 422: it refused the arguments; its message is quoted.` }];
  if (auth) {
    rows.push({
      code: 'unauthenticated',
      when: `${code(auth.env)} is not set, or ${api} answered 401: the token was not accepted.`,
    });
  } else rows.push({ code: 'unauthenticated', when: `${api} answered 401: it needs credentials for this operation.` });
  rows.push(
    {
      code: 'permission_denied',
      when: `${api} answered 403: the ${auth ? `token in ${code(auth.env)}` : 'caller'} may not do this (the scopes it needs are quoted when ${api} says).`,
    },
    { code: 'not_found', when: `${api} answered 404 or 410${auth ? ` (also for a private resource the token cannot see)` : ''}.` },
    { code: 'conflict', when: `${api} answered 409: the resource is in a conflicting state or changed meanwhile.` },
    {
      code: 'rate_limited',
      when: `${api} answered 429, or 403 as a rate limit${profile?.rateLimit ? `, or this server's own pacing (${count(profile.rateLimit.requests)} requests per ${count(profile.rateLimit.perSeconds)} s) is spent` : ''}; ${code('retryAfterSeconds')} says when to retry.`,
    },
    {
      code: 'upstream_error',
      when: `${api} answered 5xx${retried}, another error status, a body over 8 MB, a bad redirect, or could not be reached.`,
    },
    {
      code: 'timeout',
      when: `${api} did not answer within ${count((profile?.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) / 1000)} s.`,
    },
  );
  return rows;
}

/** Rows of one code together, codes in the order they first appear. */
function grouped(rows: ErrorRow[]): ErrorRow[] {
  const order = [...new Set(rows.map((row) => row.code))];
  return order.flatMap((c) => rows.filter((row) => row.code === c));
}
