/**
 * Runtime configuration from environment variables and an optional `.env`
 * file. Secrets (tokens) come only from here, never from command-line flags
 * that end up in shell history, process lists or logs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { ConfigurationError } from './errors.js';
import { DEFAULT_MAX_RESULT_TOKENS } from './http/shape.js';
import type { LogLevel } from './logging.js';

/**
 * Loads `.env` from `dir` (default: the current directory) into `env`
 * without overriding variables already set. Missing file: nothing happens.
 */
export function loadEnvFile(dir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = resolve(dir, '.env');
  if (!existsSync(path)) return undefined;
  dotenv.config({ path, processEnv: env as Record<string, string>, override: false, quiet: true });
  return path;
}

export interface HttpSettings {
  host: string;
  port: number;
  /** No sessions: a fresh server per request, for horizontal scaling. */
  stateless: boolean;
  /** Bearer token clients must send (`TOOLWRIGHT_AUTH_TOKEN`). */
  authToken: string | undefined;
  /** Extra allowed `Origin` values (`TOOLWRIGHT_ALLOWED_ORIGINS`, comma separated). */
  allowedOrigins: string[];
  /** Extra allowed `Host` values (`TOOLWRIGHT_ALLOWED_HOSTS`, comma separated). */
  allowedHosts: string[];
  /** Largest accepted request body in bytes (`TOOLWRIGHT_MAX_BODY_BYTES`, default 4 MiB). */
  maxBodyBytes: number;
  /** Also serve the legacy HTTP+SSE transport (protocol 2024-11-05) at `/sse` + `/messages`. */
  legacySse: boolean;
  /** Close sessions idle for longer than this (`TOOLWRIGHT_SESSION_IDLE_MS`, default 30 min). */
  sessionIdleMs: number;
  /** Most concurrent sessions (`TOOLWRIGHT_MAX_SESSIONS`, default 1000). */
  maxSessions: number;
}

export interface RuntimeSettings {
  logLevel: LogLevel | undefined;
  toolTimeoutMs: number | undefined;
  http: HttpSettings;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The settings every server reads, whatever its transport: log level and default tool timeout. */
export function readCallSettings(env: NodeJS.ProcessEnv = process.env): Omit<RuntimeSettings, 'http'> {
  const logLevel = env.TOOLWRIGHT_LOG_LEVEL;
  if (logLevel !== undefined && !LOG_LEVELS.has(logLevel)) {
    throw new ConfigurationError(`TOOLWRIGHT_LOG_LEVEL="${logLevel}" is not one of ${[...LOG_LEVELS].join(', ')}.`);
  }
  return { logLevel: logLevel as LogLevel | undefined, toolTimeoutMs: positiveInt(env, 'TOOLWRIGHT_TOOL_TIMEOUT_MS') };
}

/**
 * Settings of API tools' upstream client: `TOOLWRIGHT_MAX_RESULT_TOKENS` (default 25,000; some clients refuse larger
 * results), `TOOLWRIGHT_RAW_RESULTS` (true: no compact projection, for debugging a tool's full answer) and
 * `TOOLWRIGHT_UPSTREAM_PACING` (false: no client-side pacing or spacing of writes, e.g. against a local test double).
 */
export function readResultSettings(env: NodeJS.ProcessEnv = process.env): { maxTokens: number; raw: boolean; pacing: boolean } {
  return {
    maxTokens: positiveInt(env, 'TOOLWRIGHT_MAX_RESULT_TOKENS') ?? DEFAULT_MAX_RESULT_TOKENS,
    raw: flag(env, 'TOOLWRIGHT_RAW_RESULTS'),
    pacing: env.TOOLWRIGHT_UPSTREAM_PACING === undefined || env.TOOLWRIGHT_UPSTREAM_PACING === '' || flag(env, 'TOOLWRIGHT_UPSTREAM_PACING'),
  };
}

/** Reads every `TOOLWRIGHT_*` setting; throws a {@link ConfigurationError} naming the bad variable. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  return {
    ...readCallSettings(env),
    http: {
      host: env.TOOLWRIGHT_HOST || '127.0.0.1',
      port: port(env),
      stateless: flag(env, 'TOOLWRIGHT_STATELESS'),
      authToken: env.TOOLWRIGHT_AUTH_TOKEN || undefined,
      allowedOrigins: list(env.TOOLWRIGHT_ALLOWED_ORIGINS),
      allowedHosts: list(env.TOOLWRIGHT_ALLOWED_HOSTS),
      maxBodyBytes: positiveInt(env, 'TOOLWRIGHT_MAX_BODY_BYTES') ?? 4 * 1024 * 1024,
      legacySse: flag(env, 'TOOLWRIGHT_LEGACY_SSE'),
      sessionIdleMs: positiveInt(env, 'TOOLWRIGHT_SESSION_IDLE_MS') ?? 30 * 60_000,
      maxSessions: positiveInt(env, 'TOOLWRIGHT_MAX_SESSIONS') ?? 1000,
    },
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, allowZero = false): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigurationError(`${name}="${raw}" must be a ${allowZero ? 'non-negative' : 'positive'} integer.`);
  }
  return value;
}

function port(env: NodeJS.ProcessEnv): number {
  const value = positiveInt(env, 'TOOLWRIGHT_PORT', true) ?? 3000;
  if (value > 65_535) throw new ConfigurationError(`TOOLWRIGHT_PORT="${env.TOOLWRIGHT_PORT}" is not a TCP port (0–65535; 0 picks a free one).`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigurationError(`${name}="${env[name]}" must be true or false.`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
