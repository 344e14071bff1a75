import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerDefinition } from '@toolwright/runtime';

export interface ServeFlags {
  transport: 'stdio' | 'http';
  host?: string;
  port?: number;
  stateless?: boolean;
  legacySse?: boolean;
  toolsets?: string[];
  tools?: string[];
  readOnly?: boolean;
  mode?: 'tools' | 'search';
  pin?: string[];
}

/** `toolwright serve <server>`: loads the definition and serves it until stopped. */
export async function serveCommand(server: string, flags: ServeFlags): Promise<void> {
  // The runtime and the server module load as one module graph: their files are
  // fetched side by side instead of one graph after the other (cold start, issue #4).
  const [{ serve }, definition] = await Promise.all([import('@toolwright/runtime'), loadServerDefinition(server)]);
  const running = await serve(definition, {
    transport: flags.transport,
    http: {
      ...(flags.host !== undefined ? { host: flags.host } : {}),
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      ...(flags.stateless ? { stateless: true } : {}),
      ...(flags.legacySse ? { legacySse: true } : {}),
    },
    select: {
      ...(flags.toolsets ? { toolsets: flags.toolsets } : {}),
      ...(flags.tools ? { tools: flags.tools } : {}),
      ...(flags.readOnly ? { readOnly: true } : {}),
    },
    ...(flags.mode ? { mode: flags.mode } : {}),
    ...(flags.pin ? { pin: flags.pin } : {}),
  });
  if (running.url) process.stderr.write(`toolwright: ${definition.name} ${definition.version} listening on ${running.url}\n`);
  await running.stopped;
  // Stopped (stdin closed, or a signal): leftover work of a handler that ignored its
  // abort signal must not keep the command running.
  // The timer is unref'd: an otherwise idle process still ends at once.
  running.factory.logger.flush();
  setTimeout(() => process.exit(), 2000).unref();
}

/**
 * Finds a server module: a path to a file or folder, or a name under
 * `generated/<name>/` (or `packages/<name>/`) of the current directory.
 */
export function resolveServerModule(server: string, cwd = process.cwd()): string {
  const candidates = [resolve(cwd, server), resolve(cwd, 'generated', server), resolve(cwd, 'packages', server)];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    if (statSync(candidate).isFile()) return candidate;
    for (const entry of ['server.gen.ts', 'index.ts', 'src/server.ts', 'src/index.ts', 'index.js', 'dist/index.js']) {
      const file = resolve(candidate, entry);
      if (existsSync(file)) return file;
    }
  }
  throw new Error(
    `No server "${server}": not a file, and no generated/${server}/ or packages/${server}/ with an index. Pass a path to a module whose default export is a server definition.`,
  );
}

export async function loadServerDefinition(server: string): Promise<ServerDefinition> {
  const file = resolveServerModule(server);
  const [{ isServerDefinition }, module] = await Promise.all([
    import('@toolwright/runtime'),
    import(pathToFileURL(file).href) as Promise<Record<string, unknown>>,
  ]);
  const candidate = module.default ?? module.server;
  const value = typeof candidate === 'function' ? await (candidate as () => unknown)() : candidate;
  if (!isServerDefinition(value)) {
    throw new Error(`${file} does not export a server definition: export default defineServer({...}) (from @toolwright/runtime).`);
  }
  return value;
}
