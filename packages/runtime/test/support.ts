/**
 * Shared helpers for the runtime tests: a logger whose JSON lines are kept in
 * memory, and a deferred promise for handlers that must report what they saw.
 */
import { createLogger, type Logger, type LoggerOptions } from '@toolwright/runtime';

export interface CapturedLogs {
  readonly logger: Logger;
  /** Raw lines as written (one JSON document each). */
  readonly lines: string[];
  /** Every line parsed. */
  records(): Record<string, unknown>[];
  /** The parsed lines whose `msg` is `msg`. */
  withMessage(msg: string): Record<string, unknown>[];
  /** All lines joined: for "never appears anywhere" assertions. */
  text(): string;
}

/** A logger writing to memory instead of stderr. Secrets default to none so tests state their own. */
export function captureLogs(options: Omit<LoggerOptions, 'destination'> = {}): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [],
    ...options,
    destination: {
      write(chunk: string) {
        for (const line of chunk.split('\n')) if (line.trim()) lines.push(line);
      },
    },
  });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    logger,
    lines,
    records,
    withMessage: (msg) => records().filter((record) => record.msg === msg),
    text: () => lines.join('\n'),
  };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The `_meta['toolwright/error']` block of a tool result, if any. */
export function errorMeta(result: unknown): Record<string, unknown> | undefined {
  const meta = (result as { _meta?: Record<string, unknown> } | undefined)?._meta;
  return meta?.['toolwright/error'] as Record<string, unknown> | undefined;
}

/** The text of the first content block of a tool result. */
export function firstText(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] } | undefined)?.content;
  const block = content?.[0];
  if (block?.type !== 'text' || typeof block.text !== 'string') throw new Error(`expected a text block, got ${JSON.stringify(content)}`);
  return block.text;
}
