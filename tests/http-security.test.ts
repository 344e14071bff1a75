/**
 * The HTTP front door under abuse: DNS rebinding (Host), cross-origin pages
 * (Origin), bearer tokens, oversized and malformed bodies, batches. Raw
 * requests on real sockets; every refusal must be a JSON body, never HTML.
 */
import { connect } from 'node:net';
import { ConfigurationError, createServerFactory, type HttpHandle, type RunningServer, serve, serveHttp } from '@toolwright/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTransportServer } from './fixtures/transport-server.js';
import { closeClients, connectHttp, connectLegacySse, textOf } from './support/clients.js';
import { initializeBody, MCP_POST_HEADERS, type RawResponse, rawRequest } from './support/raw-http.js';

const MAX_BODY = 64 * 1024;

/** Asserts `res` is a JSON-RPC error with `status` (and `code`, if given). */
function expectJsonRpcError(res: RawResponse, status: number, code?: number): { code: number; message: string } {
  expect(res.headers['content-type'], res.text).toBe('application/json');
  expect(res.status, res.text).toBe(status);
  const body = res.json();
  expect(body).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number), message: expect.any(String) } });
  expect('id' in body).toBe(true);
  if (code !== undefined) expect(body.error.code).toBe(code);
  return body.error;
}

const factory = () => createServerFactory(createTransportServer(), { logLevel: 'silent' });

