/**
 * `toolwright dev [project]`: build, serve, and on every change to the
 * project's sources (the files its config includes, their folders, and the
 * config itself) regenerate and restart the server.
 *
 * The server runs as a child process (`toolwright serve <outDir>/server.gen.ts`)
 * so that a restart loads fresh modules: an ESM module, once imported, cannot
 * be unloaded from the process that imported it. When a rebuild has errors,
 * the diagnostics are printed and the running server is left alone.
 *
 * Over stdio the child inherits stdin and stdout, and this process writes only
 * to stderr, so stdout carries nothing but the server's protocol.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, type FSWatcher, readdirSync, watch } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@toolwright/codegen';
import { type BuildCache, buildProject, formatDiagnostics } from './build.js';

export interface DevFlags {
  transport: 'stdio' | 'http';
  host?: string;
  port?: number;
  config?: string;
}

/** Quiet period after the last change before rebuilding: an editor's save (write, rename, chmod) or a branch switch arrives as a burst. */
const DEBOUNCE_MS = 100;
/** How long a server being replaced may take to stop before it is killed. */
const STOP_GRACE_MS = 5000;
/** Files whose change can change the generated server (sources, their types, tsconfig and package manifests). */
const RELEVANT = /\.(?:[cm]?[jt]sx?|json)$/;
/** The CLI's own bin, from src/commands/ and dist/commands/ alike. */
const BIN = fileURLToPath(new URL('../../bin/toolwright.js', import.meta.url));

