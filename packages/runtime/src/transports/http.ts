/**
 * Streamable HTTP transport at `/mcp` with secure defaults, plus `/healthz`,
 * `/metrics` and (behind a flag) the legacy HTTP+SSE transport.
 *
 * The HTTP front door is plain `node:http` rather than a web framework: it has
 * four routes, and the checks it makes before the SDK sees a byte (Host,
 * Origin, bearer token, body size, JSON-RPC shape, no batches) are the point
 * of this module, so they are written out here where they can be read and
 * tested in one place. The MCP protocol itself is the SDK's transport.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpSettings } from '../config.js';
import { ConfigurationError } from '../errors.js';
import { ErrorCode, isInitializeRequest } from '../sdk.js';
import type { SSEServerTransport, StreamableHTTPServerTransport } from '../sdk-http.js';
import type { RuntimeServer, ServerFactory } from '../server.js';
import { idOf, parseJsonRpc } from './jsonrpc.js';

export interface HttpOptions extends Partial<HttpSettings> {}

export interface HttpHandle {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Open sessions right now (stateful mode). */
  sessionCount(): number;
  close(): Promise<void>;
}

interface Session {
  readonly transport: StreamableHTTPServerTransport | SSEServerTransport;
  readonly server: RuntimeServer;
  lastSeen: number;
}

const DEFAULTS: HttpSettings = {
  host: '127.0.0.1',
  port: 3000,
  stateless: false,
  authToken: undefined,
  allowedOrigins: [],
  allowedHosts: [],
  maxBodyBytes: 4 * 1024 * 1024,
  legacySse: false,
  sessionIdleMs: 30 * 60_000,
  maxSessions: 1000,
};

/** Is `host` (an address or name to bind) a loopback one? */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * Starts the HTTP server. Refuses to bind a non-loopback address without a
 * bearer token: an unauthenticated MCP server on a network is remote code
 * execution for anyone who can reach it.
 */
