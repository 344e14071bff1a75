/**
 * When the upstream fails: error statuses turned into actionable ToolErrors
 * (GitHub and Notion bodies), retries with backoff for idempotent requests,
 * honoured Retry-After and rate-limit headers, per-attempt time limits,
 * cancellation, client-side pacing, and profiles rejected at start.
 */

import {
  ConfigurationError,
  createHttpApi,
  type HttpOperation,
  type HttpProfile,
  isToolError,
  type MockReply,
  type MockUpstream,
  startMockUpstream,
  type ToolError,
} from '@toolwright/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from './support.js';

const TOKEN = 'ghp_errorsTESTtoken000111222333';

const github: HttpProfile = {
  name: 'github',
  baseUrl: { env: 'GITHUB_API_URL', default: 'https://api.github.com' },
  auth: { env: 'GITHUB_TOKEN', scheme: 'bearer' },
  headers: {},
};
const notion: HttpProfile = {
  ...github,
  name: 'notion',
  baseUrl: { env: 'NOTION_API_URL', default: 'https://api.notion.com' },
  auth: { env: 'NOTION_TOKEN', scheme: 'bearer' },
};

const getRepo: HttpOperation = {
  method: 'get',
  path: '/repos/{owner}/{repo}',
  parameters: [
    { arg: 'owner', name: 'owner', in: 'path', required: true },
    { arg: 'repo', name: 'repo', in: 'path', required: true },
  ],
};
const createIssue: HttpOperation = {
  ...getRepo,
  method: 'post',
  path: '/repos/{owner}/{repo}/issues',
  body: { contentType: 'application/json', required: true, fields: [{ arg: 'title', name: 'title' }] },
};
const args = { owner: 'o', repo: 'r', title: 'T' };

let upstream: MockUpstream;
beforeEach(async () => {
  upstream = await startMockUpstream();
});
afterEach(() => upstream.close());

function api(profile: Partial<HttpProfile> = {}, base: HttpProfile = github) {
  return createHttpApi(
    { ...base, ...profile },
    { env: { GITHUB_API_URL: upstream.url, GITHUB_TOKEN: TOKEN, NOTION_API_URL: upstream.url, NOTION_TOKEN: TOKEN } },
  );
}

