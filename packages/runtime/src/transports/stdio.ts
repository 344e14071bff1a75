/**
 * stdio transport: newline-delimited JSON-RPC on stdin/stdout. stdout carries
 * protocol messages only, so `console.log` and friends are sent to stderr
 * while the server runs (a stray print from a handler would corrupt the stream).
 */
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '../sdk.js';
import type { ServerFactory } from '../server.js';

export interface StdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Redirect console.log/info/debug to stderr (default true). */
  guardConsole?: boolean;
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
  const transport = new StdioServerTransport(stdin, stdout);
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

function guardConsole(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  return () => Object.assign(console, saved);
}
