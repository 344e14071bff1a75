/**
 * Fault injection for the generated API servers: an upstream that resets the
 * connection before answering or mid-body, stalls before or after its
 * headers, answers slowly, drips its body or speaks broken HTTP. Every call
 * must end with a clear tool error (what happened, to which operation, what to
 * do) within its time limit (TOOLWRIGHT_TOOL_TIMEOUT_MS), a write is never
 * retried blindly, and other calls and sessions keep working meanwhile.
 *
 * generated/github over Streamable HTTP (two SDK client sessions) and
 * generated/notion over stdio, both as `toolwright serve` processes.
 */
import { createHttpApi, createLogger } from '@toolwright/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, connectHttp, textOf } from './support/clients.js';
import { type Fault, type FaultUpstream, startFaultUpstream } from './support/fault-upstream.js';
import { cleanEnv, killAll, spawnCli } from './support/processes.js';
import { type Served, serveOverStdio } from './support/served.js';

const TOOL_TIMEOUT_MS = 5000;
// Client-side pacing (Notion's 3 requests a second) has tests of its own; here it would only stretch the timings.
const SETTINGS = { TOOLWRIGHT_TOOL_TIMEOUT_MS: String(TOOL_TIMEOUT_MS), TOOLWRIGHT_UPSTREAM_PACING: 'false' };
let upstream: FaultUpstream;

beforeAll(async () => {
  upstream = await startFaultUpstream();
});
afterAll(async () => {
  await closeClients();
  await killAll();
  await upstream.close();
});

type Result = Awaited<ReturnType<Awaited<ReturnType<typeof connectHttp>>['client']['callTool']>>;
const errorCode = (result: Result) => (result._meta?.['toolwright/error'] as { code?: string } | undefined)?.code;
const errorData = (result: Result) => result._meta?.['toolwright/error'] as Record<string, unknown> | undefined;
const requestsTo = (path: string, fault?: Fault) => upstream.requests.filter((r) => r.path === path && (fault === undefined || r.fault === fault));

/** Waits (bounded) until `condition` holds: for effects that land just after a call returns, such as the upstream seeing its request aborted. */
async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function expectTimeout(result: Result, tool: string): void {
  expect(result.isError, JSON.stringify(result)).toBe(true);
  expect(errorCode(result)).toBe('timeout');
  expect(errorData(result)).toMatchObject({ timeoutMs: TOOL_TIMEOUT_MS });
  expect(textOf(result)).toBe(`Tool "${tool}" did not finish within ${TOOL_TIMEOUT_MS} ms and was stopped. Try a narrower request, or try again later.`);
}

function expectUnreachable(result: Result, method: string, path: string, attempts: number, fault?: Fault): void {
  expect(result.isError, JSON.stringify(result)).toBe(true);
  expect(errorCode(result)).toBe('upstream_error');
  const text = textOf(result);
  expect(text).toMatch(new RegExp(`^Could not reach \\w+ at 127\\.0\\.0\\.1:\\d+ for ${method} ${path.replace(/[/.]/g, '\\$&')}: \\S`));
  expect(text).toContain(attempts > 1 ? `(after ${attempts} attempts)` : 'Check the network');
  expect(requestsTo(path, fault)).toHaveLength(attempts);
}

