/**
 * Structured logging: JSON lines on stderr (pino), never stdout, because on
 * stdio stdout carries only protocol messages. Every line passes through a
 * scrubber that replaces known secret values and secret-looking keys.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const SECRET_KEY = /(authorization|cookie|password|passwd|secret|token|api[-_]?key|private[-_]?key|credential)/i;
// A secret word ending the name or followed by `_`: GITHUB_TOKEN, PGPASSWORD,
// AWS_SECRET_ACCESS_KEY, OPENAI_API_KEY — but not TOKENIZERS_PARALLELISM or MAX_TOKENS.
const SECRET_ENV = /(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)(?:_|$)/i;
const REDACTED = '[REDACTED]';

/** Values of secret-looking environment variables (at least 8 characters, so short values do not mask everything). */
export function secretValuesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 8 && SECRET_ENV.test(name)) values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

export interface ScrubOptions {
  /** Secret strings to mask wherever they appear. */
  secrets?: readonly string[];
  /** Longest string kept (default 200 characters). */
  maxString?: number;
  /** Most array elements / object keys kept (default 20). */
  maxItems?: number;
  /** Deepest nesting kept (default 4). */
  maxDepth?: number;
}

/**
 * Returns a copy of `value` safe to log: secret-named keys and known secret
 * values masked, long strings, arrays and deep objects truncated.
 */
export function scrub(value: unknown, options: ScrubOptions = {}, depth = 0): unknown {
  const { secrets = [], maxString = 200, maxItems = 20, maxDepth = 4 } = options;
  if (typeof value === 'string') {
    let text = value;
    for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
    return text.length > maxString ? `${text.slice(0, maxString)}…(${text.length} chars)` : text;
  }
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth >= maxDepth) return Array.isArray(value) ? `[array(${value.length})]` : '[object]';
  if (Array.isArray(value)) {
    const items = value.slice(0, maxItems).map((item) => scrub(item, options, depth + 1));
    if (value.length > maxItems) items.push(`…(${value.length - maxItems} more)`);
    return items;
  }
  if (value instanceof Error) return scrubError(value, options, depth);
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [key, item] of Object.entries(value)) {
    if (count++ >= maxItems) {
      out['…'] = `${Object.keys(value).length - maxItems} more keys`;
      break;
    }
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null ? REDACTED : scrub(item, options, depth + 1);
  }
  return out;
}

/**
 * An error as pino writes one (`type`, `message`, `stack`, plus `code` and
 * `cause` when set), scrubbed like everything else. The stack is the point of
 * logging an error, so it is kept; secrets in it are masked.
 */
function scrubError(error: Error, options: ScrubOptions, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: scrub(error.message, options, depth + 1) };
  if (error.stack) out.stack = scrub(error.stack, options, depth + 1);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (error.cause !== undefined) out.cause = scrub(error.cause, options, depth + 1);
  return out;
}

