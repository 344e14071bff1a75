/**
 * An upstream API that misbehaves on request: it resets the connection before
 * answering or in the middle of a body, stalls before or after the headers,
 * answers slowly or drips its body, or sends broken HTTP. The behaviour is
 * picked per request by a path segment or a JSON body field naming a
 * {@link Fault} (`GET /repos/stall/x`, `POST /v1/search {"query":"slow"}`),
 * so concurrent calls can each get their own. A dedicated server rather than
 * the runtime's mock upstream: these faults need the raw socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULTS = ['ok', 'slow', 'drip', 'stall', 'stall-mid-body', 'reset-mid-body', 'reset-before-answer', 'broken-http'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultRequest {
  method: string;
  path: string;
  fault: Fault;
  /** The client went away before the answer was complete (a call that timed out or was cancelled). */
  aborted: boolean;
}

export interface FaultUpstream {
  readonly url: string;
  readonly requests: FaultRequest[];
  /** Connections open right now. */
  openConnections(): number;
  close(): Promise<void>;
}

/** How long `slow` waits before answering, and `drip` between the pieces of its body. */
const SLOW_MS = 300;
const DRIP_MS = 50;

export async function startFaultUpstream(): Promise<FaultUpstream> {
  const requests: FaultRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const record: FaultRequest = { method: req.method ?? '', path, fault: faultOf(path, Buffer.concat(chunks).toString('utf8')), aborted: false };
      requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.aborted = true;
      });
      answer(record.fault, req, res, path, later);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function faultOf(path: string, body: string): Fault {
  const names = new Set<string>(FAULTS);
  const inPath = path.split('/').find((segment) => names.has(segment));
  if (inPath) return inPath as Fault;
  try {
    const query = (JSON.parse(body) as { query?: unknown; title?: unknown }) ?? {};
    for (const value of [query.query, query.title]) if (typeof value === 'string' && names.has(value)) return value as Fault;
  } catch {
    // not JSON: no fault named
  }
  return 'ok';
}

function answer(fault: Fault, req: IncomingMessage, res: ServerResponse, path: string, later: (ms: number, fn: () => void) => void): void {
  const body = JSON.stringify({ ok: true, path, fault });
  switch (fault) {
    case 'ok':
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    case 'slow':
      later(SLOW_MS, () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
      return;
    case 'drip': {
      // chunked, ten pieces DRIP_MS apart
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":true,"items":[');
      let sent = 0;
      const next = () => {
        if (res.destroyed) return;
        if (sent === 10) return void res.end('10]}');
        res.write(`${sent++},`);
        later(DRIP_MS, next);
      };
      next();
      return;
    }
    case 'stall':
      // never answers; the connection stays open until the client gives up
      return;
    case 'stall-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"ok":true,"padding":"');
      return;
    case 'reset-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"ok":true,"padding":"', () => later(20, () => req.socket.resetAndDestroy()));
      return;
    case 'reset-before-answer':
      req.socket.resetAndDestroy();
      return;
    case 'broken-http':
      req.socket.end('HTTP/1.1 200 OK\r\nContent-Length: not-a-number\r\n\r\n{}');
      return;
  }
}
