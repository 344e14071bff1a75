/**
 * Raw JSON-RPC for robustness tests: bytes written to a served process's
 * stdin or POSTed to `/mcp`, and every answer read back and checked for shape.
 * The SDK Client would refuse to send malformed input, so these tests do not use it.
 */
import { createInterface } from 'node:readline';
import type { Spawned } from './processes.js';
import { type RawResponse, rawRequest } from './raw-http.js';

export type Id = string | number;
export type Message = Record<string, unknown>;

/** Why `message` is not a well-formed JSON-RPC 2.0 message (request, notification or response), or undefined if it is one. */
export function messageProblem(message: unknown): string | undefined {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return 'not a JSON object';
  const m = message as Message;
  if (m.jsonrpc !== '2.0') return '"jsonrpc" is not "2.0"';
  const keys = Object.keys(m).sort().join(',');
  const validId = (id: unknown) => typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));
  if ('method' in m) {
    if (typeof m.method !== 'string') return 'method is not a string';
    if ('params' in m && (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params))) return 'params is not an object';
    if ('id' in m && !validId(m.id)) return 'request id is not a string or safe integer';
    return ['id,jsonrpc,method', 'id,jsonrpc,method,params', 'jsonrpc,method', 'jsonrpc,method,params'].includes(keys)
      ? undefined
      : `unexpected members ${keys}`;
  }
  if (keys === 'id,jsonrpc,result') {
    if (!validId(m.id)) return 'result id is not a string or safe integer';
    return typeof m.result === 'object' && m.result !== null && !Array.isArray(m.result) ? undefined : 'result is not an object';
  }
  if (keys === 'error,id,jsonrpc') {
    if (m.id !== null && !validId(m.id)) return 'error id is not a string, safe integer or null';
    const error = m.error as Message | null;
    if (typeof error !== 'object' || error === null) return 'error is not an object';
    if (!Number.isInteger(error.code)) return 'error.code is not an integer';
    if (typeof error.message !== 'string') return 'error.message is not a string';
    const extra = Object.keys(error).filter((key) => !['code', 'message', 'data'].includes(key));
    return extra.length ? `unexpected error members ${extra.join(',')}` : undefined;
  }
  return `not a request, notification or response (members ${keys})`;
}

export const isResponse = (message: Message) => !('method' in message) && 'id' in message;

/**
 * A served process spoken to in raw lines. Every stdout line is parsed as it
 * arrives; a line that is not a well-formed JSON-RPC message is kept in
 * {@link pollution}, so a test can assert stdout carried protocol messages only.
 */
export class RawStdio {
  readonly messages: Message[] = [];
  readonly pollution: string[] = [];
  private waiters: { test: (message: Message) => boolean; done: (message: Message) => void; fail: (error: Error) => void }[] = [];
  private pings = 0;
  private exit: string | undefined;

  constructor(readonly proc: Spawned) {
    proc.child.once('exit', (code, signal) => {
      this.exit = `server exited (code ${code}, signal ${signal}); stderr tail:\n${proc.stderrLines.slice(-10).join('\n')}`;
      for (const waiter of this.waiters.splice(0)) waiter.fail(new Error(this.exit));
    });
    createInterface({ input: proc.child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        this.pollution.push(line);
        return;
      }
      const problem = messageProblem(message);
      if (problem) {
        this.pollution.push(`${problem}: ${line.slice(0, 500)}`);
        return;
      }
      this.messages.push(message as Message);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(message as Message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.done(message as Message);
        }
      }
    });
  }

  /** Writes `bytes` and a newline. */
  write(bytes: string | Buffer): void {
    this.proc.child.stdin.write(bytes);
    this.proc.child.stdin.write('\n');
  }

  /** Waits for the first message (from `from` on) that passes `test`. */
  waitFor(test: (message: Message) => boolean, timeoutMs = 15_000, from = 0): Promise<Message> {
    const seen = this.messages.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    if (this.exit) return Promise.reject(new Error(this.exit));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching message within ${timeoutMs} ms; stderr tail:\n${this.proc.stderrLines.slice(-5).join('\n')}`));
      }, timeoutMs);
      const waiter = {
        test,
        done: (message: Message) => {
          clearTimeout(timer);
          resolve(message);
        },
        fail: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Sends a request and waits for the response with its id. */
  async request(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<Message> {
    const id = `rq:${++this.pings}`;
    const from = this.messages.length;
    this.write(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) }));
    return this.waitFor((m) => isResponse(m) && m.id === id, timeoutMs, from);
  }

  /** Pings and checks the answer: the server is alive and reading. */
  async ping(timeoutMs?: number): Promise<void> {
    const answer = await this.request('ping', undefined, timeoutMs);
    if (!('result' in answer)) throw new Error(`ping answered with ${JSON.stringify(answer)}`);
  }

  async initialize(): Promise<Message> {
    const init = await this.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-fuzz', version: '1.0.0' } });
    this.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    return init;
  }
}

/** Headers of a client in a session (after initialize). */
export function sessionHeaders(sessionId: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    'Mcp-Session-Id': sessionId,
    'Mcp-Protocol-Version': '2025-06-18',
  };
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  /** The JSON-RPC messages of the answer: the JSON body, or each SSE `data:` event. */
  messages: unknown[];
  raw: RawResponse;
}

/** POSTs `body` to an MCP endpoint and reads every JSON-RPC message of the answer. */
export async function postRaw(url: string, body: string | Buffer, headers: Record<string, string>): Promise<HttpAnswer> {
  const raw = await rawRequest(url, { method: 'POST', headers, body, timeoutMs: 20_000 });
  const contentType = String(raw.headers['content-type'] ?? '');
  let messages: unknown[] = [];
  if (contentType.startsWith('application/json')) messages = [JSON.parse(raw.text)];
  else if (contentType.startsWith('text/event-stream')) {
    messages = raw.text
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trim())
      .filter((data) => data !== '')
      .map((data) => JSON.parse(data));
  } else if (raw.text !== '') throw new Error(`unexpected ${raw.status} answer with content type "${contentType}": ${raw.text.slice(0, 300)}`);
  return { status: raw.status, contentType, messages, raw };
}

/** Opens a session on a Streamable HTTP endpoint with raw requests; returns its id. */
export async function openSession(url: string): Promise<string> {
  const init = await postRaw(
    url,
    JSON.stringify({
      jsonrpc: '2.0',
      id: 'init',
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-fuzz', version: '1.0.0' } },
    }),
    { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
  );
  const sessionId = init.raw.headers['mcp-session-id'];
  if (init.status !== 200 || typeof sessionId !== 'string') throw new Error(`initialize failed: ${init.status} ${init.raw.text}`);
  const initialized = await postRaw(url, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), sessionHeaders(sessionId));
  if (initialized.status !== 202) throw new Error(`notifications/initialized answered ${initialized.status}`);
  return sessionId;
}
