/**
 * `toolwright dev` as a user runs it: a copy of the workspace example inside
 * the repository (so @toolwright/runtime resolves), served over HTTP; editing
 * a source adds a tool after the restart; an unsupported construct prints its
 * diagnostic and leaves the running server alone; SIGTERM ends dev and server.
 */
import { appendFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeClients, connectHttp, textOf } from './support/clients.js';
import { killAll, parseLogLine, ROOT, type Spawned, spawnCli } from './support/processes.js';
import { rawRequest } from './support/raw-http.js';

const PROJECT = resolve(ROOT, `tests/.dev-${process.pid}`);

const isReady = (line: string) => parseLogLine(line)?.msg === 'server ready';

/** Waits for a stderr line matching `test` that arrived after the first `after` lines. */
function nextLine(proc: Spawned, after: number, test: (line: string) => boolean, timeoutMs?: number): Promise<string> {
  return proc.waitForStderr((line) => proc.stderrLines.lastIndexOf(line) >= after && test(line), timeoutMs);
}

async function readyUrl(proc: Spawned, after: number): Promise<string> {
  const url = parseLogLine(await nextLine(proc, after, isReady))?.url;
  expect(url).toEqual(expect.any(String));
  return url as string;
}

afterEach(() => closeClients());
afterAll(async () => {
  await killAll();
  rmSync(PROJECT, { recursive: true, force: true });
});

describe('toolwright dev', () => {
  it('serves the project, restarts with a new tool after an edit, keeps the old server on errors, and ends on SIGTERM', async () => {
    mkdirSync(PROJECT, { recursive: true });
    cpSync(resolve(ROOT, 'packages/workspace/src'), resolve(PROJECT, 'src'), { recursive: true });
    writeFileSync(
      resolve(PROJECT, 'toolwright.config.ts'),
      `import { defineConfig } from '@toolwright/codegen';\n\nexport default defineConfig({ name: 'dev-fixture', version: '0.0.1', include: ['src/tools.ts'], outDir: 'generated/x' });\n`,
    );
    const tools = resolve(PROJECT, 'src/tools.ts');

    const proc = spawnCli(['dev', PROJECT, '--transport', 'http', '--port', '0']);
    const url = await readyUrl(proc, 0);
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(proc.stderrLines.some((line) => /^toolwright: dev: regenerated dev-fixture in \d+ ms/.test(line))).toBe(true);
    const first = await connectHttp(url);
    const before = (await first.client.listTools()).tools.map((t) => t.name);
    expect(before).toContain('read_file');
    expect(before).not.toContain('greet');
    await closeClients();

    // Add a tool: dev says what changed, regenerates, restarts on the same URL.
    let seen = proc.stderrLines.length;
    appendFileSync(tools, `\n/** Greet someone by name. */\nexport function greet(name: string): string {\n  return \`hello \${name}\`;\n}\n`);
    const regenerated = await nextLine(proc, seen, (line) => line.includes('regenerated dev-fixture'), 30_000);
    expect(regenerated).toMatch(/src\/tools\.ts changed; regenerated dev-fixture in \d+ ms \(re-read the changed files only; wrote .*server\.gen\.ts/);
    const again = await readyUrl(proc, proc.stderrLines.indexOf(regenerated));
    expect(again).toBe(url);
    const second = await connectHttp(again);
    expect((await second.client.listTools()).tools.map((t) => t.name)).toContain('greet');
    expect(textOf(await second.client.callTool({ name: 'greet', arguments: { name: 'dev' } }))).toBe('hello dev');

    // A function-typed parameter type-checks but cannot be a tool argument: the error is printed, nothing restarts.
    seen = proc.stderrLines.length;
    appendFileSync(tools, `\n/** Apply a callback. */\nexport function applyIt(callback: (x: number) => number): number {\n  return callback(1);\n}\n`);
    const failed = await nextLine(proc, seen, (line) => line.includes('error(s) in'), 30_000);
    expect(failed).toMatch(/dev-fixture: 1 error\(s\) in \d+ ms; nothing written, the running server is unchanged/);
    const printed = proc.stderrLines.slice(seen).join('\n');
    expect(printed).toMatch(/src\/tools\.ts:\d+:\d+: error TW1001: .*callback/);
    expect(proc.stderrLines.slice(seen).some(isReady)).toBe(false);
    const names = (await second.client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('greet');
    expect(names).not.toContain('apply_it');
    await closeClients();

    proc.child.kill('SIGTERM');
    expect(await proc.exited()).toEqual({ code: 0, signal: null });
    // The server went with it: nothing listens on its port any more.
    await expect(rawRequest(url.replace(/\/mcp$/, '/healthz'), { timeoutMs: 2000 })).rejects.toThrow();
    // stdout stays empty: over stdio it would carry only the server's protocol.
    expect(proc.stdoutLines).toEqual([]);
  });

  it('refuses a folder without a config, saying what to create', async () => {
    const proc = spawnCli(['dev', resolve(ROOT, 'tests/fixtures')]);
    const { code } = await proc.exited();
    expect(code).not.toBe(0);
    expect(proc.stderrLines.join('\n')).toMatch(/No config file in .*toolwright\.config\.ts/);
  });
});