export async function serveHttp(factory: ServerFactory, options: HttpOptions = {}): Promise<HttpHandle> {
  // Loaded here, not at import: a server on stdio never needs the SDK's HTTP transports.
  const { SSEServerTransport, StreamableHTTPServerTransport } = await import('../sdk-http.js');
  const settings: HttpSettings = { ...DEFAULTS, ...stripUndefined(options) };
  const loopback = isLoopbackHost(settings.host);
  if (!loopback && !settings.authToken) {
    throw new ConfigurationError(
      `Refusing to listen on ${settings.host} without authentication. Set TOOLWRIGHT_AUTH_TOKEN (clients then send "Authorization: Bearer <token>"), or bind 127.0.0.1.`,
    );
  }
  const logger = factory.logger;
  const sessions = new Map<string, Session>();
  const tokenDigest = settings.authToken ? sha256(settings.authToken) : undefined;
  const allowedOrigins = new Set(settings.allowedOrigins.map((o) => o.toLowerCase().replace(/\/$/, '')));
  let allowedHosts = new Set<string>();

  // Requests in flight per connection, so close() can drop every connection with none.
  // closeIdleConnections() alone misses one that was opened but never carried a request
  // (a client that gave up mid-connect), which then held close() for the whole grace period.
  const connections = new Map<Socket, number>();
  const httpServer: Server = createServer((req, res) => {
    const socket = req.socket;
    connections.set(socket, (connections.get(socket) ?? 0) + 1);
    res.once('close', () => {
      if (connections.has(socket)) connections.set(socket, (connections.get(socket) ?? 1) - 1);
    });
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'HTTP request failed');
      if (!res.headersSent) sendJsonRpcError(res, 500, ErrorCode.InternalError, 'Internal server error.');
      else res.end();
    });
  });
  // Malformed HTTP (bad request line, oversized headers): answer with JSON, not Node's default.
  httpServer.on('connection', (socket: Socket) => {
    connections.set(socket, 0);
    socket.once('close', () => connections.delete(socket));
  });
  httpServer.on('clientError', (error, socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: ErrorCode.InvalidRequest, message: 'Malformed HTTP request.' } });
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    logger.debug({ err: error }, 'malformed HTTP request');
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;

    // DNS-rebinding protection: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example.
    if (!hostAllowed(req.headers.host)) {
      return sendJsonRpcError(res, 403, -32000, `Forbidden: Host "${req.headers.host ?? ''}" is not allowed. Set TOOLWRIGHT_ALLOWED_HOSTS to accept it.`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!originAllowed(origin)) {
        return sendJsonRpcError(res, 403, -32000, `Forbidden: Origin "${origin}" is not allowed. Set TOOLWRIGHT_ALLOWED_ORIGINS to accept it.`);
      }
      // Echo the one allowed origin: never a wildcard.
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id, WWW-Authenticate');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return;
    }
    if (path === '/healthz' && req.method === 'GET') {
      return sendJson(res, 200, { status: 'ok', server: factory.definition.name, version: factory.definition.version, sessions: sessions.size });
    }
    const routed = path === '/mcp' || path === '/metrics' || (settings.legacySse && (path === '/sse' || path === '/messages'));
    if (!routed) return sendJson(res, 404, { error: `Not found: ${path}. The MCP endpoint is /mcp.` });
    if (!authorized(req.headers.authorization)) {
      const error = req.headers.authorization ? ', error="invalid_token"' : '';
      res.setHeader('WWW-Authenticate', `Bearer realm="toolwright"${error}`);
      return sendJsonRpcError(res, 401, -32000, 'Unauthorized: send "Authorization: Bearer <token>" with the token the server was started with.');
    }
    if (path === '/metrics') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      const text = await factory.metrics.render();
      res.writeHead(200, { 'Content-Type': factory.metrics.contentType }).end(text);
      return;
    }
    if (path === '/sse') return req.method === 'GET' ? openLegacySse(res) : methodNotAllowed(res, 'GET');
    if (path === '/messages') return req.method === 'POST' ? postLegacySse(req, res, url) : methodNotAllowed(res, 'POST');
    if (req.method === 'POST') return postMcp(req, res);
    if (req.method === 'GET' || req.method === 'DELETE') {
      if (settings.stateless) return methodNotAllowed(res, 'POST');
      const session = lookupSession(req, res);
      if (!session) return;
      await (session.transport as StreamableHTTPServerTransport).handleRequest(req, res);
      return;
    }
    return methodNotAllowed(res, settings.stateless ? 'POST' : 'GET, POST, DELETE');
  }

  async function postMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const message = await readJsonRpc(req, res, settings.maxBodyBytes);
    if (message === undefined) return;
    if (settings.stateless) {
      const server = factory.create();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, message);
      return;
    }
    if (req.headers['mcp-session-id'] === undefined) {
      if (!isInitializeRequest(message)) {
        return sendJsonRpcError(
          res,
          400,
          -32000,
          'Bad Request: no session. Send an initialize request first, then send its Mcp-Session-Id header with every request.',
          idOf(message),
        );
      }
      if (sessions.size >= settings.maxSessions) {
        res.setHeader('Retry-After', '30');
        return sendJsonRpcError(res, 503, -32000, `Server busy: ${settings.maxSessions} sessions are open. Retry later.`, idOf(message));
      }
      const server = factory.create();
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, { transport, server, lastSeen: Date.now() });
          factory.metrics.sessionOpened();
        },
        onsessionclosed: (id) => void dropSession(id),
      });
      transport.onclose = () => {
        if (transport.sessionId) void dropSession(transport.sessionId);
      };
      await server.connect(transport);
      await transport.handleRequest(req, res, message);
      return;
    }
    const session = lookupSession(req, res, idOf(message));
    if (!session) return;
    // The SDK refuses this too, but without the request's id, which leaves the client nothing to match.
    if (isInitializeRequest(message)) {
      return sendJsonRpcError(
        res,
        400,
        ErrorCode.InvalidRequest,
        'Invalid Request: this session is already initialized; start a new session without Mcp-Session-Id.',
        idOf(message),
      );
    }
    await (session.transport as StreamableHTTPServerTransport).handleRequest(req, res, message);
  }

  function lookupSession(req: IncomingMessage, res: ServerResponse, id?: string | number | null): Session | undefined {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId !== 'string' || sessionId === '') {
      sendJsonRpcError(res, 400, -32000, 'Bad Request: missing Mcp-Session-Id header.', id);
      return undefined;
    }
    const session = sessions.get(sessionId);
    if (!session || !(session.transport instanceof StreamableHTTPServerTransport)) {
      sendJsonRpcError(res, 404, -32001, 'Session not found: it expired or was closed. Start a new session with initialize.', id);
      return undefined;
    }
    session.lastSeen = Date.now();
    return session;
  }

  async function openLegacySse(res: ServerResponse): Promise<void> {
    if (sessions.size >= settings.maxSessions) return sendJsonRpcError(res, 503, -32000, 'Server busy. Retry later.');
    const transport = new SSEServerTransport('/messages', res);
    const server = factory.create();
    sessions.set(transport.sessionId, { transport, server, lastSeen: Date.now() });
    factory.metrics.sessionOpened();
    transport.onclose = () => void dropSession(transport.sessionId);
    res.on('close', () => void dropSession(transport.sessionId));
    await server.connect(transport);
  }

  async function postLegacySse(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const session = sessions.get(url.searchParams.get('sessionId') ?? '');
    if (!session || !(session.transport instanceof SSEServerTransport)) {
      return sendJsonRpcError(res, 404, -32001, 'Session not found: open GET /sse first and post to the endpoint it announces.');
    }
    const message = await readJsonRpc(req, res, settings.maxBodyBytes);
    if (message === undefined) return;
    session.lastSeen = Date.now();
    await session.transport.handlePostMessage(req, res, message);
  }

  async function dropSession(id: string): Promise<void> {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    factory.metrics.sessionClosed();
    await session.server.close().catch(() => {});
  }

  function hostAllowed(host: string | undefined): boolean {
    if (!host) return false;
    const h = host.toLowerCase();
    if (allowedHosts.has(h)) return true;
    if (!loopback && settings.allowedHosts.length === 0) return true;
    return false;
  }

  function originAllowed(origin: string): boolean {
    const o = origin.toLowerCase().replace(/\/$/, '');
    if (allowedOrigins.has(o)) return true;
    if (!loopback) return false;
    // A loopback server accepts pages served from loopback (e.g. a local inspector UI).
    try {
      const parsed = new URL(o);
      return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
    } catch {
      return false;
    }
  }

  function authorized(header: string | undefined): boolean {
    if (!tokenDigest) return true;
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    // Compare fixed-length digests so neither content nor length leaks through timing.
    return timingSafeEqual(sha256(match?.[1]?.trim() ?? ''), tokenDigest) && match !== null;
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(settings.port, settings.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const port = address.port;
  const hostNames = loopback ? ['127.0.0.1', 'localhost', '[::1]', settings.host.toLowerCase()] : [settings.host.toLowerCase()];
  allowedHosts = new Set([...hostNames.flatMap((h) => [`${h}:${port}`, ...(port === 80 ? [h] : [])]), ...settings.allowedHosts.map((h) => h.toLowerCase())]);

  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - settings.sessionIdleMs;
      for (const [id, session] of sessions) {
        if (session.lastSeen < cutoff) {
          logger.info({ sessionId: id }, 'closing idle session');
          void session.transport.close().finally(() => dropSession(id));
        }
      }
    },
    Math.min(60_000, Math.max(1000, Math.floor(settings.sessionIdleMs / 2))),
  );
  sweep.unref();

  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const mcpUrl = `http://${urlHost}:${port}/mcp`;
  logger.info(
    {
      transport: 'http',
      url: mcpUrl,
      stateless: settings.stateless,
      auth: Boolean(tokenDigest),
      legacySse: settings.legacySse,
      server: factory.definition.name,
    },
    'server ready',
  );

  let closing: Promise<void> | undefined;
  return {
    url: mcpUrl,
    port,
    host: settings.host,
    sessionCount: () => sessions.size,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        factory.abortAll();
        // Aborted calls settle within this turn (the runtime stops waiting for a handler
        // once its signal aborts): let their "shutting down" results reach the clients
        // before the sessions' transports close.
        await new Promise((resolve) => setImmediate(resolve));
        const closeListener = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await Promise.all(
          [...sessions.keys()].map(async (id) => {
            const session = sessions.get(id);
            await session?.transport.close().catch(() => {});
            await dropSession(id);
          }),
        );
        httpServer.closeIdleConnections();
        for (const [socket, inFlight] of connections) if (inFlight === 0) socket.destroy();
        const grace = setTimeout(() => httpServer.closeAllConnections(), 2000);
        await closeListener;
        clearTimeout(grace);
      })();
      return closing;
    },
  };
}

