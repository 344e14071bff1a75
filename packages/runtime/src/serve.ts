/**
 * `serve()`: the one call a server's entry point makes. Reads settings from
 * the environment (and `.env`), starts stdio or HTTP, and shuts down cleanly
 * on SIGINT/SIGTERM or, on stdio, when the client closes stdin.
 */
import { type HttpSettings, loadEnvFile, readSettings } from './config.js';
import type { ServerDefinition } from './definitions.js';
import { ConfigurationError } from './errors.js';
import { modeFromEnv, parseMode, type ServerMode, searchMode } from './search/mode.js';
import { createServerFactory, type ServerFactory, type ServerFactoryOptions } from './server.js';
import { selectionFromEnv, selectTools, type ToolSelection } from './toolsets.js';
import { serveHttp } from './transports/http.js';
import { serveStdio } from './transports/stdio.js';

export type TransportKind = 'stdio' | 'http';

export interface ServeOptions extends ServerFactoryOptions {
  transport?: TransportKind;
  /** HTTP settings; unset fields come from `TOOLWRIGHT_*` variables, then defaults. */
  http?: Partial<HttpSettings>;
  /** Load `.env` from the current directory first (default true). */
  dotenv?: boolean;
  /** Install SIGINT/SIGTERM handlers that close the server (default true). */
  handleSignals?: boolean;
  /** Which tools to offer; unset fields come from `TOOLWRIGHT_TOOLSETS`, `TOOLWRIGHT_TOOLS`, `TOOLWRIGHT_READ_ONLY`. */
  select?: ToolSelection;
  /**
   * `tools` (default): list the selected tools. `search`: list `search_tools`, `describe_tool` and `call_tool`,
   * which reach every selected operation (all of them unless `select` names toolsets or tools). Unset: `TOOLWRIGHT_MODE`.
   */
  mode?: ServerMode;
  /** Search mode: toolsets or tools (`default`: the default toolsets) listed directly too. Unset: `TOOLWRIGHT_PIN`. */
  pin?: readonly string[];
}

export interface RunningServer {
  readonly transport: TransportKind;
  readonly factory: ServerFactory;
  /** The MCP endpoint URL (HTTP only). */
  readonly url: string | undefined;
  /** Resolves once the server has stopped. */
  readonly stopped: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves a definition until the client goes away or the process is signalled.
 *
 * @example
 * await serve(defineServer({ name: 'demo', version: '1.0.0', tools: [add] }), { transport: 'http' });
 */
export async function serve(definition: ServerDefinition | ServerFactory, options: ServeOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  if (options.dotenv !== false) loadEnvFile(process.cwd(), env);
  const settings = readSettings(env);
  const transport = options.transport ?? 'stdio';
  const factoryOptions = {
    ...options,
    env,
    logLevel: options.logLevel ?? settings.logLevel,
    toolTimeoutMs: options.toolTimeoutMs ?? settings.toolTimeoutMs,
    // Only HTTP has a /metrics endpoint: on stdio nothing could ever read them.
    metrics: options.metrics ?? transport === 'http',
  };
  const factory = 'create' in definition ? definition : createServerFactory(await selectFor(definition, options, env, factoryOptions), factoryOptions);
  let close: () => Promise<void>;
  let url: string | undefined;
  let stopped: Promise<void>;
  if (transport === 'http') {
    const handle = await serveHttp(factory, { ...settings.http, ...options.http });
    url = handle.url;
    let resolveStopped!: () => void;
    stopped = new Promise((resolve) => {
      resolveStopped = resolve;
    });
    close = () => handle.close().then(resolveStopped);
  } else {
    const handle = await serveStdio(factory);
    stopped = handle.closed;
    close = () => handle.close();
  }
  if (options.handleSignals !== false) {
    // Handling the signal replaces Node's default of exiting, so exiting is now our job:
    // once closed, the process ends when its event loop empties, or after a short grace
    // if a handler that ignored its abort signal still holds it open. A second signal
    // finds no handler and kills the process at once.
    const onSignal = (signal: NodeJS.Signals) => {
      factory.logger.info({ signal }, 'shutting down');
      void close()
        .catch((error: unknown) => factory.logger.error({ err: error }, 'error while shutting down'))
        .then(() => {
          factory.logger.flush();
          exitAfterGrace();
        });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    void stopped.then(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
  }
  return { transport, factory, url, stopped, close };
}

/** The definition to serve: the selected tools, or in search mode the meta-tools over them. */
async function selectFor(
  definition: ServerDefinition,
  options: ServeOptions,
  env: NodeJS.ProcessEnv,
  factory: ServerFactoryOptions,
): Promise<ServerDefinition> {
  const fromEnv = modeFromEnv(env);
  const mode = options.mode !== undefined ? parseMode(options.mode) : (fromEnv.mode ?? 'tools');
  const pin = options.pin ?? fromEnv.pin;
  const selection = { ...selectionFromEnv(env), ...options.select };
  if (mode === 'search') {
    return searchMode(definition, { ...selection, ...(pin ? { pin } : {}), factory });
  }
  if (pin?.length)
    throw new ConfigurationError('--pin (TOOLWRIGHT_PIN) lists tools to show beside the search tools: it needs --mode search (TOOLWRIGHT_MODE=search).');
  return selectTools(definition, selection);
}

/** How long a stopped server waits for leftover work before the process exits anyway. */
const EXIT_GRACE_MS = 2000;

/**
 * Exits the process after {@link EXIT_GRACE_MS} unless it has ended by itself
 * (the timer is unref'd, so it never keeps an otherwise idle process alive).
 * For stopped servers: a handler that ignores its abort signal must not keep
 * the process running forever.
 */
function exitAfterGrace(graceMs = EXIT_GRACE_MS): void {
  setTimeout(() => process.exit(), graceMs).unref();
}
