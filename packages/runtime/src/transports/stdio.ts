/**
 * stdio transport: newline-delimited JSON-RPC on stdin/stdout. stdout carries
 * protocol messages only, so `console.log` and friends are sent to stderr
 * while the server runs (a stray print from a handler would corrupt the stream).
 */
import type { Readable, Writable } from 'node:stream';
import { ErrorCode, type JSONRPCMessage, type Transport } from '../sdk.js';
import type { ServerFactory } from '../server.js';
import { type JsonRpcErrorResponse, jsonRpcError, parseJsonRpc } from './jsonrpc.js';

/** Longest line read, as the SDK's stdio transport allows (10 MiB). */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

export interface StdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Redirect console.log/info/debug to stderr (default true). */
  guardConsole?: boolean;
  /** Longest line read (default {@link MAX_LINE_BYTES}); a longer one is skipped and answered with an error. */
  maxLineBytes?: number;
}

export interface StdioHandle {
  /** Resolves when the client closes stdin or {@link close} is called. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveStdio(factory: ServerFactory, options: StdioOptions = {}): Promise<StdioHandle> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const restoreConsole = options.guardConsole === false ? () => {} : guardConsole();
  const server = factory.create();
  const transport = new LineTransport(stdin, stdout, options.maxLineBytes ?? MAX_LINE_BYTES);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing = false;
  const close = async () => {
    if (closing) return closed;
    closing = true;
    factory.abortAll();
    // The runtime stops waiting for a handler as soon as its signal aborts, so every
    // in-flight call settles within this turn; let those "shutting down" results
    // reach the client before the transport closes.
    await new Promise((resolve) => setImmediate(resolve));
    await server.close().catch(() => {});
    restoreConsole();
    factory.metrics.sessionClosed();
    resolveClosed();
  };
  transport.onerror = (error) => factory.logger.warn({ err: error }, 'stdio transport error (message dropped)');
  // The client stopped reading (EPIPE): nobody is left to answer, so shut down
  // instead of crashing on an unhandled stream error.
  const onStdoutError = (error: Error) => {
    factory.logger.warn({ err: error }, 'stdout closed by the client; shutting down');
    void close();
  };
  stdout.on('error', onStdoutError);
  stdin.once('end', () => void close());
  stdin.once('close', () => void close());
  server.onclose = () => void close();
  await server.connect(transport);
  factory.metrics.sessionOpened();
  factory.logger.info({ transport: 'stdio', server: factory.definition.name, version: factory.definition.version }, 'server ready');
  return { closed, close };
}

const isBlank = (byte: number | undefined) => byte === 32 || byte === 9 || byte === 13;

function guardConsole(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  return () => Object.assign(console, saved);
}

/**
 * Newline-delimited JSON-RPC, as the SDK's StdioServerTransport reads and
 * writes it, with two differences that keep a server alive and its client
 * answered. A line that is not one valid JSON-RPC message is answered with a
 * JSON-RPC error (the SDK dropped it silently, so a request with a wrong
 * `jsonrpc` or an extra member was never answered). A line over the size
 * limit is skipped to its end and answered with an error (the SDK closed the
 * transport, which ended the server). Blank lines are ignored.
 */
class LineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  private chunks: Buffer[] = [];
  private size = 0;
  /** The current line outgrew the limit: its bytes are dropped until its newline. */
  private skipping = false;

  constructor(
    private readonly stdin: Readable,
    private readonly stdout: Writable,
    private readonly maxLineBytes: number,
  ) {}

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
  }

  private readonly onStreamError = (error: Error) => this.onerror?.(error);

  private readonly onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let newline = bytes.indexOf(10); newline !== -1; newline = bytes.indexOf(10, start)) {
      this.append(bytes.subarray(start, newline));
      this.endLine();
      start = newline + 1;
    }
    this.append(bytes.subarray(start));
  };

  private append(part: Buffer): void {
    if (this.skipping || part.length === 0) return;
    if (this.size + part.length > this.maxLineBytes) {
      this.skipping = true;
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private endLine(): void {
    if (this.skipping) {
      this.skipping = false;
      this.reply(jsonRpcError(null, ErrorCode.InvalidRequest, `Invalid Request: the line is longer than ${this.maxLineBytes} bytes and was skipped.`));
      return;
    }
    let line = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.chunks.length = 0;
    this.size = 0;
    if (line.at(-1) === 13) line = line.subarray(0, -1);
    // a message starts with `{`, so only a line that starts with blank space can be blank
    if (line.length === 0 || (isBlank(line[0]) && line.every(isBlank))) return;
    const checked = parseJsonRpc(line, 'line');
    if (!checked.message) {
      // an invalid message is answered; an ignored notification has no one to answer
      if (checked.error) this.reply(checked.error);
      return;
    }
    try {
      this.onmessage?.(checked.message);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private reply(response: JsonRpcErrorResponse): void {
    this.send(response as JSONRPCMessage).catch((error: unknown) => this.onerror?.(error instanceof Error ? error : new Error(String(error))));
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    // pause only a stdin nobody else reads
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.size = 0;
    this.onclose?.();
  }
}