describe('open loopback server', () => {
  let server: HttpHandle;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = await serveHttp(factory(), { port: 0, maxBodyBytes: MAX_BODY });
    base = server.url.replace(/\/mcp$/, '');
    port = server.port;
  });
  afterAll(() => server.close());
  afterEach(() => closeClients());

  const post = (body: string | Buffer, headers: Record<string, string | number> = {}, path = '/mcp') =>
    rawRequest(`${base}${path}`, { method: 'POST', headers: { ...MCP_POST_HEADERS, ...headers }, body });

  /** A request that must succeed: proves the server still serves after an abusive one. */
  async function expectStillServing() {
    const health = await rawRequest(`${base}/healthz`);
    expect(health.status).toBe(200);
    const init = await post(initializeBody());
    expect(init.status).toBe(200);
    expect(init.headers['mcp-session-id']).toBeTruthy();
  }

  describe('Host header (DNS rebinding)', () => {
    it.each([
      ['a foreign name', () => `evil.example:${port}`],
      ['a foreign name without port', () => 'evil.example'],
      ['loopback on another port', () => `127.0.0.1:${port + 1 === 65536 ? 1 : port + 1}`],
    ])('%s is refused with 403', async (_name, host) => {
      for (const path of ['/mcp', '/healthz']) {
        const res = await rawRequest(`${base}${path}`, {
          method: path === '/mcp' ? 'POST' : 'GET',
          headers: { ...MCP_POST_HEADERS, Host: host() },
          body: initializeBody(),
        });
        expect(expectJsonRpcError(res, 403).message).toMatch(/Host/);
      }
    });

    it.each([['localhost'], ['127.0.0.1'], ['[::1]'], ['LOCALHOST']])('%s:<port> is accepted', async (name) => {
      const res = await rawRequest(`${base}/mcp`, { method: 'POST', headers: { ...MCP_POST_HEADERS, Host: `${name}:${port}` }, body: initializeBody() });
      expect(res.status).toBe(200);
    });
  });

  describe('Origin header', () => {
    it.each([['https://evil.example'], ['http://evil.example:80'], ['null'], ['http://127.0.0.1.evil.example'], ['file://']])(
      'a foreign Origin %s is refused with 403 and no CORS grant',
      async (origin) => {
        const res = await post(initializeBody(), { Origin: origin });
        expect(expectJsonRpcError(res, 403).message).toMatch(/Origin/);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      },
    );

    it.each([['http://localhost:6274'], ['http://127.0.0.1:5173'], ['http://[::1]:8080']])(
      'a loopback Origin %s gets exactly itself back, never *',
      async (origin) => {
        const res = await post(initializeBody(), { Origin: origin });
        expect(res.status).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers.vary).toMatch(/Origin/);
        expect(res.headers['access-control-expose-headers']).toMatch(/Mcp-Session-Id/);
      },
    );

    it('a preflight from a loopback Origin is answered with the allowed methods and headers', async () => {
      const res = await rawRequest(`${base}/mcp`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:6274', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, mcp-session-id' },
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:6274');
      expect(res.headers['access-control-allow-headers']).toMatch(/Mcp-Session-Id/);
      expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
    });

    it('a preflight from a foreign Origin is refused', async () => {
      const res = await rawRequest(`${base}/mcp`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
      expectJsonRpcError(res, 403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('a request without Origin gets no Access-Control-Allow-Origin', async () => {
      for (const res of [await post(initializeBody()), await rawRequest(`${base}/healthz`), await rawRequest(`${base}/nowhere`)]) {
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });

  describe('request bodies', () => {
    it('a Content-Length over the limit is refused with 413, and the server serves the next request', async () => {
      const body = `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(MAX_BODY)}"}}`;
      const res = await post(body);
      expect(expectJsonRpcError(res, 413).message).toMatch(/too large/i);
      await expectStillServing();
    });

    it('a chunked body that grows over the limit is refused with 413, and the server serves the next request', async () => {
      // No Content-Length: the server only finds out while reading. 1 MiB in 16 KiB chunks, far over the 64 KiB limit.
      const chunks = function* () {
        yield Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"');
        for (let i = 0; i < 64; i++) yield Buffer.alloc(16 * 1024, 'x');
        yield Buffer.from('"}}');
      };
      const res = await rawRequest(`${base}/mcp`, { method: 'POST', headers: { ...MCP_POST_HEADERS, 'Transfer-Encoding': 'chunked' }, chunks: chunks() });
      expect(expectJsonRpcError(res, 413).message).toMatch(/too large/i);
      await expectStillServing();
    });

    it('a body of exactly the limit is accepted', async () => {
      const init = initializeBody();
      const body = init + ' '.repeat(MAX_BODY - Buffer.byteLength(init));
      expect(Buffer.byteLength(body)).toBe(MAX_BODY);
      const res = await post(body);
      expect(res.status).toBe(200);
    });

    const cases: [name: string, body: string | Buffer, status: number, code: number, message: RegExp][] = [
      ['malformed JSON', '{"jsonrpc": "2.0", "id": 1, "method": ', 400, -32700, /Parse error/],
      ['an empty body', '', 400, -32700, /Parse error/],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, -32700, /UTF-8/],
      ['a JSON-RPC batch', `[${initializeBody(1)},${initializeBody(2)}]`, 400, -32600, /batches are not supported/],
      ['an empty batch', '[]', 400, -32600, /batches are not supported/],
      ['jsonrpc "1.0"', JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'initialize', params: {} }), 400, -32600, /"jsonrpc" must be "2.0"/],
      ['no jsonrpc member', JSON.stringify({ id: 1, method: 'initialize' }), 400, -32600, /"jsonrpc" must be "2.0"/],
      ['a number', '42', 400, -32600, /JSON-RPC 2.0 object/],
      ['a string', '"initialize"', 400, -32600, /JSON-RPC 2.0 object/],
      ['null', 'null', 400, -32600, /JSON-RPC 2.0 object/],
      ['a non-string method', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 7 }), 400, -32600, /"method"/],
      ['array params', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: [] }), 400, -32600, /"params"/],
      ['a fractional id', JSON.stringify({ jsonrpc: '2.0', id: 1.5, method: 'ping' }), 400, -32600, /"id"/],
      ['neither request nor response', JSON.stringify({ jsonrpc: '2.0', id: 1 }), 400, -32600, /expected a request/],
    ];
    it.each(cases)('%s is a JSON-RPC error %i/%i', async (_name, body, status, code, message) => {
      expect(expectJsonRpcError(await post(body), status, code).message).toMatch(message);
    });

    it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])('Content-Type "%s" is refused with 415', async (type) => {
      const res = await rawRequest(`${base}/mcp`, {
        method: 'POST',
        headers: { Accept: MCP_POST_HEADERS.Accept, ...(type ? { 'Content-Type': type } : {}) },
        body: initializeBody(),
      });
      expectJsonRpcError(res, 415);
    });

    it('Content-Type application/json with a charset is accepted', async () => {
      const res = await post(initializeBody(), { 'Content-Type': 'application/json; charset=utf-8' });
      expect(res.status).toBe(200);
    });
  });

  describe('routing and sessions', () => {
    it('an unknown path is a 404 JSON body', async () => {
      for (const path of ['/', '/nowhere', '/mcp/extra', '/healthz/x']) {
        const res = await rawRequest(`${base}${path}`);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toBe('application/json');
        expect(res.json().error).toMatch(/\/mcp/);
      }
    });

    it('a request before initialize, without a session id, is a 400 JSON-RPC error that keeps the id', async () => {
      const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 'abc', method: 'tools/list', params: {} }));
      expectJsonRpcError(res, 400);
      expect(res.json().id).toBe('abc');
    });

    it('an unknown session id is 404 -32001', async () => {
      const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }), { 'Mcp-Session-Id': 'no-such-session' });
      expectJsonRpcError(res, 404, -32001);
    });

    it('errors raised inside a session (by the SDK transport) are JSON-RPC bodies too', async () => {
      const init = await post(initializeBody());
      const session = { 'Mcp-Session-Id': String(init.headers['mcp-session-id']) };
      const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

      const notAcceptable = await rawRequest(`${base}/mcp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...session },
        body: list,
      });
      expect(expectJsonRpcError(notAcceptable, 406).message).toMatch(/Accept|accept/);
      const badVersion = await post(list, { ...session, 'Mcp-Protocol-Version': '1999-01-01' });
      expect(expectJsonRpcError(badVersion, 400).message).toMatch(/protocol version/i);
      expect(expectJsonRpcError(await post(initializeBody(3), session), 400).message).toMatch(/already initialized/i);
      expectJsonRpcError(await rawRequest(`${base}/mcp`, { headers: { Accept: 'application/json', ...session } }), 406);
    });

    it('GET /mcp without a session id is a 400 JSON-RPC error', async () => {
      expectJsonRpcError(await rawRequest(`${base}/mcp`, { headers: { Accept: 'text/event-stream' } }), 400);
    });

    it.each([
      ['PUT', '/mcp'],
      ['PATCH', '/mcp'],
      ['POST', '/metrics'],
    ])('%s %s is 405 JSON', async (method, path) => {
      const res = await rawRequest(`${base}${path}`, { method, headers: MCP_POST_HEADERS, body: '{}' });
      expectJsonRpcError(res, 405);
      expect(res.headers.allow).toBeTruthy();
    });

    it('a malformed HTTP request is answered with a JSON 400, not HTML', async () => {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let data = '';
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error('no reply within 5 s'));
        }, 5000);
        socket.on('data', (chunk) => (data += chunk.toString('utf8')));
        socket.on('close', () => {
          clearTimeout(timer);
          resolve(data);
        });
        socket.on('error', reject);
        socket.end('THIS IS NOT HTTP\r\n\r\n');
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply).toMatch(/\r\nContent-Type: application\/json\r\n/i);
      expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
    });
  });
});

describe('explicitly allowed origins and hosts', () => {
  let server: HttpHandle;
  beforeAll(async () => {
    server = await serveHttp(factory(), { port: 0, allowedOrigins: ['https://inspector.example/'], allowedHosts: ['mcp.internal.example'] });
  });
  afterAll(() => server.close());

  it('accepts a configured Origin (trailing slash and case ignored) and echoes it', async () => {
    const res = await rawRequest(server.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Origin: 'https://Inspector.example' }, body: initializeBody() });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://Inspector.example');
  });

  it('accepts a configured Host and still refuses others', async () => {
    const ok = await rawRequest(server.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Host: 'mcp.internal.example' }, body: initializeBody() });
    expect(ok.status).toBe(200);
    const refused = await rawRequest(server.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Host: 'evil.example' }, body: initializeBody() });
    expectJsonRpcError(refused, 403);
  });
});

describe('bearer token (TOOLWRIGHT_AUTH_TOKEN)', () => {
  const TOKEN = 'e2e-secret-token-5a7c0f3e9b';
  let running: RunningServer;
  let url: string;
  let base: string;
  beforeAll(async () => {
    running = await serve(createTransportServer(), {
      transport: 'http',
      env: { TOOLWRIGHT_AUTH_TOKEN: TOKEN, TOOLWRIGHT_PORT: '0', TOOLWRIGHT_LOG_LEVEL: 'silent', TOOLWRIGHT_LEGACY_SSE: 'true' },
      dotenv: false,
      handleSignals: false,
    });
    url = running.url!;
    base = url.replace(/\/mcp$/, '');
  });
  afterAll(() => running.close());
  afterEach(() => closeClients());

  const initWith = (headers: Record<string, string>) =>
    rawRequest(url, { method: 'POST', headers: { ...MCP_POST_HEADERS, ...headers }, body: initializeBody() });

  it('no Authorization header: 401 with a WWW-Authenticate Bearer challenge', async () => {
    const res = await initWith({});
    expect(expectJsonRpcError(res, 401).message).toMatch(/Authorization: Bearer/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.headers['www-authenticate']).not.toMatch(/invalid_token/);
  });

  it.each([
    ['a wrong token', `Bearer ${TOKEN}x`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token under another scheme', `Basic ${TOKEN}`],
    ['the bare token', TOKEN],
    ['an empty bearer', 'Bearer '],
  ])('%s: 401 with error="invalid_token"', async (_name, authorization) => {
    const res = await initWith({ Authorization: authorization });
    expectJsonRpcError(res, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('the right token works through the SDK client', async () => {
    const { client } = await connectHttp(url, { Authorization: `Bearer ${TOKEN}` });
    const result = await client.callTool({ name: 'echo', arguments: { text: 'authorized' } });
    expect(result.structuredContent).toEqual({ text: 'authorized' });
  });

  it('the SDK client without the token fails to connect', async () => {
    await expect(connectHttp(url)).rejects.toThrow(/401|Unauthorized/);
  });

  it('the legacy SSE endpoints need the token too', async () => {
    const sse = await rawRequest(`${base}/sse`, { headers: { Accept: 'text/event-stream' } });
    expectJsonRpcError(sse, 401);
    expect(sse.headers['www-authenticate']).toMatch(/^Bearer /);
    const { client } = await connectLegacySse(`${base}/sse`, { Authorization: `Bearer ${TOKEN}` });
    expect((await client.callTool({ name: 'echo', arguments: { text: 'sse with token' } })).structuredContent).toEqual({ text: 'sse with token' });
  });

  it('/healthz needs no token; /metrics does', async () => {
    const health = await rawRequest(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.json().status).toBe('ok');
    expectJsonRpcError(await rawRequest(`${base}/metrics`), 401);
    const metrics = await rawRequest(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(metrics.status).toBe(200);
  });

  it('Host and Origin are still checked before the token', async () => {
    expectJsonRpcError(await initWith({ Authorization: `Bearer ${TOKEN}`, Host: 'evil.example' }), 403);
    expectJsonRpcError(await initWith({ Authorization: `Bearer ${TOKEN}`, Origin: 'https://evil.example' }), 403);
  });

  it("the client's Authorization header never reaches a tool handler", async () => {
    const { client } = await connectHttp(url, { Authorization: `Bearer ${TOKEN}`, 'X-Api-Key': `${TOKEN}-header` });
    const exposed = textOf(await client.callTool({ name: 'context', arguments: {} }));
    // The walk really saw the context (so an empty dump cannot pass).
    expect(JSON.parse(exposed)).toMatchObject({ toolName: 'context', sessionId: expect.any(String), requestId: expect.anything() });
    expect(exposed).not.toContain(TOKEN);
    expect(exposed.toLowerCase()).not.toContain('authorization');
    expect(exposed.toLowerCase()).not.toContain('bearer');
  });
});

describe('binding off loopback', () => {
  it('0.0.0.0 without a token is refused with a ConfigurationError before binding', async () => {
    const attempt = serveHttp(factory(), { host: '0.0.0.0', port: 0 });
    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
    await expect(attempt).rejects.toThrow(/TOOLWRIGHT_AUTH_TOKEN/);
  });

  it('serve() with TOOLWRIGHT_HOST=0.0.0.0 and no token is refused the same way', async () => {
    const attempt = serve(createTransportServer(), {
      transport: 'http',
      env: { TOOLWRIGHT_HOST: '0.0.0.0', TOOLWRIGHT_PORT: '0', TOOLWRIGHT_LOG_LEVEL: 'silent' },
      dotenv: false,
      handleSignals: false,
    });
    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('0.0.0.0 with a token serves authenticated clients', async () => {
    const token = 'wide-open-but-locked-7d1e';
    const server = await serveHttp(factory(), { host: '0.0.0.0', port: 0, authToken: token });
    try {
      const local = `http://127.0.0.1:${server.port}/mcp`;
      expectJsonRpcError(await rawRequest(local, { method: 'POST', headers: MCP_POST_HEADERS, body: initializeBody() }), 401);
      const { client } = await connectHttp(local, { Authorization: `Bearer ${token}` });
      const result = await client.callTool({ name: 'echo', arguments: { text: 'via 0.0.0.0' } });
      expect(result.structuredContent).toEqual({ text: 'via 0.0.0.0' });
    } finally {
      await closeClients();
      await server.close();
    }
  });
});
