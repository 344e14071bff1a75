/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, every
 * server scenario: `--suite all`) against the conformance fixture as a user
 * serves it: typed functions in packages/conformance, generated into
 * generated/conformance by `toolwright build`, served by
 * `toolwright serve conformance --transport http`. Every check must pass.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, killAll, parseLogLine, ROOT, type Spawned, spawnCli } from './support/processes.js';

/** The suite's CLI, found through its package.json `bin` so a version bump that moves it still works. */
const SUITE_PACKAGE = createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json');
const SUITE_BIN = resolve(dirname(SUITE_PACKAGE), (JSON.parse(await readFile(SUITE_PACKAGE, 'utf8')) as { bin: { conformance: string } }).bin.conformance);

/**
 * Warnings (SHOULD-level checks) the fixture cannot clear, each with why. The
 * test fails on any other warning, and on one of these once it passes, so the
 * list stays true.
 */
const KNOWN_WARNINGS: Record<string, string> = {
  // server-sse-polling (SEP-1699) posts its tools/call with "mcp-protocol-version: 2025-03-26", and the
  // SDK's Streamable HTTP transport sends priming events (and with them `retry:`) only to clients of
  // 2025-11-25 or later, whose SSE parsers accept an event with empty data.
  'server-sse-priming-event': 'SDK sends priming events only to protocol >= 2025-11-25; the scenario declares 2025-03-26',
  'server-sse-retry-field': 'the retry field rides on the priming event (see server-sse-priming-event)',
};

/**
 * Checks that fail today, each with its reason (empty: none). The test fails on any other failure,
 * and when one listed here starts passing (remove it then).
 */
const KNOWN_FAILURES: Record<string, string> = {};

interface Check {
  id: string;
  name: string;
  description: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | string;
  errorMessage?: string;
}

interface SuiteRun {
  code: number | null;
  output: string;
  /** Checks per scenario, read from the `checks.json` the suite writes for each. */
  scenarios: Map<string, Check[]>;
}

/** Runs the suite's CLI with `args` under Node, the way npx would. */
function runSuite(args: string[], timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SUITE_BIN, ...args], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the conformance suite did not finish within ${timeoutMs} ms; output so far:\n${output}`));
    }, timeoutMs);
    child.once('error', fail);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Result folders are named `server-<scenario>-<timestamp>`; scenario names may contain dashes. */
async function readResults(dir: string, scenarios: readonly string[]): Promise<Map<string, Check[]>> {
  const results = new Map<string, Check[]>();
  const folders = await readdir(dir);
  for (const scenario of scenarios) {
    const folder = folders.find((name) => new RegExp(`^server-${scenario.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}-\\d{4}-\\d\\d-\\d\\dT`).test(name));
    if (folder) results.set(scenario, JSON.parse(await readFile(join(dir, folder, 'checks.json'), 'utf8')) as Check[]);
  }
  return results;
}

let server: Spawned;
let url: string;
let resultsDir: string;

beforeAll(async () => {
  server = spawnCli(['serve', 'conformance', '--transport', 'http', '--port', '0']);
  const line = await server.waitForStderr((l) => parseLogLine(l)?.msg === 'server ready', 30_000);
  url = String(parseLogLine(line)?.url);
  resultsDir = await mkdtemp(join(tmpdir(), 'tw-conformance-'));
});

afterAll(async () => {
  await killAll();
  if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
});

describe('MCP conformance suite against toolwright serve conformance', () => {
  it('passes every check of every server scenario', { timeout: 180_000 }, async () => {
    const listed = await runSuite(['list', '--server']);
    const scenarios = [...listed.output.matchAll(/^\s+- (\S+)$/gm)].map((m) => m[1]!);
    expect(scenarios.length, listed.output).toBeGreaterThan(20);

    const run: SuiteRun = { ...(await runSuite(['server', '--url', url, '--suite', 'all', '--output-dir', resultsDir])), scenarios: new Map() };
    run.scenarios = await readResults(resultsDir, scenarios);

    const problems: string[] = [];
    const warned = new Set<string>();
    const failed = new Set<string>();
    for (const scenario of scenarios) {
      const checks = run.scenarios.get(scenario);
      if (!checks) {
        problems.push(`${scenario}: the scenario did not run to completion (no checks.json)`);
        continue;
      }
      for (const check of checks) {
        if (check.status === 'FAILURE') {
          failed.add(check.id);
          if (!(check.id in KNOWN_FAILURES)) problems.push(`${scenario} › ${check.name} (${check.id}): ${check.errorMessage ?? check.description}`);
        }
        if (check.status === 'WARNING') {
          warned.add(check.id);
          if (!(check.id in KNOWN_WARNINGS)) problems.push(`${scenario} › ${check.name} (${check.id}) warned: ${check.errorMessage ?? check.description}`);
        }
      }
    }
    for (const id of Object.keys(KNOWN_FAILURES)) {
      if (!failed.has(id)) problems.push(`${id} passes now: remove it from KNOWN_FAILURES in tests/conformance.test.ts`);
    }
    for (const id of Object.keys(KNOWN_WARNINGS)) {
      if (!warned.has(id)) problems.push(`${id} no longer warns: remove it from KNOWN_WARNINGS in tests/conformance.test.ts`);
    }
    // The suite's own summary (one line per scenario) is the useful part of its long output.
    const summary = run.output.includes('=== SUMMARY ===') ? run.output.slice(run.output.indexOf('=== SUMMARY ===')) : run.output;
    expect(problems, `conformance problems:\n${problems.join('\n')}\n\n${summary}`).toEqual([]);
    // the suite exits non-zero while any check fails
    expect(run.code === 0, run.output).toBe(failed.size === 0);
  });
});
