/**
 * tools/list and tools/call on the happy path, through a real SDK client:
 * what a client sees of a tool and how handler return values become results.
 */

import { type AnyToolDefinition, connectTestClient, defineServer, defineTool, type TestClient, type ToolContext, toolResult } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstText } from './support.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function connect(...tools: AnyToolDefinition[]): Promise<TestClient> {
  client = await connectTestClient(defineServer({ name: 'tools-test', version: '1.0.0', tools }));
  return client;
}

describe('tools/list', () => {
  it('describes each tool with its JSON Schemas, title, annotations and _meta', async () => {
    const search = defineTool({
      name: 'issues.search',
      title: 'Search issues',
      description: 'Search issues by text. Use before opening one.',
      input: z.object({ query: z.string().describe('Free text'), limit: z.int().min(1).max(50).optional() }),
      output: z.object({ total: z.int(), titles: z.array(z.string()) }),
      annotations: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
      meta: { toolset: 'issues' },
      handler: () => ({ total: 0, titles: [] }),
    });
    const c = await connect(search);
    const { tools } = await c.listTools();
    expect(tools).toEqual([
      {
        name: 'issues.search',
        title: 'Search issues',
        description: 'Search issues by text. Use before opening one.',
        inputSchema: {
          type: 'object',
          properties: { query: { type: 'string', description: 'Free text' }, limit: { type: 'integer', minimum: 1, maximum: 50 } },
          required: ['query'],
        },
        outputSchema: {
          type: 'object',
          properties: { total: { type: 'integer' }, titles: { type: 'array', items: { type: 'string' } } },
          required: ['total', 'titles'],
          additionalProperties: false,
        },
        annotations: { title: 'Search issues', readOnlyHint: true },
        _meta: { toolset: 'issues' },
      },
    ]);
  });

  it('omits what a tool does not declare and drops zod’s implicit safe-integer bounds', async () => {
    const plain = defineTool({ name: 'plain', description: 'A plain tool.', input: z.object({ n: z.int() }), handler: () => 'ok' });
    const c = await connect(plain);
    const [tool] = (await c.listTools()).tools;
    expect(tool).toEqual({
      name: 'plain',
      description: 'A plain tool.',
      inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
    });
    expect(JSON.stringify(tool)).not.toContain('$schema');
  });

  it('uses precomputed JSON Schemas when a definition carries them', async () => {
    const inputJsonSchema = { type: 'object', properties: { q: { type: 'string', description: 'precomputed' } }, required: ['q'] };
    const tool = defineTool({ name: 'pre', description: 'Precomputed.', input: z.object({ q: z.string() }), inputJsonSchema, handler: () => 'ok' });
    const c = await connect(tool);
    expect((await c.listTools()).tools[0]?.inputSchema).toEqual(inputJsonSchema);
  });

  it('maps each annotation on its own', async () => {
    const del = defineTool({ name: 'del', description: 'Delete a thing.', input: z.object({}), annotations: { destructive: true }, handler: () => undefined });
    const c = await connect(del);
    expect((await c.listTools()).tools[0]?.annotations).toEqual({ destructiveHint: true });
  });
});

