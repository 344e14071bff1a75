/**
 * Structured logging: JSON lines on stderr (pino), never stdout, because on
 * stdio stdout carries only protocol messages. Every line passes through a
 * scrubber that replaces known secret values and secret-looking keys.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const SECRET_KEY = /(authorization|cookie|password|passwd|secret|token|api[-_]?key|private[-_]?key|credential)/i;
const SECRET_ENV = /(TOKEN|SECRET|PASSWORD|API_KEY|APIKEY|PRIVATE_KEY|CREDENTIALS?)$/i;
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
  if (value instanceof Error) return { name: value.name, message: scrub(value.message, options, depth + 1) };
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

export interface LoggerOptions {
  level?: LogLevel;
  name?: string;
  secrets?: readonly string[];
  /** Where lines go; default stderr (fd 2). Tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

/** Creates the JSON logger used by servers and handlers. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? secretValuesFromEnv();
  const scrubText = (text: string): string => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object, { secrets, maxString: 2000, maxItems: 50, maxDepth: 6 }) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