function context(signal: AbortSignal = new AbortController().signal, logs = captureLogs()) {
  return { signal, logger: logs.logger };
}

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isToolError(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

describe('error statuses', () => {
  it.each<[string, MockReply, string, RegExp, Record<string, unknown>]>([
    [
      'GitHub 422 with errors[]',
      {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            { resource: 'Issue', code: 'missing_field', field: 'title' },
            { resource: 'Label', code: 'invalid', field: 'name', message: 'name is too long' },
          ],
          documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
        },
      },
      'invalid_arguments',
      /^github answered 422 Unprocessable Entity to POST \/repos\/o\/r\/issues: Validation Failed; title: missing_field; name: invalid: name is too long \(see https:\/\/docs\.github\.com\/rest\/issues\/issues#create-an-issue\)\. Fix the arguments and call again\.$/,
      { status: 422 },
    ],
    [
      'GitHub 400',
      { status: 400, body: { message: 'Problems parsing JSON' } },
      'invalid_arguments',
      /: Problems parsing JSON\. Fix the arguments/,
      { status: 400 },
    ],
    [
      'GitHub 401',
      { status: 401, body: { message: 'Bad credentials' } },
      'unauthenticated',
      /: Bad credentials\. The token in GITHUB_TOKEN was not accepted: check that it is valid and not expired/,
      { status: 401 },
    ],
    [
      'GitHub 403 with the permissions it needs',
      {
        status: 403,
        headers: { 'x-accepted-github-permissions': 'issues=write', 'x-oauth-scopes': 'read:user' },
        body: { message: 'Resource not accessible by personal access token' },
      },
      'permission_denied',
      /: Resource not accessible by personal access token\. The token in GITHUB_TOKEN is not allowed to do this; it needs issues=write \(it has: read:user\)\./,
      { status: 403 },
    ],
    [
      'GitHub 403 secondary rate limit without headers',
      { status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } },
      'rate_limited',
      /secondary rate limit.*Rate limited by github: retry after 60 s\./,
      { retryAfterSeconds: 60, status: 403 },
    ],
    [
      'GitHub 404',
      { status: 404, body: { message: 'Not Found' } },
      'not_found',
      /: Not Found\. Check the names and ids.*token in GITHUB_TOKEN cannot see also answers 404/,
      { status: 404 },
    ],
    [
      'GitHub 409',
      { status: 409, body: { message: 'Git Repository is empty.' } },
      'conflict',
      /: Git Repository is empty\. The resource is in a conflicting state/,
      { status: 409 },
    ],
    [
      'an HTML 500 page',
      { status: 500, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>Oops</body></html>' },
      'upstream_error',
      /^github answered 500 Internal Server Error to POST \/repos\/o\/r\/issues\. github failed on its side; try again later\.$/,
      { status: 500 },
    ],
    ['a 405', { status: 405, body: 'Method Not Allowed' }, 'upstream_error', /: Method Not Allowed\. The request was not accepted/, { status: 405 }],
    [
      'an RFC 9457 problem',
      { status: 400, headers: { 'content-type': 'application/problem+json' }, body: { title: 'Bad Request', detail: 'limit must be at most 100' } },
      'invalid_arguments',
      /: limit must be at most 100; Bad Request\./,
      { status: 400 },
    ],
  ])('%s', async (_name, reply, code, message, data) => {
    upstream.reply(reply);
    const error = await failure(api().call(createIssue, args, context()));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.data).toEqual(data);
    expect(upstream.requests).toHaveLength(1);
  });

  it.each<[string, MockReply, string, RegExp]>([
    [
      'Notion 400 validation_error',
      {
        status: 400,
        body: {
          object: 'error',
          status: 400,
          code: 'validation_error',
          message: 'body failed validation: body.parent should be defined, instead was `undefined`.',
        },
      },
      'invalid_arguments',
      /^notion answered 400 Bad Request to POST \/repos\/o\/r\/issues: body failed validation: body\.parent should be defined, instead was `undefined`\. Fix the arguments/,
    ],
    [
      'Notion 404 object_not_found',
      {
        status: 404,
        body: {
          object: 'error',
          status: 404,
          code: 'object_not_found',
          message: 'Could not find page with ID: 5983. Make sure the relevant pages and databases are shared with your integration.',
        },
      },
      'not_found',
      /Could not find page with ID: 5983\. Make sure the relevant pages and databases are shared with your integration\. Check the names and ids.*NOTION_TOKEN/,
    ],
    [
      'Notion 409 conflict_error',
      { status: 409, body: { object: 'error', status: 409, code: 'conflict_error', message: 'Conflict occurred while saving. Please try again.' } },
      'conflict',
      /Conflict occurred while saving\. Please try again\. The resource is in a conflicting state/,
    ],
  ])('%s', async (_name, reply, code, message) => {
    upstream.reply(reply);
    const error = await failure(api({}, notion).call(createIssue, args, context()));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.data?.upstreamCode).toBe((reply.body as { code: string }).code);
  });

  it('a 50 MB answer ends at the 8 MB cap with an error saying how to get less', async () => {
    const item = JSON.stringify({ id: 1, title: 'x'.repeat(200) });
    const body = Buffer.from(`[${Array.from({ length: Math.ceil((50 * 1024 * 1024) / (item.length + 1)) }, () => item).join(',')}]`);
    expect(body.length).toBeGreaterThan(50 * 1024 * 1024);
    upstream.reply({ body, headers: { 'content-type': 'application/json' } });
    const error = await failure(api().call(getRepo, args, context()));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toMatch(/^github answered GET \/repos\/o\/r with more than 8 MB, more than this tool returns\. Narrow the request/);
  });

  it('quotes only a bounded part of a huge error body', async () => {
    upstream.reply({
      status: 422,
      body: { message: 'x'.repeat(200_000), errors: Array.from({ length: 50 }, (_, i) => ({ field: `f${i}`, code: 'invalid' })) },
    });
    const error = await failure(api().call(createIssue, args, context()));
    expect(error.code).toBe('invalid_arguments');
    expect(error.message.length).toBeLessThan(1_200);
  });
});

