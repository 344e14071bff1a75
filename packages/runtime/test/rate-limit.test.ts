/**
 * Rate limits: a token bucket per tool, shared by every session of a server.
 * Over the limit, the model gets a rate_limited error saying when to retry,
 * and the handler does not run.
 */

import { connectTestClient, createServerFactory, defineServer, defineTool, type TestClient, TokenBucket } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, errorMeta, firstText } from './support.js';

const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function countingTool(name: string, rateLimit?: { perSecond: number; burst?: number }) {
  const state = { runs: 0 };
  const tool = defineTool({
    name,
    description: 'Counts its runs.',
    input: z.object({}),
    ...(rateLimit ? { rateLimit } : {}),
    handler: () => ++state.runs,
  });
  return { tool, state };
}

async function callTimes(client: TestClient, name: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await client.callTool({ name, arguments: {} }));
  return results;
}

describe('tool rate limit', () => {
  it('answers rate_limited with retryAfterSeconds once the burst is spent, without running the handler', async () => {
    // one token every 100 s: nothing refills while the test runs
    const { tool, state } = countingTool('limited', { perSecond: 0.01, burst: 2 });
    const client = await connectTestClient(defineServer({ name: 'rate', version: '1.0.0', tools: [tool] }));
    clients.push(client);
    const [first, second, third] = await callTimes(client, 'limited', 3);
    expect([first, second].map((r) => r && firstText(r))).toEqual(['1', '2']);
    expect(third?.isError).toBe(true);
    const meta = errorMeta(third!);
    expect(meta?.code).toBe('rate_limited');
    expect(meta?.retryAfterSeconds).toBeGreaterThan(0);
    expect(meta?.retryAfterSeconds).toBeLessThanOrEqual(100);
    expect(firstText(third!)).toMatch(/rate limited\. Retry after \d+ s\./);
    expect(state.runs).toBe(2);
  });

  it('is shared by every session of one server', async () => {
    const { tool } = countingTool('shared', { perSecond: 0.01, burst: 2 });
    const factory = createServerFactory(defineServer({ name: 'rate', version: '1.0.0', tools: [tool] }), { logger: captureLogs().logger });
    const a = await connectTestClient(factory);
    const b = await connectTestClient(factory);
    clients.push(a, b);
    await callTimes(a, 'shared', 2);
    const [fromB] = await callTimes(b, 'shared', 1);
    expect(errorMeta(fromB!)?.code).toBe('rate_limited');
  });

  it('applies the server default to tools without their own limit, and a tool’s own limit over it', async () => {
    const { tool: plain } = countingTool('plain');
    const { tool: generous } = countingTool('generous', { perSecond: 0.01, burst: 5 });
    const client = await connectTestClient(
      defineServer({ name: 'rate', version: '1.0.0', tools: [plain, generous], defaults: { rateLimit: { perSecond: 0.01, burst: 1 } } }),
    );
    clients.push(client);
    const plainResults = await callTimes(client, 'plain', 2);
    const generousResults = await callTimes(client, 'generous', 5);
    expect(plainResults.map((r) => errorMeta(r)?.code)).toEqual([undefined, 'rate_limited']);
    expect(generousResults.every((r) => !r.isError)).toBe(true);
  });

  it('gives each tool its own bucket', async () => {
    const { tool: one } = countingTool('one', { perSecond: 0.01, burst: 1 });
    const { tool: two } = countingTool('two', { perSecond: 0.01, burst: 1 });
    const client = await connectTestClient(defineServer({ name: 'rate', version: '1.0.0', tools: [one, two] }));
    clients.push(client);
    await callTimes(client, 'one', 1);
    const [fromTwo] = await callTimes(client, 'two', 1);
    expect(fromTwo?.isError).toBeFalsy();
  });

  it('is recorded in the call log and metrics as rate_limited', async () => {
    const logs = captureLogs();
    const { tool } = countingTool('limited', { perSecond: 0.01, burst: 1 });
    const factory = createServerFactory(defineServer({ name: 'rate', version: '1.0.0', tools: [tool] }), { logger: logs.logger });
    const client = await connectTestClient(factory);
    clients.push(client);
    await callTimes(client, 'limited', 2);
    expect(logs.withMessage('tool call').map((line) => line.outcome)).toEqual(['ok', 'rate_limited']);
    expect(await factory.metrics.render()).toMatch(/toolwright_tool_calls_total\{tool="limited",outcome="rate_limited",server="rate",version="1.0.0"\} 1/);
  });
});

describe('TokenBucket', () => {
  function clock() {
    let now = 0;
    return {
      now: () => now,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('allows the burst, then says how long until the next token', () => {
    const time = clock();
    const bucket = new TokenBucket({ perSecond: 2, burst: 3 }, time.now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(500);
    time.advance(200);
    expect(bucket.take()).toBe(300);
  });

  it('refills at perSecond, up to the burst', () => {
    const time = clock();
    const bucket = new TokenBucket({ perSecond: 10, burst: 2 }, time.now);
    bucket.take();
    bucket.take();
    time.advance(100);
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBeGreaterThan(0);
    time.advance(60_000);
    expect([bucket.take(), bucket.take()]).toEqual([0, 0]);
    expect(bucket.take()).toBeGreaterThan(0);
  });

  it('defaults the burst to perSecond rounded up, and at least 1', () => {
    const time = clock();
    const five = new TokenBucket({ perSecond: 4.5 }, time.now);
    expect(Array.from({ length: 6 }, () => five.take()).filter((wait) => wait === 0)).toHaveLength(5);
    const slow = new TokenBucket({ perSecond: 0.1 }, time.now);
    expect([slow.take(), slow.take()]).toEqual([0, 10_000]);
  });

  it.each([0, -1, Number.NaN])('rejects perSecond %s', (perSecond) => {
    expect(() => new TokenBucket({ perSecond })).toThrow(/perSecond must be > 0/);
  });
});