/** Reads and checks one JSON-RPC message; on failure answers the request itself and returns undefined. */
async function readJsonRpc(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) {
    sendJsonRpcError(res, 415, ErrorCode.InvalidRequest, 'Unsupported Media Type: send Content-Type: application/json.');
    return undefined;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    tooLarge(res, maxBytes);
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge(res, maxBytes);
        req.destroy();
        return undefined;
      }
      chunks.push(chunk);
    }
  } catch {
    if (!res.headersSent) sendJsonRpcError(res, 400, ErrorCode.ParseError, 'Parse error: the request body could not be read.');
    return undefined;
  }
  const checked = parseJsonRpc(Buffer.concat(chunks), 'body');
  if (checked.error) {
    sendJson(res, 400, checked.error);
    return undefined;
  }
  if (checked.ignored) {
    // a notification: nothing to answer, as the SDK answers one it accepts
    res.writeHead(202).end();
    return undefined;
  }
  return checked.message;
}

function tooLarge(res: ServerResponse, maxBytes: number): void {
  res.setHeader('Connection', 'close');
  sendJsonRpcError(res, 413, ErrorCode.InvalidRequest, `Payload Too Large: the request body exceeds ${maxBytes} bytes.`);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJsonRpcError(res, 405, -32000, `Method not allowed here; use ${allow}.`);
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string, id: string | number | null = null): void {
  sendJson(res, status, { jsonrpc: '2.0', id, error: { code, message } });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