describe('retries', () => {
  it('retries a GET after a 503 and answers the later success', async () => {
    upstream.reply({ status: 503, body: { message: 'Service Unavailable' } }, { body: { id: 1 } });
    const logs = captureLogs();
    const result = await api().call(getRepo, args, context(undefined, logs));
    expect(result.structuredContent).toEqual({ id: 1 });
    expect(upstream.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(logs.withMessage('upstream request').map((l) => [l.status, l.attempt])).toEqual([
      [503, 1],
      [200, 2],
    ]);
  });

  it.each([[502], [504]])('retries a GET after a %i', async (status) => {
    upstream.reply({ status }, { body: {} });
    await api().call(getRepo, args, context());
    expect(upstream.requests).toHaveLength(2);
  });

  it('waits as a 429 Retry-After says, then retries', async () => {
    upstream.reply({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } }, { body: { id: 2 } });
    const result = await api().call(getRepo, args, context());
    expect(result.structuredContent).toEqual({ id: 2 });
    expect(upstream.requests).toHaveLength(2);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    upstream.reply({ status: 503, headers: { 'retry-after': new Date(Date.now() - 5_000).toUTCString() } }, { body: {} });
    await api().call(getRepo, args, context());
    expect(upstream.requests).toHaveLength(2);
  });

  it('retries when x-ratelimit-remaining is 0 and the reset time has come', async () => {
    const reset = String(Math.floor(Date.now() / 1000) - 1);
    upstream.reply(
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded' } },
      { body: {} },
    );
    await api().call(getRepo, args, context());
    expect(upstream.requests).toHaveLength(2);
  });

  it('does not retry a POST after a 503', async () => {
    upstream.reply({ status: 503, body: { message: 'Service Unavailable' } });
    const error = await failure(api().call(createIssue, args, context()));
    expect(error.code).toBe('upstream_error');
    expect(error.data).toEqual({ status: 503 });
    expect(upstream.requests).toHaveLength(1);
  });

  it('retries a POST after a 429 that says when, and not after one that does not', async () => {
    upstream.reply({ status: 429, headers: { 'retry-after': '0' } }, { status: 201, body: { number: 1 } });
    await api().call(createIssue, args, context());
    expect(upstream.requests).toHaveLength(2);
    upstream.requests.length = 0;
    upstream.reply({ status: 429, body: { message: 'Too Many Requests' } });
    const error = await failure(api().call(createIssue, args, context()));
    expect(error.code).toBe('rate_limited');
    expect(upstream.requests).toHaveLength(1);
  });

  it('gives up after the configured retries and says how many attempts were made', async () => {
    upstream.reply({ status: 503 }, { status: 503 }, { status: 503 });
    const error = await failure(api().call(getRepo, args, context()));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toBe('github answered 503 Service Unavailable to GET /repos/o/r (after 3 attempts). github failed on its side; try again later.');
    expect(upstream.requests).toHaveLength(3);
  });

  it('honours retries: 0', async () => {
    upstream.reply({ status: 503 });
    await failure(api({ retries: 0 }).call(getRepo, args, context()));
    expect(upstream.requests).toHaveLength(1);
  });

  it('answers rate_limited with the wait instead of sleeping through a long Retry-After', async () => {
    upstream.reply({ status: 429, headers: { 'retry-after': '120' }, body: { message: 'Too Many Requests' } });
    const error = await failure(api().call(getRepo, args, context()));
    expect(error.code).toBe('rate_limited');
    expect(error.data).toEqual({ status: 429, retryAfterSeconds: 120 });
    expect(error.message).toMatch(/Rate limited by github: retry after 120 s\.$/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('answers rate_limited until GitHub’s x-ratelimit-reset when the quota is spent', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    upstream.reply({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    });
    const error = await failure(api().call(getRepo, args, context()));
    expect(error.code).toBe('rate_limited');
    expect(error.data?.retryAfterSeconds).toBeGreaterThan(3500);
    expect(error.data?.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(upstream.requests).toHaveLength(1);
  });

  it('passes on a long Retry-After of a 503', async () => {
    upstream.reply({ status: 503, headers: { 'retry-after': '3600' } });
    const error = await failure(api().call(getRepo, args, context()));
    expect(error.code).toBe('upstream_error');
    expect(error.data).toEqual({ status: 503, retryAfterSeconds: 3600 });
    expect(error.message).toMatch(/asked to retry after 3600 s\.$/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('retries a GET after a network error, then says it could not reach the API', async () => {
    const gone = await startMockUpstream();
    const url = gone.url;
    await gone.close();
    const logs = captureLogs();
    const client = createHttpApi({ ...github, retries: 1 }, { env: { GITHUB_API_URL: url, GITHUB_TOKEN: TOKEN } });
    const error = await failure(client.call(getRepo, args, context(undefined, logs)));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toMatch(/^Could not reach github at 127\.0\.0\.1:\d+ for GET \/repos\/o\/r: ECONNREFUSED \(after 2 attempts\)\. Check the network/);
    expect(logs.withMessage('upstream request').map((l) => l.failure)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
  });
});

describe('time limits and cancellation', () => {
  it('stops an attempt after the profile’s timeoutMs and does not retry it', async () => {
    upstream.reply({ delayMs: 10_000, body: {} });
    const error = await failure(api({ timeoutMs: 100 }).call(getRepo, args, context()));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('github did not answer GET /repos/o/r within 100 ms. Try again later, or narrow the request.');
    expect(error.data).toEqual({ timeoutMs: 100 });
    expect(upstream.requests).toHaveLength(1);
    await expect.poll(() => upstream.requests[0]!.aborted).toBe(true);
  });

  it('aborts the request when the call’s signal aborts', async () => {
    upstream.reply({ delayMs: 10_000, body: {} });
    const controller = new AbortController();
    const pending = failure(api().call(getRepo, args, context(controller.signal)));
    await expect.poll(() => upstream.requests.length).toBe(1);
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    await expect.poll(() => upstream.requests[0]!.aborted).toBe(true);
  });

  it('ends a wait between retries when the call is cancelled', async () => {
    upstream.reply({ status: 503, headers: { 'retry-after': '5' } });
    const controller = new AbortController();
    const pending = failure(api().call(getRepo, args, context(controller.signal)));
    await expect.poll(() => upstream.requests.length).toBe(1);
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    expect(upstream.requests).toHaveLength(1);
  });

  it('sends nothing for a call already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(api().call(getRepo, args, context(controller.signal)))).code).toBe('cancelled');
    expect(upstream.requests).toEqual([]);
  });

  it('ends with the server’s own reason when it stopped the call (its time limit)', async () => {
    upstream.reply({ delayMs: 10_000, body: {} });
    const controller = new AbortController();
    const pending = failure(api().call(getRepo, args, context(controller.signal)));
    await expect.poll(() => upstream.requests.length).toBe(1);
    const { TimeoutError } = await import('@toolwright/runtime');
    controller.abort(new TimeoutError('Tool "x" did not finish within 50 ms and was stopped.', 50));
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/^Tool "x" did not finish/);
  });
});

describe('client-side pacing', () => {
  it('answers rate_limited without sending when the budget is spent for long', async () => {
    const client = api({ rateLimit: { requests: 1, perSeconds: 100 } });
    await client.call(getRepo, args, context());
    const error = await failure(client.call(getRepo, args, context()));
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/^This server paces calls to github at 1 per 100 s, and that budget is spent\. Retry after \d+ s\.$/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('waits for the next token when it comes soon', async () => {
    const client = api({ rateLimit: { requests: 2, perSeconds: 0.2 } });
    await Promise.all([1, 2, 3].map(() => client.call(getRepo, args, context())));
    expect(upstream.requests).toHaveLength(3);
  });
});

describe('spacing of writes (profile.writeIntervalMs)', () => {
  it('sends concurrent writes one interval apart, in call order; reads are not held back', async () => {
    const client = api({ writeIntervalMs: 300 });
    const start = Date.now();
    const done: number[] = [];
    await Promise.all([1, 2, 3].map((i) => client.call(createIssue, { ...args, title: `T${i}` }, context()).then(() => done.push(Date.now() - start))));
    expect(upstream.requests.map((r) => JSON.parse(r.body).title)).toEqual(['T1', 'T2', 'T3']);
    // the third write cannot start before two intervals have passed
    expect(Math.max(...done)).toBeGreaterThanOrEqual(600);
    // a read goes out while writes wait their turn
    const spaced = api({ writeIntervalMs: 1_000 });
    const writes = Promise.all([1, 2].map(() => spaced.call(createIssue, args, context())));
    await spaced.call(getRepo, args, context());
    const sent = upstream.requests.slice(3).map((r) => r.method);
    expect(sent).toContain('GET');
    expect(sent.filter((m) => m === 'POST').length).toBeLessThanOrEqual(1);
    await writes;
  });

  it('answers rate_limited at once when the queue of writes is longer than a call may wait', async () => {
    const client = api({ writeIntervalMs: 6_000 });
    await client.call(createIssue, args, context());
    const second = client.call(createIssue, args, context());
    const error = await failure(client.call(createIssue, args, context()));
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/^This server spaces writes to github 6000 ms apart and 2 are queued\. Retry after 1[12] s\.$/);
    second.catch(() => {});
  });

  it('TOOLWRIGHT_UPSTREAM_PACING=false turns pacing and spacing off (a local test double)', async () => {
    const client = createHttpApi(
      { ...github, writeIntervalMs: 60_000, rateLimit: { requests: 1, perSeconds: 1000 } },
      { env: { GITHUB_API_URL: upstream.url, GITHUB_TOKEN: TOKEN, TOOLWRIGHT_UPSTREAM_PACING: 'false' } },
    );
    await Promise.all([1, 2, 3].map(() => client.call(createIssue, args, context())));
    expect(upstream.requests).toHaveLength(3);
  });
});

describe('profiles are checked at start', () => {
  it.each<[string, Partial<HttpProfile>, RegExp]>([
    ['a base URL that is not a URL', { baseUrl: { env: 'X_URL', default: 'api.github.com' } }, /baseUrl\.default "api\.github\.com" is not a URL/],
    ['a non-http base URL', { baseUrl: { env: 'X_URL', default: 'file:///etc' } }, /uses "file:"/],
    ['a header scheme without a header', { auth: { env: 'K', scheme: 'header' } }, /auth\.scheme "header" needs auth\.header/],
    ['a header value with a line break', { headers: { 'X-A': 'a\r\nb' } }, /header "X-A" must be a string on one line/],
    ['a zero timeout', { timeoutMs: 0 }, /timeoutMs must be a positive number/],
    ['negative retries', { retries: -1 }, /retries must be a whole number from 0 to 10/],
    ['an empty rate limit', { rateLimit: { requests: 0, perSeconds: 1 } }, /rateLimit needs positive requests and perSeconds/],
  ])('refuses %s', (_name, change, message) => {
    expect(() => createHttpApi({ ...github, ...change })).toThrow(ConfigurationError);
    expect(() => createHttpApi({ ...github, ...change })).toThrow(message);
  });
});