describe('generated/github over Streamable HTTP, two sessions', () => {
  let url: string;
  beforeAll(async () => {
    const proc = spawnCli(
      ['serve', 'github', '--transport', 'http', '--port', '0'],
      cleanEnv({ GITHUB_API_URL: upstream.url, GITHUB_TOKEN: 'ghp_faults_0123456789', ...SETTINGS }),
    );
    url = /listening on (\S+)/.exec(await proc.waitForStderr((line) => line.includes('listening on'), 30_000))![1]!;
  });

  it('ends every faulty call with a clear error in time, while the other session is served as usual', { timeout: 60_000 }, async () => {
    const { client: faulty } = await connectHttp(url);
    const { client: healthy } = await connectHttp(url);
    const get = (fault: Fault) => faulty.callTool({ name: 'repos_get', arguments: { owner: fault, repo: 'r' } });
    const post = (fault: Fault) => faulty.callTool({ name: 'issues_create', arguments: { owner: fault, repo: 'r', title: 'Bug' } });
    let stallsPending = 2;
    const stalled = (call: Promise<Result>) => call.finally(() => stallsPending--);
    const calls = {
      resetBeforeAnswer: get('reset-before-answer'),
      resetMidBody: get('reset-mid-body'),
      brokenHttp: get('broken-http'),
      stall: stalled(get('stall')),
      stallMidBody: stalled(get('stall-mid-body')),
      slow: get('slow'),
      drip: get('drip'),
      postResetMidBody: post('reset-mid-body'),
      postStall: post('stall'),
    };

    // the other session, meanwhile: every call answered, before the stalled ones give up
    for (let i = 0; i < 5; i++) {
      const result = await healthy.callTool({ name: 'repos_get', arguments: { owner: 'ok', repo: `r${i}` } });
      expect(result.isError, JSON.stringify(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ ok: true, path: `/repos/ok/r${i}` });
      expect(stallsPending).toBe(2);
    }

    const results = Object.fromEntries(await Promise.all(Object.entries(calls).map(async ([name, call]) => [name, await call] as const))) as Record<
      keyof typeof calls,
      Result
    >;
    // a GET that broke is retried (twice), then reported with the cause
    expectUnreachable(results.resetBeforeAnswer, 'GET', '/repos/reset-before-answer/r', 3);
    expectUnreachable(results.resetMidBody, 'GET', '/repos/reset-mid-body/r', 3);
    expectUnreachable(results.brokenHttp, 'GET', '/repos/broken-http/r', 3);
    // a POST that broke mid-answer is not retried, and the model is told it may have happened
    expectUnreachable(results.postResetMidBody, 'POST', '/repos/reset-mid-body/r/issues', 1);
    expect(textOf(results.postResetMidBody)).toContain('The request may have been applied before the connection broke: check before repeating it.');
    // stalls end at the call's time limit, and the upstream request is abandoned, not left open
    expectTimeout(results.stall, 'repos_get');
    expectTimeout(results.stallMidBody, 'repos_get');
    expectTimeout(results.postStall, 'issues_create');
    await eventually(
      () => ['/repos/stall/r', '/repos/stall-mid-body/r', '/repos/stall/r/issues'].every((p) => requestsTo(p)[0]?.aborted === true),
      'stalled requests aborted',
    );
    // slow answers within the limit are just answers
    expect(results.slow.structuredContent).toMatchObject({ ok: true, fault: 'slow' });
    expect(results.drip.structuredContent).toMatchObject({ ok: true, items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });

    // and the session that saw every fault still works
    const after = await faulty.callTool({ name: 'repos_get', arguments: { owner: 'ok', repo: 'after' } });
    expect(after.structuredContent).toMatchObject({ ok: true });
  });
});

describe('generated/notion over stdio, concurrent calls in one session', () => {
  let notion: Served;
  beforeAll(async () => {
    notion = await serveOverStdio('notion', {
      NOTION_API_URL: upstream.url,
      NOTION_TOKEN: 'ntn_faults_0123456789',
      ...SETTINGS,
    });
  });
  afterAll(() => notion.close());

  it('ends faulty calls with clear errors in time while the calls beside them succeed', { timeout: 60_000 }, async () => {
    const block = (id: string) => notion.client.callTool({ name: 'retrieve_a_block', arguments: { block_id: id } });
    const search = (query: string) => notion.client.callTool({ name: 'post_search', arguments: { query } });
    let stallPending = true;
    const stall = block('stall').finally(() => {
      stallPending = false;
    });
    const resetGet = block('reset-mid-body');
    const resetPost = search('reset-mid-body');
    const slow = search('slow');
    for (let i = 0; i < 5; i++) {
      const result = await block(`ok-${i}`);
      expect(result.structuredContent).toMatchObject({ ok: true, path: `/v1/blocks/ok-${i}` });
      expect(stallPending).toBe(true);
    }
    expectTimeout(await stall, 'retrieve_a_block');
    expectUnreachable(await resetGet, 'GET', '/v1/blocks/reset-mid-body', 3);
    expectUnreachable(await resetPost, 'POST', '/v1/search', 1, 'reset-mid-body');
    expect((await slow).structuredContent).toMatchObject({ ok: true, fault: 'slow' });
    await eventually(() => requestsTo('/v1/blocks/stall')[0]?.aborted === true, 'stalled request aborted');
    // nothing but protocol on stdout, no crash logged
    for (const line of notion.stdout().split('\n').filter(Boolean)) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(notion.stderr.join('')).not.toMatch(/"level":(50|60)|uncaught|unhandled/i);
  });
});

describe("an HTTP profile's own per-attempt time limit", () => {
  it('ends an attempt the upstream stalls with a timeout error naming the operation, without retrying it', async () => {
    const api = createHttpApi(
      { name: 'stalling', baseUrl: { env: 'STALLING_API_URL', default: 'https://example.invalid' }, headers: {}, timeoutMs: 300, retries: 2 },
      { env: { STALLING_API_URL: upstream.url } },
    );
    const context = { signal: new AbortController().signal, logger: createLogger({ level: 'silent' }) };
    const call = api.call(
      { method: 'get', path: '/profile/{fault}', parameters: [{ arg: 'fault', name: 'fault', in: 'path', required: true }] },
      { fault: 'stall' },
      context,
    );
    await expect(call).rejects.toMatchObject({
      code: 'timeout',
      timeoutMs: 300,
      message: 'stalling did not answer GET /profile/stall within 300 ms. Try again later, or narrow the request.',
    });
    expect(requestsTo('/profile/stall')).toHaveLength(1);
  });
});
