/**
 * Calls that do not finish by themselves: the per-call time limit, client
 * cancellation, disconnects and server shutdown. In every case the handler's
 * `ctx.signal` aborts so it can stop its own work.
 */

import {
  connectTestClient,
  createServerFactory,
  DEFAULT_TOOL_TIMEOUT_MS,
  defineServer,
  defineTool,
  type ServerDefaults,
  type ServerFactoryOptions,
  type TestClient,
  TimeoutError,
} from '@toolwright/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { captureLogs, deferred, errorMeta, firstText } from './support.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** A tool that never finishes and reports the signal it was given. */
function hangingTool(timeoutMs?: number) {
  const started = deferred<AbortSignal>();
  const tool = defineTool({
    name: 'hang',
    description: 'Never finishes.',
    input: z.object({}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    handler: (_args, ctx) => {
      started.resolve(ctx.signal);
      return new Promise<never>(() => {});
    },
  });
  return { tool, started: started.promise };
}

describe('per-call time limit', () => {
  it('ends a call that never resolves with a timeout error and aborts its signal', async () => {
    const { tool, started } = hangingTool(100);
    client = await connectTestClient(defineServer({ name: 'timeouts', version: '1.0.0', tools: [tool] }));
    const result = await client.callTool({ name: 'hang', arguments: {} });
    expect(result.isError).toBe(true);
    expect(errorMeta(result)).toEqual({ code: 'timeout', timeoutMs: 100 });
    expect(firstText(result)).toContain('did not finish within 100 ms');
    const signal = await started;
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(TimeoutError);
  });

  it('ignores a result that arrives after the time limit', async () => {
    const late = deferred<string>();
    const tool = defineTool({ name: 'late', description: 'Answers late.', input: z.object({}), timeoutMs: 50, handler: () => late.promise });
    client = await connectTestClient(defineServer({ name: 'timeouts', version: '1.0.0', tools: [tool] }));
    const result = await client.callTool({ name: 'late', arguments: {} });
    late.resolve('too late');
    expect(errorMeta(result)?.code).toBe('timeout');
    expect(JSON.stringify(result)).not.toContain('too late');
  });

  it.each<[string, { defaults?: ServerDefaults; options?: ServerFactoryOptions; tool?: number }, number]>([
    ['the server definition’s default', { defaults: { timeoutMs: 60 } }, 60],
    ['the factory option', { defaults: { timeoutMs: 60_000 }, options: { toolTimeoutMs: 70 } }, 70],
    ['TOOLWRIGHT_TOOL_TIMEOUT_MS', { defaults: { timeoutMs: 60_000 }, options: { env: { TOOLWRIGHT_TOOL_TIMEOUT_MS: '80' } } }, 80],
    ['the tool’s own limit over every default', { defaults: { timeoutMs: 60_000 }, options: { toolTimeoutMs: 60_000 }, tool: 90 }, 90],
  ])('comes from %s', async (_source, { defaults, options, tool: toolTimeout }, expected) => {
    const { tool } = hangingTool(toolTimeout);
    client = await connectTestClient(defineServer({ name: 'timeouts', version: '1.0.0', tools: [tool], ...(defaults ? { defaults } : {}) }), options);
    const result = await client.callTool({ name: 'hang', arguments: {} });
    expect(errorMeta(result)).toEqual({ code: 'timeout', timeoutMs: expected });
  });

  it('defaults to 30 seconds', () => {
    expect(DEFAULT_TOOL_TIMEOUT_MS).toBe(30_000);
  });
});

describe('client cancellation', () => {
  it('aborts the handler’s signal when the client aborts the request', async () => {
    const logs = captureLogs();
    const { tool, started } = hangingTool();
    client = await connectTestClient(defineServer({ name: 'timeouts', version: '1.0.0', tools: [tool] }), { logger: logs.logger });
    const controller = new AbortController();
    const call = client.callTool({ name: 'hang', arguments: {} }, undefined, { signal: controller.signal });
    const signal = await started;
    const observed = new Promise<boolean>((resolve) => signal.addEventListener('abort', () => resolve(true), { once: true }));
    controller.abort('user pressed stop');
    await expect(call).rejects.toThrow();
    expect(await observed).toBe(true);
    expect(signal.aborted).toBe(true);
    await vi.waitFor(() =>
      expect(logs.withMessage('tool call')).toEqual([expect.objectContaining({ tool: 'hang', outcome: 'cancelled', errorCode: 'cancelled' })]),
    );
  });

  it('aborts in-flight handlers when the client disconnects', async () => {
    const { tool, started } = hangingTool();
    const c = await connectTestClient(defineServer({ name: 'timeouts', version: '1.0.0', tools: [tool] }));
    const call = c.callTool({ name: 'hang', arguments: {} });
    call.catch(() => {}); // rejected by the close below
    const signal = await started;
    await c.close();
    await expect(call).rejects.toThrow(/Connection closed/);
    expect(signal.aborted).toBe(true);
  });
});

describe('shutdown', () => {
  it('abortAll() stops in-flight calls with a retry-later message', async () => {
    const { tool, started } = hangingTool();
    const factory = createServerFactory(defineServer({ name: 'timeouts', version: '1.0.0', tools: [tool] }), { logger: captureLogs().logger });
    client = await connectTestClient(factory);
    const call = client.callTool({ name: 'hang', arguments: {} });
    const signal = await started;
    factory.abortAll();
    const result = await call;
    expect(signal.aborted).toBe(true);
    expect(errorMeta(result)?.code).toBe('cancelled');
    expect(firstText(result)).toContain('shutting down');
  });

  it('abortAll() leaves later calls working', async () => {
    const ok = defineTool({ name: 'ok', description: 'Works.', input: z.object({}), handler: (_args, ctx) => (ctx.signal.aborted ? 'aborted' : 'fine') });
    const factory = createServerFactory(defineServer({ name: 'timeouts', version: '1.0.0', tools: [ok] }), { logger: captureLogs().logger });
    client = await connectTestClient(factory);
    factory.abortAll();
    expect(firstText(await client.callTool({ name: 'ok', arguments: {} }))).toBe('fine');
  });
});
