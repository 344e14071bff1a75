/**
 * Streamable HTTP (stateful and stateless) and the legacy HTTP+SSE transport,
 * end to end: a real socket on 127.0.0.1, the SDK's own client transports.
 */
import { createServerFactory, type HttpHandle, type ServerFactory, serveHttp } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransportServer, type FixtureHooks } from './fixtures/transport-server.js';
import { closeClients, connectHttp, connectLegacySse, metricValue, textOf } from './support/clients.js';
import { MCP_POST_HEADERS, rawRequest } from './support/raw-http.js';

let handle: HttpHandle | undefined;
let factory: ServerFactory;

async function start(options: Parameters<typeof serveHttp>[1] = {}, hooks: FixtureHooks = {}): Promise<HttpHandle> {
  factory = createServerFactory(createTransportServer(hooks), { logLevel: 'silent' });
  handle = await serveHttp(factory, { port: 0, ...options });
  return handle;
}

const base = (h: HttpHandle) => h.url.replace(/\/mcp$/, '');

afterEach(async () => {
  await closeClients();
  await handle?.close();
  handle = undefined;
});

describe('Streamable HTTP, stateful', () => {
  it('initialize opens a session; the client lists and calls tools in it', async () => {
    const server = await start();
    const { client, transport } = await connectHttp(server.url);

    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.sessionCount()).toBe(1);
    expect(client.getServerVersion()).toMatchObject({ name: 'transport-fixture', version: '1.2.3' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['boom', 'context', 'echo', 'gather', 'noisy', 'slow', 'stubborn']);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hello over http' } });
    expect(result.structuredContent).toEqual({ text: 'hello over http' });
    expect(result.isError).toBeFalsy();
  });

  it('a handler that throws gives an isError result and the session keeps working', async () => {
    const server = await start();
    const { client } = await connectHttp(server.url);

    const failed = await client.callTool({ name: 'boom', arguments: {} });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/unexpected internal error/);
    expect(textOf(failed)).not.toContain('kaboom');
    const after = await client.callTool({ name: 'echo', arguments: { text: 'still here' } });
    expect(after.structuredContent).toEqual({ text: 'still here' });
  });

  it('two concurrent clients each get only their own responses', async () => {
    const server = await start();
    const a = await connectHttp(server.url);
    const b = await connectHttp(server.url);
    expect(a.transport.sessionId).not.toBe(b.transport.sessionId);

    // `gather` holds every call until both clients' calls of a round are in flight on the server,
    // so each round has one request from each session open at once, answered in the same tick.
    // Both clients number their requests the same way, so a mixed-up reply would carry the right id.
    const rounds = [0, 1, 2, 3, 4];
    const calls = rounds.flatMap((round) =>
      (['A', 'B'] as const).map(async (who) => {
        const { client, transport } = who === 'A' ? a : b;
        const result = await client.callTool({ name: 'gather', arguments: { text: `${who}-${round}`, group: `round-${round}`, size: 2 } });
        return { who, round, sent: `${who}-${round}`, got: result.structuredContent, session: transport.sessionId };
      }),
    );
    // Echoes with opposite delays: A's replies come back in the reverse order of B's.
    const echoes = rounds.flatMap((round) =>
      (['A', 'B'] as const).map(async (who) => {
        const { client, transport } = who === 'A' ? a : b;
        const delayMs = (who === 'A' ? 4 - round : round) * 15;
        const result = await client.callTool({ name: 'echo', arguments: { text: `echo-${who}-${round}`, delayMs } });
        return { who, round, sent: `echo-${who}-${round}`, got: result.structuredContent, session: transport.sessionId };
      }),
    );

    for (const call of await Promise.all(calls)) {
      expect(call.got, `${call.who} round ${call.round}`).toEqual({ text: call.sent, sessionId: call.session });
    }
    for (const call of await Promise.all(echoes)) {
      expect(call.got, `${call.who} echo ${call.round}`).toEqual({ text: call.sent });
    }
  });

  it('DELETE closes the session; later requests with its id get 404', async () => {
    const server = await start();
    const { client, transport } = await connectHttp(server.url);
    const sessionId = transport.sessionId!;
    await client.callTool({ name: 'echo', arguments: { text: 'before' } });

    await transport.terminateSession();
    expect(server.sessionCount()).toBe(0);

    const post = await rawRequest(server.url, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list', params: {} }),
    });
    expect(post.status).toBe(404);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.json()).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32001, message: expect.stringMatching(/session not found/i) } });

    const get = await rawRequest(server.url, { headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': sessionId } });
    expect(get.status).toBe(404);
    expect(get.json().error.code).toBe(-32001);
  });

  it('GET /healthz reports status, name, version and open sessions', async () => {
    const server = await start();
    await connectHttp(server.url);

    const res = await rawRequest(`${base(server)}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toEqual({ status: 'ok', server: 'transport-fixture', version: '1.2.3', sessions: 1 });
  });

  it('GET /metrics exposes per-tool call counters and the open session gauge', async () => {
    const server = await start();
    const { client, transport } = await connectHttp(server.url);
    await client.callTool({ name: 'echo', arguments: { text: 'one' } });
    await client.callTool({ name: 'echo', arguments: { text: 'two' } });
    await client.callTool({ name: 'boom', arguments: {} });

    const res = await rawRequest(`${base(server)}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('# TYPE toolwright_tool_calls_total counter');
    expect(metricValue(res.text, 'toolwright_tool_calls_total', { tool: 'echo', outcome: 'ok' })).toBe(2);
    expect(metricValue(res.text, 'toolwright_tool_calls_total', { tool: 'boom', outcome: 'crash' })).toBe(1);
    expect(metricValue(res.text, 'toolwright_tool_calls_total', { tool: 'slow' })).toBeUndefined();
    expect(metricValue(res.text, 'toolwright_open_sessions', { server: 'transport-fixture' })).toBe(1);

    await transport.terminateSession();
    const after = await rawRequest(`${base(server)}/metrics`);
    expect(metricValue(after.text, 'toolwright_open_sessions')).toBe(0);
  });

  it('close() answers an in-flight call with a "shutting down" result before ending its session', async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const server = await start({}, { onCall: (tool) => tool === 'slow' && started() });
    const { client } = await connectHttp(server.url);
    const call = client.callTool({ name: 'slow', arguments: { ms: 60_000 } }, undefined, { timeout: 10_000 });
    await inFlight;

    await server.close();
    handle = undefined;
    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/shutting down/);
  });

  it('close() ends open sessions and stops listening', async () => {
    const server = await start();
    const { client } = await connectHttp(server.url);
    await client.callTool({ name: 'echo', arguments: { text: 'x' } });

    await server.close();
    handle = undefined;
    expect(server.sessionCount()).toBe(0);
    await expect(rawRequest(`${base(server)}/healthz`, { timeoutMs: 5000 })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('Streamable HTTP, stateless', () => {
  it('serves list and call without a session', async () => {
    const server = await start({ stateless: true });
    const { client, transport } = await connectHttp(server.url);

    expect(transport.sessionId).toBeUndefined();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('echo');
    const first = await client.callTool({ name: 'echo', arguments: { text: 'stateless 1' } });
    const second = await client.callTool({ name: 'echo', arguments: { text: 'stateless 2' } });
    expect(first.structuredContent).toEqual({ text: 'stateless 1' });
    expect(second.structuredContent).toEqual({ text: 'stateless 2' });
    expect(server.sessionCount()).toBe(0);
  });

  it('two concurrent clients each get their own responses', async () => {
    const server = await start({ stateless: true });
    const a = await connectHttp(server.url);
    const b = await connectHttp(server.url);
    const [ra, rb] = await Promise.all([
      a.client.callTool({ name: 'gather', arguments: { text: 'from A', group: 'g', size: 2 } }),
      b.client.callTool({ name: 'gather', arguments: { text: 'from B', group: 'g', size: 2 } }),
    ]);
    expect(ra.structuredContent).toEqual({ text: 'from A' });
    expect(rb.structuredContent).toEqual({ text: 'from B' });
  });

  it.each(['GET', 'DELETE'])('%s /mcp is 405 with Allow: POST', async (method) => {
    const server = await start({ stateless: true });
    const res = await rawRequest(server.url, { method, headers: { Accept: 'text/event-stream' } });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number) } });
  });
});

describe('legacy HTTP+SSE', () => {
  it('works with the SDK SSE client when legacySse is on', async () => {
    const server = await start({ legacySse: true });
    const { client } = await connectLegacySse(`${base(server)}/sse`);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('echo');
    const result = await client.callTool({ name: 'echo', arguments: { text: 'over sse' } });
    expect(result.structuredContent).toEqual({ text: 'over sse' });
    expect(server.sessionCount()).toBe(1);
  });

  it('/sse and /messages are 404 JSON when legacySse is off', async () => {
    const server = await start();
    const sse = await rawRequest(`${base(server)}/sse`, { headers: { Accept: 'text/event-stream' } });
    expect(sse.status).toBe(404);
    expect(sse.headers['content-type']).toBe('application/json');
    const messages = await rawRequest(`${base(server)}/messages?sessionId=x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(messages.status).toBe(404);
    expect(messages.headers['content-type']).toBe('application/json');
  });

  it('a POST to /messages for an unknown session is a 404 JSON-RPC error', async () => {
    const server = await start({ legacySse: true });
    const res = await rawRequest(`${base(server)}/messages?sessionId=nope`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
  });
});
