/**
 * Raw HTTP for protocol-abuse tests. `node:http` rather than `fetch`: fetch
 * will not send a foreign Host header or a body that outgrows its
 * Content-Length, and these tests need both. Every request opens a fresh
 * connection so one test's broken connection never leaks into the next.
 */
import { type IncomingHttpHeaders, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (throws if it is not JSON). */
  json(): any;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string | number>;
  /** A body sent whole (Content-Length is set unless given). */
  body?: string | Buffer;
  /** A body sent with chunked transfer encoding, chunk by chunk; writing stops once the server has answered. */
  chunks?: Iterable<Buffer>;
  timeoutMs?: number;
}

/** Sends one request to `url` (an absolute URL; its host and port are where the connection goes). */
export function rawRequest(url: string, options: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<RawResponse>((resolve, reject) => {
    let answered = false;
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = Buffer.byteLength(options.body);
    }
    const req = request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${options.method ?? 'GET'} ${url}: no response within ${timeoutMs} ms`));
    }, timeoutMs);
    // Once the server has answered (e.g. 413) and hung up, our unfinished upload fails: that is expected.
    req.on('error', (error) => {
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    if (options.chunks) {
      void (async () => {
        for (const chunk of options.chunks ?? []) {
          if (answered || req.destroyed) return;
          if (req.write(chunk)) continue;
          await new Promise<void>((done) => {
            const finish = () => {
              req.off('drain', finish);
              req.off('close', finish);
              done();
            };
            req.on('drain', finish);
            req.on('close', finish);
          });
        }
        if (!answered && !req.destroyed) req.end();
      })();
    } else {
      req.end(options.body);
    }
  });
}

/** Headers a well-behaved Streamable HTTP client sends with a POST. */
export const MCP_POST_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' } as const;

/** A valid `initialize` request body. */
export function initializeBody(id: number | string = 1): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-test', version: '1.0.0' } },
  });
}
