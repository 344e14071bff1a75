/**
 * What a handler sends the client while it runs: `notifications/progress`
 * when the client asked for progress, and `notifications/message` log
 * messages filtered by the level the client set with `logging/setLevel`.
 */

import { LoggingMessageNotificationSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { connectTestClient, createServerFactory, defineServer, defineTool, type LoggingLevel, type TestClient } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, firstText } from './support.js';

const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const download = defineTool({
  name: 'download',
  description: 'Download three parts.',
  input: z.object({}),
  handler: async (_args, ctx) => {
    await ctx.reportProgress(1, 3, 'part 1');
    await ctx.reportProgress(2, 3);
    await ctx.reportProgress(3);
    return 'downloaded';
  },
});

const chatty = defineTool({
  name: 'chatty',
  description: 'Logs at every level.',
  input: z.object({}),
  handler: async (_args, ctx) => {
    for (const level of ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const) {
      await ctx.log(level, { level, detail: `${level} happened` });
    }
    return 'logged';
  },
});

const definition = defineServer({ name: 'progress', version: '1.0.0', tools: [download, chatty] });

async function connect(def = definition): Promise<TestClient> {
  const client = await connectTestClient(def);
  clients.push(client);
  return client;
}

/** Collects the log notifications a client receives. */
function collectLogMessages(client: TestClient): { level: LoggingLevel; logger?: string; data: unknown }[] {
  const received: { level: LoggingLevel; logger?: string; data: unknown }[] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    received.push(notification.params);
  });
  return received;
}

describe('progress', () => {
  it('reaches the client’s onprogress when the call carries a progress token', async () => {
    const client = await connect();
    const updates: Progress[] = [];
    const result = await client.callTool({ name: 'download', arguments: {} }, undefined, { onprogress: (p) => updates.push(p) });
    expect(firstText(result)).toBe('downloaded');
    expect(updates).toEqual([{ progress: 1, total: 3, message: 'part 1' }, { progress: 2, total: 3 }, { progress: 3 }]);
  });

  it('is skipped quietly when the client did not ask for it', async () => {
    const client = await connect();
    const errors: Error[] = [];
    client.onerror = (error) => errors.push(error);
    const result = await client.callTool({ name: 'download', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(firstText(result)).toBe('downloaded');
    expect(errors).toEqual([]);
  });
});

describe('log messages to the client', () => {
  it('are all sent, tagged with the tool name, before the client sets a level', async () => {
    const client = await connect();
    const received = collectLogMessages(client);
    await client.callTool({ name: 'chatty', arguments: {} });
    expect(received.map((m) => m.level)).toEqual(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']);
    expect(received[1]).toEqual({ level: 'info', logger: 'chatty', data: { level: 'info', detail: 'info happened' } });
  });

  it.each<[LoggingLevel, LoggingLevel[]]>([
    ['warning', ['warning', 'error', 'critical', 'alert', 'emergency']],
    ['error', ['error', 'critical', 'alert', 'emergency']],
    ['emergency', ['emergency']],
    ['debug', ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']],
  ])('respect logging/setLevel %s', async (level, expected) => {
    const client = await connect();
    const received = collectLogMessages(client);
    await client.setLoggingLevel(level);
    await client.callTool({ name: 'chatty', arguments: {} });
    expect(received.map((m) => m.level)).toEqual(expected);
  });

  it('keep each session’s level to itself', async () => {
    const factory = createServerFactory(definition, { logger: captureLogs().logger });
    const quiet = await connectTestClient(factory);
    const loud = await connectTestClient(factory);
    clients.push(quiet, loud);
    const quietReceived = collectLogMessages(quiet);
    const loudReceived = collectLogMessages(loud);
    await quiet.setLoggingLevel('emergency');
    await Promise.all([quiet.callTool({ name: 'chatty', arguments: {} }), loud.callTool({ name: 'chatty', arguments: {} })]);
    expect(quietReceived.map((m) => m.level)).toEqual(['emergency']);
    expect(loudReceived).toHaveLength(8);
  });
});