/** `toolwright dev [project]`: runs until SIGINT/SIGTERM (or, over stdio, until the client closes stdin). */
export async function devCommand(project: string | undefined, flags: DevFlags): Promise<void> {
  const cwd = process.cwd();
  const root = resolve(cwd, project ?? '.');
  const log = (message: string) => process.stderr.write(`toolwright: dev: ${message}\n`);
  const shown = (path: string) => toPosix(relative(cwd, path)) || '.';

  let watchers: FSWatcher[] = [];
  let server: ChildProcess | undefined;
  /** Set once the first server reported its URL: later servers reuse the port, so a client's URL stays valid across restarts. */
  let port = flags.port;
  let stopping = false;
  let building = false;
  let timer: NodeJS.Timeout | undefined;
  const pending = new Set<string>();
  // What the last good build read: lets a one-file edit re-read just that file.
  let cache: BuildCache | undefined;
  // Files changed since that build (a failed build leaves them here for the next one).
  const dirty = new Set<string>();
  let configFile = '';
  let outDir = '';

  /** (Re)creates the watchers from the config's include globs; returns false (after saying why) when the config cannot be loaded. */
  const watchSources = async (): Promise<boolean> => {
    let loaded: Awaited<ReturnType<typeof loadConfig>>;
    try {
      loaded = await loadConfig({ root, ...(flags.config ? { file: flags.config } : {}) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The old watchers stay: they include the config's folder, so saving a fixed config rebuilds.
      log(`${shown(root)}: ${error.message}`);
      return false;
    }
    for (const watcher of watchers) watcher.close();
    configFile = resolve(root, loaded.file);
    outDir = resolve(root, loaded.config.outDir);
    watchers = [];
    const onChange = (dir: string) => (_event: string, name: string | Buffer | null) => {
      if (name === null) return;
      const path = resolve(dir, name.toString());
      if (path === configFile) return changed(path);
      if (path === outDir || path.startsWith(outDir + sep) || !RELEVANT.test(path) || path.split(sep).includes('node_modules')) return;
      changed(path);
    };
    // The config's folder, not the file: editors save by writing a new file and renaming it over
    // the old one, and a watch on the old file's inode would then see nothing more.
    watchers.push(watch(dirname(configFile), onChange(dirname(configFile))));
    // Node's own watcher, recursive (Node 20 supports `recursive` on Linux too). chokidar is in
    // node_modules only as a dependency of the MCP inspector, not of this package, and the
    // glob bases are folders, so a recursive fs.watch per base is all that is needed.
    for (const dir of globBases(root, loaded.config.include)) {
      if (!existsSync(dir)) continue;
      if (dir !== root) {
        watchers.push(watch(dir, { recursive: true }, onChange(dir)));
        continue;
      }
      // A glob from the root (**/*.ts): a recursive watch there would also watch every folder in
      // node_modules (Node has no ignore option), so watch the root's own files and its other folders.
      watchers.push(watch(root, onChange(root)));
      for (const entry of readdirSync(root, { withFileTypes: true })) {
        const path = resolve(root, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.') && path !== outDir) {
          watchers.push(watch(path, { recursive: true }, onChange(path)));
        }
      }
    }
    for (const watcher of watchers) watcher.on('error', (error) => log(`watching failed: ${error.message}`));
    return true;
  };

  const changed = (path: string) => {
    if (stopping) return;
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), DEBOUNCE_MS);
  };

  /** Regenerates; restarts the server when there are no errors. Changes that arrive meanwhile trigger one more round. */
  const rebuild = async (): Promise<void> => {
    if (building || stopping) return;
    building = true;
    const paths = [...pending];
    pending.clear();
    for (const path of paths) dirty.add(path);
    try {
      if (paths.includes(configFile) && !(await watchSources())) return;
      const what = paths.length > 0 ? `${paths.map(shown).join(', ')} changed; ` : '';
      const started = performance.now();
      const result = await buildProject(root, {
        write: true,
        ...(flags.config ? { config: flags.config } : {}),
        ...(cache && paths.length > 0 ? { cache, changed: [...dirty] } : {}),
      }).catch((error: unknown) => {
        if (error instanceof ConfigError) {
          log(`${what}${shown(root)}: ${error.message}`);
          return undefined;
        }
        throw error;
      });
      if (!result || stopping) return;
      if (result.cache) {
        cache = result.cache;
        dirty.clear();
      }
      const ms = Math.round(performance.now() - started);
      for (const line of formatDiagnostics(result.diagnostics, result.root, cwd)) process.stderr.write(`${line}\n`);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      if (errors > 0) {
        log(
          `${what}${result.name}: ${errors} error(s) in ${ms} ms; nothing written${server ? ', the running server is unchanged' : ''}. Fix the source and save to try again.`,
        );
        return;
      }
      log(
        `${what}regenerated ${result.name} in ${ms} ms (${result.incremental ? 're-read the changed files only; ' : ''}${result.changed.length ? `wrote ${result.changed.join(', ')}` : 'generated files unchanged'}).`,
      );
      // Restart even when no generated file changed: the server imports the functions, whose bodies may have.
      await restart();
    } catch (error) {
      log(`rebuild failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      building = false;
      if (pending.size > 0 && !stopping) changed([...pending][0]!);
    }
  };

  const restart = async (): Promise<void> => {
    const file = resolve(outDir, 'server.gen.ts');
    const old = server;
    if (old) {
      log('restarting the server.');
      server = undefined; // its exit is expected now, not a crash to report
      await stop(old, 'SIGTERM');
    }
    if (stopping) return;
    server = startServer(file);
  };

  const startServer = (file: string): ChildProcess => {
    const args = [BIN, 'serve', file, '--transport', flags.transport];
    if (flags.host !== undefined) args.push('--host', flags.host);
    if (port !== undefined) args.push('--port', String(port));
    // Own process group (detached): a terminal's Ctrl-C reaches only this process, which forwards it
    // once; the server's runtime treats a second signal as "exit now", skipping its graceful close.
    const child = spawn(process.execPath, args, {
      stdio: [flags.transport === 'stdio' ? 'inherit' : 'ignore', 'inherit', 'pipe'],
      detached: true,
    });
    // Forward the server's log, and learn its port from the "server ready" line.
    createInterface({ input: child.stderr!, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      process.stderr.write(`${line}\n`);
      if (port === undefined || port === 0) {
        const url = readyUrl(line);
        if (url) port = Number(new URL(url).port);
      }
    });
    child.once('exit', (code, signal) => {
      if (server !== child) return;
      server = undefined;
      if (stopping) return;
      // Over stdio a clean exit means the client closed stdin: the session is over, so is dev.
      if (flags.transport === 'stdio' && code === 0) return void shutdown();
      log(`the server exited (${signal ?? `code ${code}`}); fix the problem and save to restart it.`);
    });
    return child;
  };

  const shutdown = async (signal?: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    if (server) await stop(server, signal ?? 'SIGTERM');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  // Last resort if this process ends some other way (an uncaught error): never leave a server behind.
  process.once('exit', () => server?.kill('SIGKILL'));

  if (!(await watchSources())) {
    process.exitCode = 1;
    return;
  }
  log(`watching ${shown(root)} (${flags.transport === 'http' ? 'http' : 'stdio'}); regenerating on change.`);
  await rebuild();
  // The first build failed: serve what was generated before, if anything, so there is a server to talk to.
  if (!server && !stopping && existsSync(resolve(outDir, 'server.gen.ts'))) {
    log(`serving the previously generated ${shown(resolve(outDir, 'server.gen.ts'))} until the errors are fixed.`);
    server = startServer(resolve(outDir, 'server.gen.ts'));
  }
}

/** Sends `signal`, waits for the exit, kills after {@link STOP_GRACE_MS}. */
function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill(signal);
  });
}

/** The URL of a runtime "server ready" JSON log line, else undefined. */
function readyUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return value.msg === 'server ready' && typeof value.url === 'string' ? value.url : undefined;
  } catch {
    return undefined;
  }
}

/** The folders to watch for include globs: each glob's leading run of literal segments (`src/**\/*.ts` → src, `src/tools.ts` → src). */
export function globBases(root: string, include: readonly string[]): string[] {
  const bases = new Set<string>();
  for (const pattern of include) {
    const segments = toPosix(pattern).split('/');
    const literal: string[] = [];
    for (const segment of segments) {
      if (/[*?[\]{}!()]/.test(segment)) break;
      literal.push(segment);
    }
    // A pattern with no glob characters names a file (or a folder, when it ends in "/").
    if (literal.length === segments.length && !pattern.endsWith('/')) literal.pop();
    const base = isAbsolute(pattern) ? resolve(literal.join('/') || '/') : resolve(root, literal.join('/'));
    bases.add(base);
  }
  // A base inside another base is already watched.
  return [...bases].filter((base) => ![...bases].some((other) => other !== base && base.startsWith(other + sep)));
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}
