/**
 * A real HTTP server on 127.0.0.1 that stands in for an upstream API in
 * tests: it records every request exactly as it arrived (method, raw path,
 * raw query, headers, body) and answers from a queue or a handler. Tests of
 * generated OpenAPI servers point the profile's base URL variable at it.
 *
 * @example
 * const upstream = await startMockUpstream();
 * upstream.reply({ status: 200, body: { id: 1 } });
 * const api = createHttpApi(profile, { env: { GITHUB_API_URL: upstream.url, GITHUB_TOKEN: 't' } });
 * // … call a tool …
 * expect(upstream.requests[0]).toMatchObject({ method: 'GET', path: '/repos/o/r' });
 * await upstream.close();
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The raw path as sent, percent-encoding intact, without the query. */
  path: string;
  /** The raw query as sent, without `?` ('' when there is none). */
  query: string;
  /** Header names in lower case, as node:http gives them. */
  headers: IncomingHttpHeaders;
  body: string;
  /** True when the client went away before the answer was complete (a cancelled or timed-out call). */
  aborted: boolean;
}

export interface MockReply {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** A string or bytes are sent as is; anything else as JSON (with `content-type: application/json` unless set). */
  body?: unknown;
  /** Waits this long before answering (the wait ends when the client goes away or the server closes). */
  delayMs?: number;
}

export interface MockUpstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queues answers for the next requests, in order; when the queue is empty the handler (default: 200 `{}`) answers. */
  reply(...replies: MockReply[]): void;
  close(): Promise<void>;
}

export interface MockUpstreamOptions {
  /** Answers requests once the queue is empty. */
  handle?: (request: RecordedRequest) => MockReply | Promise<MockReply>;
}

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  const queue: MockReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const target = req.url ?? '/';
      const mark = target.indexOf('?');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: mark === -1 ? target : target.slice(0, mark),
        query: mark === -1 ? '' : target.slice(mark + 1),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        aborted: false,
      };
      requests.push(recorded);
      res.on('close', () => {
        if (!res.writableFinished) recorded.aborted = true;
      });
      const reply = queue.shift() ?? (await options.handle?.(recorded)) ?? { body: {} };
      if (reply.delayMs) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, reply.delayMs);
          timers.add(timer);
          res.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (res.destroyed) return;
      }
      const headers: Record<string, string> = { ...reply.headers };
      let payload: string | Uint8Array = '';
      if (typeof reply.body === 'string' || reply.body instanceof Uint8Array) payload = reply.body;
      else if (reply.body !== undefined) {
        payload = JSON.stringify(reply.body);
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json; charset=utf-8';
      }
      res.writeHead(reply.status ?? 200, headers);
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => {
      queue.push(...replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
