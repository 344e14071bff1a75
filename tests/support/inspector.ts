/**
 * `@modelcontextprotocol/inspector --cli` as a user runs it: its own process,
 * JSON output, its exit code (5 when a tool answers with isError).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cleanEnv, ROOT } from './processes.js';

const INSPECTOR_CLI = resolve(ROOT, 'node_modules/@modelcontextprotocol/inspector/clients/cli/build/index.js');
// The inspector keeps a catalog of servers; keep it out of the user's home.
const catalogDir = mkdtempSync(join(tmpdir(), 'toolwright-inspector-'));

export interface InspectorRun {
  code: number;
  /** Parsed stdout (the inspector's JSON answer). */
  json: unknown;
  stdout: string;
  stderr: string;
}

/** Runs the inspector CLI with `args` and waits for it to exit. */
export function inspect(args: string[], timeoutMs = 30_000): Promise<InspectorRun> {
  const env = cleanEnv({ MCP_CATALOG_PATH: join(catalogDir, 'mcp.json') });
  // loopback only: a proxy from the environment must not carry these requests
  for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[key];
  return new Promise((done, fail) => {
    execFile(process.execPath, [INSPECTOR_CLI, '--format', 'json', ...args], { cwd: ROOT, env, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (error?.killed) return fail(new Error(`inspector timed out after ${timeoutMs} ms; stderr:\n${stderr}`));
      let json: unknown;
      try {
        json = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
      } catch {
        return fail(new Error(`inspector printed no JSON (exit ${code}); stdout:\n${stdout}\nstderr:\n${stderr}`));
      }
      done({ code, json, stdout, stderr });
    });
  });
}
