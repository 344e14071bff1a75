/**
 * Prometheus metrics: every call counted by tool and outcome, error results
 * by code, latency per tool; one registry per server so two never mix.
 */

import { connectTestClient, createServerFactory, defineServer, defineTool, NotFoundError, type TestClient } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs } from './support.js';

const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const lookup = defineTool({
  name: 'lookup',
  description: 'Look a key up.',
  input: z.object({ key: z.string() }),
  handler: ({ key }) => {
    if (key === 'missing') throw new NotFoundError('No such key.');
    if (key === 'crash') throw new Error('boom');
    return key;
  },
});

function factoryFor(name: string) {
  return createServerFactory(defineServer({ name, version: '1.2.3', tools: [lookup] }), { logger: captureLogs().logger });
}

describe('metrics', () => {
  it('are not recorded with metrics: false (serve() on stdio, which has no /metrics endpoint); calls still work', async () => {
    const factory = createServerFactory(defineServer({ name: 'quiet', version: '1.2.3', tools: [lookup] }), { logger: captureLogs().logger, metrics: false });
    const client = await connectTestClient(factory);
    clients.push(client);
    expect((await client.callTool({ name: 'lookup', arguments: { key: 'a' } })).isError).toBeFalsy();
    const text = await factory.metrics.render();
    expect(text).not.toMatch(/^toolwright_tool_calls_total\{/m);
    expect(text).not.toMatch(/^toolwright_tool_call_duration_seconds_count\{/m);
  });

  it('count calls by outcome, errors by code, and time each tool', async () => {
    const factory = factoryFor('metrics');
    const client = await connectTestClient(factory);
    clients.push(client);
    for (const key of ['a', 'b', 'missing', 'crash']) await client.callTool({ name: 'lookup', arguments: { key } });
    await client.callTool({ name: 'lookup', arguments: { key: 1 } });
    const text = await factory.metrics.render();
    const labels = 'server="metrics",version="1.2.3"';
    expect(text).toContain(`toolwright_tool_calls_total{tool="lookup",outcome="ok",${labels}} 2`);
    expect(text).toContain(`toolwright_tool_calls_total{tool="lookup",outcome="error",${labels}} 1`);
    expect(text).toContain(`toolwright_tool_calls_total{tool="lookup",outcome="crash",${labels}} 1`);
    expect(text).toContain(`toolwright_tool_calls_total{tool="lookup",outcome="invalid",${labels}} 1`);
    expect(text).toContain(`toolwright_tool_errors_total{tool="lookup",code="not_found",${labels}} 1`);
    expect(text).toContain(`toolwright_tool_errors_total{tool="lookup",code="internal_error",${labels}} 1`);
    expect(text).toContain(`toolwright_tool_errors_total{tool="lookup",code="invalid_arguments",${labels}} 1`);
    expect(text).toContain(`toolwright_tool_call_duration_seconds_count{${labels},tool="lookup"} 5`);
    expect(factory.metrics.contentType).toMatch(/^text\/plain/);
  });

  it('keep two servers in one process apart', async () => {
    const one = factoryFor('one');
    const two = factoryFor('two');
    const client = await connectTestClient(one);
    clients.push(client);
    await client.callTool({ name: 'lookup', arguments: { key: 'a' } });
    expect(await one.metrics.render()).toContain('outcome="ok",server="one"');
    expect(await two.metrics.render()).not.toContain('outcome="ok"');
  });
});
