/**
 * The environment variables a generated server reads: its own (the IR's
 * `env`: an API's base URL and token) and the runtime's `TOOLWRIGHT_*`
 * settings, which every Toolwright server reads. The codegen does not load
 * the runtime, so the settings are listed here; a test reads the runtime's
 * sources and fails when a variable it reads is missing from this list.
 */
import type { IrServer } from '../../ir/types.js';
import { byName } from './context.js';
import { code, inlineProse, literal, table } from './markdown.js';

export interface RuntimeSetting {
  name: string;
  default?: string;
  meaning: string;
  /** Only for the HTTP transport. */
  http?: true;
}

/** Mirrors packages/runtime/src: config.ts (readSettings, readCallSettings, readResultSettings), toolsets.ts, search/mode.ts. */
export const RUNTIME_SETTINGS: readonly RuntimeSetting[] = [
  { name: 'TOOLWRIGHT_TOOLSETS', meaning: 'Toolsets to offer, comma-separated (`all` for every tool); default: the default toolsets.' },
  { name: 'TOOLWRIGHT_TOOLS', meaning: 'Tools to offer by name, comma-separated, alone or added to the toolsets.' },
  { name: 'TOOLWRIGHT_READ_ONLY', default: 'false', meaning: '`true` offers only read-only tools.' },
  {
    name: 'TOOLWRIGHT_MODE',
    default: 'tools',
    meaning: '`tools` lists the selected tools; `search` offers them through three meta-tools (search, describe, call).',
  },
  { name: 'TOOLWRIGHT_PIN', meaning: 'With `search` mode: toolsets or tools (comma-separated) listed beside the search tools.' },
  { name: 'TOOLWRIGHT_MAX_RESULT_TOKENS', default: '25000', meaning: 'API tools: results are cut near this many tokens.' },
  { name: 'TOOLWRIGHT_RAW_RESULTS', default: 'false', meaning: "API tools: `true` sends the API's full answers, without the compact projection." },
  {
    name: 'TOOLWRIGHT_UPSTREAM_PACING',
    default: 'true',
    meaning: 'API tools: `false` turns off the client-side pacing of requests (for a local test double).',
  },
  { name: 'TOOLWRIGHT_TOOL_TIMEOUT_MS', default: '30000', meaning: 'Time limit of one tool call, in milliseconds.' },
  { name: 'TOOLWRIGHT_LOG_LEVEL', default: 'info', meaning: 'Log level of the JSON logs on stderr: `fatal` … `trace`, or `silent`.' },
  {
    name: 'TOOLWRIGHT_AUTH_TOKEN',
    meaning: 'Bearer token HTTP clients must send; required to bind an address other than loopback.',
    http: true,
  },
  { name: 'TOOLWRIGHT_HOST', default: '127.0.0.1', meaning: 'Address to bind.', http: true },
  { name: 'TOOLWRIGHT_PORT', default: '3000', meaning: 'Port to listen on (0 picks a free one).', http: true },
  { name: 'TOOLWRIGHT_ALLOWED_ORIGINS', meaning: 'Extra allowed `Origin` values, comma-separated.', http: true },
  { name: 'TOOLWRIGHT_ALLOWED_HOSTS', meaning: 'Extra allowed `Host` values, comma-separated.', http: true },
  { name: 'TOOLWRIGHT_MAX_BODY_BYTES', default: '4194304', meaning: 'Largest request body accepted, in bytes.', http: true },
  { name: 'TOOLWRIGHT_STATELESS', default: 'false', meaning: '`true`: no sessions, a fresh server per request (behind a load balancer).', http: true },
  { name: 'TOOLWRIGHT_LEGACY_SSE', default: 'false', meaning: '`true` also serves the 2024-11-05 HTTP+SSE transport at `/sse`.', http: true },
  { name: 'TOOLWRIGHT_SESSION_IDLE_MS', default: '1800000', meaning: 'Sessions idle this long (ms) are closed.', http: true },
  { name: 'TOOLWRIGHT_MAX_SESSIONS', default: '1000', meaning: 'Most concurrent sessions.', http: true },
];

/** The environment section of a server's index page. */
export function environmentSection(server: IrServer): string[] {
  const out: string[] = ['## Environment variables', ''];
  if (server.env.length > 0) {
    out.push(
      `${literal(server.title ?? server.name)} reads:`,
      '',
      table(
        ['Variable', 'Required', 'Default', 'Meaning'],
        byName(server.env).map((v) => [
          code(v.name),
          v.required ? 'yes' : 'no',
          v.default !== undefined ? code(v.default) : '',
          `${v.secret ? '**Secret.** ' : ''}${inlineProse(v.description)}`,
        ]),
      ),
      '',
      'Secrets come only from the environment (or a `.env` file in the folder the server starts in), never from flags.',
      '',
    );
  }
  out.push(
    'Every Toolwright server also reads these settings (the HTTP ones only with `--transport http`):',
    '',
    table(
      ['Variable', 'Default', 'Meaning'],
      RUNTIME_SETTINGS.map((s) => [code(s.name), s.default !== undefined ? code(s.default) : '', `${s.http ? 'HTTP: ' : ''}${inlineProse(s.meaning)}`]),
    ),
    '',
  );
  return out;
}
