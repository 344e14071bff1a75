/**
 * A handler asking the client for something mid-call: a model completion
 * (`sampling/createMessage`) or user input (`elicitation/create`).
 */

import { CreateMessageRequestSchema, ElicitRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { connectTestClient, defineServer, defineTool, type TestClient } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, deferred, errorMeta, firstText } from './support.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const summarise = defineTool({
  name: 'summarise',
  description: 'Summarise a text with the client’s model.',
  input: z.object({ text: z.string() }),
  handler: async ({ text }, ctx) => {
    const reply = await ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: `Summarise: ${text}` } }], maxTokens: 50 });
    return reply.content.type === 'text' ? `${reply.model}: ${reply.content.text}` : 'no text';
  },
});

const confirmDelete = defineTool({
  name: 'confirm_delete',
  description: 'Delete a file after asking the user.',
  input: z.object({ path: z.string() }),
  annotations: { destructive: true },
  handler: async ({ path }, ctx) => {
    const answer = await ctx.elicit({
      mode: 'form',
      message: `Delete ${path}?`,
      requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] },
    });
    if (answer.action !== 'accept') return `Not deleted (${answer.action}).`;
    return answer.content?.confirm === true ? `Deleted ${path}.` : 'Not deleted.';
  },
});

const definition = defineServer({ name: 'asks', version: '1.0.0', tools: [summarise, confirmDelete] });

describe('sampling', () => {
  it('sends the handler’s request to the client’s model and returns its answer', async () => {
    client = await connectTestClient(definition, { capabilities: { sampling: {}, elicitation: {} } });
    const asked: unknown[] = [];
    client.setRequestHandler(CreateMessageRequestSchema, (request) => {
      asked.push(request.params);
      return { model: 'test-model', role: 'assistant', content: { type: 'text', text: 'Short.' } };
    });
    const result = await client.callTool({ name: 'summarise', arguments: { text: 'A long story.' } });
    expect(firstText(result)).toBe('test-model: Short.');
    expect(asked).toEqual([{ messages: [{ role: 'user', content: { type: 'text', text: 'Summarise: A long story.' } }], maxTokens: 50 }]);
  });

  it('is cancelled with the call when the call times out', async () => {
    const slow = defineTool({ ...summarise, name: 'slow_summary', timeoutMs: 100 });
    client = await connectTestClient(defineServer({ name: 'asks', version: '1.0.0', tools: [summarise, slow] }), { capabilities: { sampling: {} } });
    const requestSignal = deferred<AbortSignal>();
    let answer = true;
    client.setRequestHandler(CreateMessageRequestSchema, (_request, extra) => {
      if (answer) return { model: 'm', role: 'assistant', content: { type: 'text', text: 'ok' } };
      requestSignal.resolve(extra.signal);
      return new Promise<never>(() => {});
    });
    // SDK 1.32.2's Protocol ignores notifications/cancelled for request id 0
    // (typescript-sdk#2283), and the first server-to-client request gets id 0,
    // so spend that id on an answered request first.
    await client.callTool({ name: 'summarise', arguments: { text: 'x' } });
    answer = false;
    const result = await client.callTool({ name: 'slow_summary', arguments: { text: 'x' } });
    expect(errorMeta(result)?.code).toBe('timeout');
    const signal = await requestSignal.promise;
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
    expect(signal.aborted).toBe(true);
  });

  it('fails with a clear message when the client does not support it', async () => {
    const logs = captureLogs();
    client = await connectTestClient(definition, { logger: logs.logger });
    const result = await client.callTool({ name: 'summarise', arguments: { text: 'x' } });
    expect(result.isError).toBe(true);
    expect(errorMeta(result)?.code).toBe('unsupported');
    expect(firstText(result)).toMatch(/needs the client to support sampling .*this client does not/);
    expect(logs.withMessage('tool handler failed')).toEqual([]);
  });

  it('reports the client’s refusal to the model as the client’s error, not as a crash', async () => {
    const logs = captureLogs();
    client = await connectTestClient(definition, { logger: logs.logger, capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, () => {
      throw new McpError(-1, 'User rejected sampling request');
    });
    const result = await client.callTool({ name: 'summarise', arguments: { text: 'x' } });
    expect(errorMeta(result)?.code).toBe('upstream_error');
    expect(firstText(result)).toContain('User rejected sampling request');
    expect(logs.withMessage('tool handler failed')).toEqual([]);
  });
});

describe('elicitation', () => {
  it.each([
    ['accept', { action: 'accept', content: { confirm: true } }, 'Deleted /tmp/a.txt.'],
    ['decline', { action: 'decline' }, 'Not deleted (decline).'],
    ['cancel', { action: 'cancel' }, 'Not deleted (cancel).'],
  ] as const)('hands the user’s %s back to the handler', async (_action, answer, text) => {
    client = await connectTestClient(definition, { capabilities: { sampling: {}, elicitation: {} } });
    const asked: unknown[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return answer;
    });
    const result = await client.callTool({ name: 'confirm_delete', arguments: { path: '/tmp/a.txt' } });
    expect(firstText(result)).toBe(text);
    expect(asked).toEqual([expect.objectContaining({ message: 'Delete /tmp/a.txt?' })]);
  });

  it('fails with a clear message when the client does not support it', async () => {
    client = await connectTestClient(definition, { capabilities: { sampling: {} } });
    const result = await client.callTool({ name: 'confirm_delete', arguments: { path: '/tmp/a.txt' } });
    expect(result.isError).toBe(true);
    expect(errorMeta(result)?.code).toBe('unsupported');
    expect(firstText(result)).toMatch(/needs the client to support elicitation .*this client does not/);
  });
});