/** Replaces each secret, as it appears inside a JSON string, in a finished log line. */
function maskSecretsInLine(secrets: readonly string[]): ((line: string) => string) | undefined {
  const escaped = secrets.map((secret) => JSON.stringify(secret).slice(1, -1)).filter(Boolean);
  if (escaped.length === 0) return undefined;
  return (line) => {
    let out = line;
    for (const secret of escaped) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}

export interface LoggerOptions {
  level?: LogLevel;
  name?: string;
  secrets?: readonly string[];
  /** Where lines go; default stderr (fd 2). Tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

/**
 * stderr, with the lines of up to {@link LOG_FLUSH_MS} written together. A
 * line per call is part of the contract, but a write per call puts a syscall
 * (and, on a busy machine, a context switch) on every response's path: with
 * sequential calls each one ends its own event-loop turn, so flushing per turn
 * still meant one write per call. Gathered for a few milliseconds, a burst of
 * calls shares one write, and a line still reaches stderr well within a blink.
 * The underlying pino destination is synchronous (it retries EAGAIN on pipes),
 * and whatever is pending is written on `flush()` and on process exit, so a
 * shutdown loses nothing. Errors and worse are written at once.
 * (pino's own async mode sends each write through the libuv thread pool, which
 * measured slower than writing synchronously.)
 */
export function stderrDestination(fd = 2): BatchedDestination {
  let destination = destinations.get(fd);
  if (!destination) {
    destination = batched(pino.destination({ dest: fd, sync: true }));
    destinations.set(fd, destination);
    if (destinations.size === 1) process.on('exit', () => flushAll());
  }
  return destination;
}

export interface BatchedDestination extends pino.DestinationStream {
  flush(callback?: (error?: Error) => void): void;
}

// One per file descriptor, so every logger in the process shares one buffer and line order holds.
const destinations = new Map<number, BatchedDestination>();
function flushAll(): void {
  for (const destination of destinations.values()) destination.flush();
}

/** The longest a log line waits to be written with others. */
export const LOG_FLUSH_MS = 20;

function batched(sink: pino.DestinationStream): BatchedDestination {
  let pending = '';
  let scheduled: NodeJS.Timeout | undefined;
  const flush = (callback?: (error?: Error) => void) => {
    if (scheduled) clearTimeout(scheduled);
    scheduled = undefined;
    if (pending !== '') {
      const out = pending;
      pending = '';
      sink.write(out);
    }
    callback?.();
  };
  return {
    write(line: string) {
      pending += line;
      // pino writes `"level":"error"` and worse right after the opening brace
      if (/^\{"level":"(?:error|fatal)"/.test(line) || pending.length > 65_536) flush();
      // unref'd: a pending line never keeps the process alive (exit writes it)
      else if (!scheduled) scheduled = setTimeout(flush, LOG_FLUSH_MS).unref();
    },
    flush,
  };
}

/**
 * The current time as ISO 8601, formatted once per millisecond rather than
 * once per line: `toISOString()` costs about a microsecond, and a server under
 * load writes many lines in the same millisecond.
 */
let isoMs = Number.NaN;
let iso = '';
function isoNow(): string {
  const now = Date.now();
  if (now !== isoMs) {
    isoMs = now;
    iso = new Date(now).toISOString();
  }
  return iso;
}
/** pino's timestamp option: `,"time":"<ISO>"`. */
const isoTime = () => `,"time":"${isoNow()}"`;

const INFO_LINE: unique symbol = Symbol('toolwright.infoLine');
type InfoLineWriter = (fields: Record<string, unknown>, msg: string) => void;

/**
 * Writes an info line whose fields the caller already made safe (scrubbed),
 * as pino would write it: the runtime's one line per tool call. A logger from
 * {@link createLogger} formats it with one native `JSON.stringify` instead of
 * pino's generic path (its formatters and per-key serializing): this line is
 * on every call's path, and most of what logging added to a call. Secret
 * values in the finished line are still masked. Any other logger gets
 * `logger.info(fields, msg)`.
 */
export function logInfoLine(logger: Logger, fields: Record<string, unknown>, msg: string): void {
  // Own property only: a child logger inherits the root's through its prototype, but not the root's bindings.
  const write = Object.hasOwn(logger, INFO_LINE) ? (logger as Logger & { [INFO_LINE]: InfoLineWriter })[INFO_LINE] : undefined;
  if (write === undefined) logger.info(fields, msg);
  else if (logger.isLevelEnabled('info')) write(fields, msg);
}

/** Creates the JSON logger used by servers and handlers. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? secretValuesFromEnv();
  const limits = { secrets, maxString: 2000, maxItems: 50, maxDepth: 6 };
  // Key-based redaction and truncation run on the objects (the formatters); the last
  // step masks secret values in the finished line, so a secret is caught wherever
  // pino put it: the message, a child logger's bindings, a message taken from an error.
  const streamWrite = maskSecretsInLine(secrets);
  const destination = options.destination ?? stderrDestination();
  const logger = pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      base: undefined,
      timestamp: isoTime,
      // scrub() already turned errors into { type, message, stack }; pino's own err
      // serializer would see a plain object and blank its stack.
      serializers: { err: (value: unknown) => value },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object, limits) as Record<string, unknown>,
      },
      ...(streamWrite ? { hooks: { streamWrite } } : {}),
    },
    destination,
  );
  const head = options.name === undefined ? '' : `,"name":${JSON.stringify(options.name)}`;
  (logger as Logger & { [INFO_LINE]?: InfoLineWriter })[INFO_LINE] = (fields, msg) => {
    let body: string;
    try {
      body = JSON.stringify(fields);
    } catch {
      logger.info(fields, msg);
      return;
    }
    const line = `{"level":"info","time":"${isoNow()}"${head}${body.length > 2 ? `,${body.slice(1, -1)}` : ''},"msg":${JSON.stringify(msg)}}\n`;
    destination.write(streamWrite ? streamWrite(line) : line);
  };
  // pino runs formatters.bindings on the root logger's bindings only, never a
  // child's, so scrub a child's bindings here. Children inherit this method
  // from the root through their prototype, so grandchildren are covered too.
  const child: (this: Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions<never>) => Logger = logger.child;
  logger.child = function scrubbedChild(this: Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions<never>) {
    return child.call(this, scrub(bindings, limits) as pino.Bindings, childOptions);
  } as unknown as Logger['child'];
  return logger;
}