describe('tools/call results', () => {
  it('sends a structured result as structuredContent and as JSON text', async () => {
    const add = defineTool({
      name: 'add',
      description: 'Add two numbers.',
      input: z.object({ a: z.number(), b: z.number() }),
      output: z.object({ sum: z.number() }),
      handler: ({ a, b }) => ({ sum: a + b }),
    });
    const c = await connect(add);
    await c.listTools(); // lets the SDK client validate structuredContent against the outputSchema too
    const result = await c.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ sum: 5 });
    expect(JSON.parse(firstText(result))).toEqual({ sum: 5 });
  });

  it('sends only the fields the output schema declares', async () => {
    const user = defineTool({
      name: 'get_user',
      description: 'Get a user.',
      input: z.object({}),
      output: z.object({ id: z.string(), name: z.string() }),
      // a row straight from a database, with a column the schema leaves out
      handler: () => ({ id: 'u1', name: 'Ada', passwordHash: '$argon2id$v=19$abc' }) as { id: string; name: string },
    });
    const c = await connect(user);
    const result = await c.callTool({ name: 'get_user', arguments: {} });
    expect(result.structuredContent).toEqual({ id: 'u1', name: 'Ada' });
    expect(JSON.stringify(result)).not.toContain('argon2');
  });

  it.each([
    ['a string', 'hello', 'hello'],
    ['a number', 42, '42'],
    ['zero', 0, '0'],
    ['a boolean', false, 'false'],
    ['a bigint', 10n ** 20n, '100000000000000000000'],
    ['a Date', new Date('2024-05-06T07:08:09.000Z'), '2024-05-06T07:08:09.000Z'],
    ['undefined', undefined, 'Done.'],
    ['null', null, 'Done.'],
    ['an object', { a: 1, nested: { big: 1n } }, '{"a":1,"nested":{"big":"1"}}'],
    ['an array', [1, 'two'], '[1,"two"]'],
  ])('renders %s returned without an output schema as one text block', async (_what, value, text) => {
    const tool = defineTool({ name: 'value', description: 'Returns a value.', input: z.object({}), handler: () => value });
    const c = await connect(tool);
    const result = await c.callTool({ name: 'value', arguments: {} });
    expect(result).toEqual({ content: [{ type: 'text', text }] });
  });

  it('passes a toolResult() through unchanged (images, several blocks)', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');
    const chart = defineTool({
      name: 'chart',
      description: 'Draw a chart.',
      input: z.object({}),
      handler: () =>
        toolResult({
          content: [
            { type: 'image', data: png, mimeType: 'image/png' },
            { type: 'text', text: 'A chart.' },
          ],
          _meta: { cached: true },
        }),
    });
    const c = await connect(chart);
    const result = await c.callTool({ name: 'chart', arguments: {} });
    expect(result).toEqual({
      content: [
        { type: 'image', data: png, mimeType: 'image/png' },
        { type: 'text', text: 'A chart.' },
      ],
      _meta: { cached: true },
    });
  });

  it('answers a toolResult() that is not a valid MCP result with an internal error and a reference, and logs it', async () => {
    const tool = defineTool({
      name: 'bad_result',
      description: 'Builds a broken result.',
      input: z.object({}),
      // an image block without its data: the client would reject the whole answer
      handler: () => toolResult({ content: [{ type: 'image', mimeType: 'image/png' }] } as never),
    });
    const c = await connect(tool);
    const result = await c.callTool({ name: 'bad_result', arguments: {} });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toMatch(/not a valid MCP tool result \(reference [0-9a-f-]{36}\)\. This is a server bug/);
  });

  it('passes a toolResult() marked isError through as the tool’s own error', async () => {
    const tool = defineTool({
      name: 'soft_fail',
      description: 'Fails softly.',
      input: z.object({}),
      handler: () => toolResult({ isError: true, content: [{ type: 'text', text: 'Quota used up for today.' }] }),
    });
    const c = await connect(tool);
    expect(await c.callTool({ name: 'soft_fail', arguments: {} })).toEqual({ isError: true, content: [{ type: 'text', text: 'Quota used up for today.' }] });
  });

  it('treats a plain object shaped like a result as data, not as a result', async () => {
    const tool = defineTool({
      name: 'lookalike',
      description: 'Returns data that looks like a result.',
      input: z.object({}),
      handler: () => ({ content: [{ type: 'text', text: 'not a result' }], isError: true }),
    });
    const c = await connect(tool);
    const result = await c.callTool({ name: 'lookalike', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(firstText(result))).toEqual({ content: [{ type: 'text', text: 'not a result' }], isError: true });
  });
});

describe('tools/call arguments and context', () => {
  it('hands the handler parsed arguments, defaults applied and unknown keys dropped', async () => {
    let seen: unknown;
    const list = defineTool({
      name: 'list',
      description: 'List things.',
      input: z.object({ limit: z.int().default(10), order: z.enum(['asc', 'desc']).default('asc') }),
      handler: (args) => {
        seen = args;
        return 'ok';
      },
    });
    const c = await connect(list);
    await c.callTool({ name: 'list', arguments: { order: 'desc', extra: 'ignored' } });
    expect(seen).toEqual({ limit: 10, order: 'desc' });
  });

  it('treats missing arguments as an empty object', async () => {
    const ping = defineTool({ name: 'ping', description: 'Ping.', input: z.object({ echo: z.string().optional() }), handler: ({ echo }) => echo ?? 'pong' });
    const c = await connect(ping);
    expect(firstText(await c.callTool({ name: 'ping' }))).toBe('pong');
  });

  it('gives the handler its tool name, request id, a live signal and a logger', async () => {
    let context: ToolContext | undefined;
    const tool = defineTool({
      name: 'introspect',
      description: 'Looks at its context.',
      input: z.object({}),
      handler: (_args, ctx) => {
        context = ctx;
        return { aborted: ctx.signal.aborted };
      },
    });
    const c = await connect(tool);
    const result = await c.callTool({ name: 'introspect', arguments: {} });
    expect(JSON.parse(firstText(result))).toEqual({ aborted: false });
    expect(context?.toolName).toBe('introspect');
    expect(['string', 'number']).toContain(typeof context?.requestId);
    expect(context?.sessionId).toBeUndefined();
    expect(typeof context?.logger.info).toBe('function');
    // a finished call does not abort its signal afterwards: cleanup hooks must not fire for a success
    expect(context?.signal.aborted).toBe(false);
  });

  it('serves several calls at once without mixing their results', async () => {
    const echo = defineTool({
      name: 'echo',
      description: 'Echo after a tick.',
      input: z.object({ n: z.int() }),
      handler: async ({ n }) => {
        await new Promise((resolve) => setImmediate(resolve));
        return n;
      },
    });
    const c = await connect(echo);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => c.callTool({ name: 'echo', arguments: { n } })));
    expect(results.map(firstText)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('sends the server’s name, version and instructions in initialize', async () => {
    client = await connectTestClient(defineServer({ name: 'named', version: '2.3.4-beta.1', title: 'Named', instructions: 'Use search first.' }));
    expect(client.getServerVersion()).toMatchObject({ name: 'named', version: '2.3.4-beta.1', title: 'Named' });
    expect(client.getInstructions()).toBe('Use search first.');
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, logging: {} });
    expect(client.getServerCapabilities()?.resources).toBeUndefined();
    expect(client.getServerCapabilities()?.prompts).toBeUndefined();
  });
});
