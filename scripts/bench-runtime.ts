/**
 * Benchmark (not a test): per-call overhead of Toolwright's runtime against a
 * bare SDK `McpServer`, for a no-op tool.
 *
 *   npx tsx scripts/bench-runtime.ts [--calls 2000] [--runs 5] [--warmup 200]
 *                                    [--transport stdio|http] [--json out.json]
 *                                    [--stderr null|drain] [--cpu-prof DIR]
 *                                    [--log-level info|warn|…]  (Toolwright's TOOLWRIGHT_LOG_LEVEL; at
 *                                    info, the default, it logs one line per call)
 *
 * Each run spawns each server as its own Node process, both the same way
 * (`node --conditions=@toolwright/source --import tsx scripts/bench/<side>-server.ts`),
 * connects the SDK Client (StdioClientTransport, or StreamableHTTPClientTransport
 * against a stateful session), makes `--warmup` calls, then times `--calls`
 * sequential tools/call requests one by one with performance.now(). The two
 * servers alternate (A B A B …) so drift in machine load hits both alike.
 * The goal is Toolwright/bare ≤ 1.10 at p50 and p99 (medians over runs).
 * On Linux it also reports each server's main-thread CPU time per call
 * ("srv CPU µs", from /proc/<pid>/schedstat): latency includes the client and
 * the pipe and swings when other processes compete for the CPU; this does not.
 *
 * The Toolwright side runs as shipped: default settings, logging on at info,
 * which writes one JSON line per call to stderr. The children's stderr goes to
 * /dev/null (`--stderr null`, default) or through a pipe this process drains
 * and counts (`--stderr drain`; the draining then shares this process with the
 * client, so prefer the default for figures).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { failer, median, positiveFlag } from './bench/cli.js';

const fail = failer('bench-runtime', 2);
const positive = positiveFlag(fail);

type Side = 'toolwright' | 'sdk';
type TransportKind = 'stdio' | 'http';

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  callsPerSecond: number;
  /** CPU time of the server's main (JS) thread per call in µs, from /proc/<pid>/schedstat (Linux only). */
  serverCpuUs?: number;
}

interface RunResult extends Stats {
  run: number;
  side: Side;
  /** stderr lines the server wrote during the whole run (only with --stderr drain). */
  stderrLines?: number;
}

const GOAL = 1.1;
const root = resolve(import.meta.dirname, '..');
const SIDES: readonly Side[] = ['toolwright', 'sdk'];
const LABEL: Record<Side, string> = { toolwright: 'toolwright', sdk: 'bare SDK' };

const { values: flags } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '200' },
    transport: { type: 'string', default: 'stdio' },
    json: { type: 'string' },
    stderr: { type: 'string', default: 'null' },
    'log-level': { type: 'string', default: 'info' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}
// Over HTTP the SDK client passes one long-lived AbortSignal to every fetch();
// Node's fetch (undici) adds a listener per Request and drops it only when the
// Request is garbage-collected, so past 1500 in-flight-or-uncollected requests
// Node warns once per call. It is the client's, the same for both servers, and
// not a leak (the count stays bounded); keep every other warning.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'MaxListenersExceededWarning' && warning.message.includes('[AbortSignal]')) return;
  console.error(warning);
});

const calls = positive('calls', flags.calls);
const runs = positive('runs', flags.runs);
const warmup = positive('warmup', flags.warmup, true);
const transport = flags.transport as TransportKind;
if (transport !== 'stdio' && transport !== 'http') fail(`--transport must be stdio or http, got "${flags.transport}".`);
if (flags.stderr !== 'null' && flags.stderr !== 'drain') fail(`--stderr must be null or drain, got "${flags.stderr}".`);
const drain = flags.stderr === 'drain';
const profileDir = flags['cpu-prof'] ? resolve(flags['cpu-prof']) : undefined;

/** Same Node flags for both children, so neither pays a different loader cost. */
function nodeArgs(side: Side): string[] {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `${transport}-${side}`)}`] : [];
  return [...profile, '--conditions=@toolwright/source', '--import', 'tsx', join(root, 'scripts/bench', `${side}-server.ts`), transport];
}

/** What a real MCP client passes to a stdio server: only the SDK's safe variables, so no TOOLWRIGHT_* setting leaks in. */
const childEnv = { ...getDefaultEnvironment(), TOOLWRIGHT_LOG_LEVEL: flags['log-level'] };

interface Connection {
  client: Client;
  pid: number | undefined;
  stderrLines: () => number | undefined;
  close(): Promise<void>;
}

async function connect(side: Side): Promise<Connection> {
  const client = new Client({ name: 'toolwright-bench', version: '1.0.0' });
  let lines = 0;
  const count = (stream: NodeJS.ReadableStream | null) => {
    stream?.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
  };
  const stderrLines = () => (drain ? lines : undefined);

  if (transport === 'stdio') {
    const stdio = new StdioClientTransport({ command: process.execPath, args: nodeArgs(side), cwd: root, env: childEnv, stderr: drain ? 'pipe' : 'ignore' });
    if (drain) count(stdio.stderr as NodeJS.ReadableStream | null);
    await client.connect(stdio);
    // StdioClientTransport.close() ends stdin and waits for the child to exit (SIGTERM after 2 s).
    return { client, pid: stdio.pid ?? undefined, stderrLines, close: () => client.close() };
  }

  const child = spawn(process.execPath, nodeArgs(side), { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', drain ? 'pipe' : 'ignore'] });
  if (drain) count(child.stderr);
  const url = await readUrl(child, side);
  const http: Transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(http);
  return {
    client,
    pid: child.pid,
    stderrLines,
    async close() {
      await (http as StreamableHTTPClientTransport).terminateSession().catch(() => {});
      await client.close();
      await stop(child);
    },
  };
}

function readUrl(child: ChildProcess, side: Side): Promise<string> {
  return new Promise((done, failed) => {
    const timer = setTimeout(() => failed(new Error(`${side} server did not print its URL within 30 s`)), 30_000);
    child.once('exit', (code) => failed(new Error(`${side} server exited early with code ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        done((JSON.parse(line) as { url: string }).url);
      } catch {
        failed(new Error(`${side} server printed "${line}" instead of {"url": …}`));
      }
    });
  });
}

/** SIGTERM (both servers exit cleanly on it, which lets --cpu-prof write), SIGKILL after 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function measure(side: Side, run: number): Promise<RunResult> {
  const connection = await connect(side);
  const { client } = connection;
  try {
    const { tools } = await client.listTools();
    if (!tools.some((t) => t.name === 'noop')) throw new Error(`${side} server does not list the noop tool`);
    for (let i = 0; i < warmup; i++) await call(client, i);
    const latencies = new Float64Array(calls);
    const cpuBefore = serverCpuNs(connection.pid);
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await call(client, i);
      latencies[i] = performance.now() - t0;
    }
    const elapsed = performance.now() - started;
    const cpuAfter = serverCpuNs(connection.pid);
    latencies.sort();
    const mean = latencies.reduce((a, b) => a + b, 0) / calls;
    const result: RunResult = { run, side, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), mean, callsPerSecond: (calls / elapsed) * 1000 };
    if (cpuBefore !== undefined && cpuAfter !== undefined) result.serverCpuUs = (cpuAfter - cpuBefore) / 1000 / calls;
    return result;
  } finally {
    await connection.close();
    const lines = connection.stderrLines();
    if (lines !== undefined) lastStderrLines.set(`${side}#${run}`, lines);
  }
}
const lastStderrLines = new Map<string, number>();

/**
 * On-CPU time of the server's main thread (where all JS and most GC runs), in
 * ns. Unlike latency it barely moves when other processes compete for the
 * CPU, so it is the steadier measure of the server's own cost per call.
 */
function serverCpuNs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

async function call(client: Client, n: number): Promise<void> {
  const result = await client.callTool({ name: 'noop', arguments: { n } });
  if (result.isError) throw new Error(`noop failed: ${JSON.stringify(result.content)}`);
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

// ---------------------------------------------------------------- main

if (profileDir) for (const side of SIDES) mkdirSync(join(profileDir, `${transport}-${side}`), { recursive: true });
const sdkVersion = (JSON.parse(readFileSync(join(root, 'node_modules/@modelcontextprotocol/sdk/package.json'), 'utf8')) as { version: string }).version;
console.log(`Toolwright runtime vs bare SDK McpServer — no-op tool over ${transport === 'http' ? 'Streamable HTTP (stateful session)' : 'stdio'}`);
console.log(`${calls} sequential tools/call per run after ${warmup} warm-up calls, ${runs} runs alternating A B A B …, a fresh server process per run`);
console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, @modelcontextprotocol/sdk ${sdkVersion}`);
console.log(
  `Toolwright side: serve() with defaults — TOOLWRIGHT_LOG_LEVEL=${flags['log-level']} (at info: one JSON log line per call) to stderr (${drain ? 'piped and drained by this process' : '/dev/null'}), metrics, 30 s timeout.`,
);
if (profileDir) console.log(`CPU profiles: ${profileDir}/${transport}-{toolwright,sdk}/ (profiling slows both sides; do not quote these figures)`);
console.log('');

const results: RunResult[] = [];
const header = `${'run'.padEnd(4)}${'server'.padEnd(12)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'mean ms'.padStart(9)}${'calls/s'.padStart(10)}${'srv CPU µs'.padStart(12)}${drain ? 'stderr lines'.padStart(14) : ''}`;
console.log(header);
console.log('-'.repeat(header.length));
for (let run = 1; run <= runs; run++) {
  for (const side of SIDES) {
    const result = await measure(side, run);
    const lines = lastStderrLines.get(`${side}#${run}`);
    if (lines !== undefined) result.stderrLines = lines;
    results.push(result);
    console.log(row(String(run), side, result, lines));
  }
}

const medians = Object.fromEntries(
  SIDES.map((side) => {
    const mine = results.filter((r) => r.side === side);
    const stats: Stats = {
      p50: median(mine.map((r) => r.p50)),
      p99: median(mine.map((r) => r.p99)),
      mean: median(mine.map((r) => r.mean)),
      callsPerSecond: median(mine.map((r) => r.callsPerSecond)),
    };
    const cpu = mine.flatMap((r) => (r.serverCpuUs === undefined ? [] : [r.serverCpuUs]));
    if (cpu.length === mine.length) stats.serverCpuUs = median(cpu);
    return [side, stats];
  }),
) as Record<Side, Stats>;
console.log('-'.repeat(header.length));
for (const side of SIDES) console.log(row('med', side, medians[side]));

const ratios = {
  p50: medians.toolwright.p50 / medians.sdk.p50,
  p99: medians.toolwright.p99 / medians.sdk.p99,
  mean: medians.toolwright.mean / medians.sdk.mean,
  callsPerSecond: medians.toolwright.callsPerSecond / medians.sdk.callsPerSecond,
  ...(medians.toolwright.serverCpuUs !== undefined && medians.sdk.serverCpuUs !== undefined
    ? { serverCpu: medians.toolwright.serverCpuUs / medians.sdk.serverCpuUs }
    : {}),
};
const verdict = (r: number) => (r <= GOAL ? `ok (goal ≤ ${GOAL.toFixed(2)})` : `OVER goal ≤ ${GOAL.toFixed(2)}`);
console.log('');
console.log('Toolwright / bare SDK (medians over runs):');
console.log(`  p50      ${ratios.p50.toFixed(3)}×  ${verdict(ratios.p50)}`);
console.log(`  p99      ${ratios.p99.toFixed(3)}×  ${verdict(ratios.p99)}`);
console.log(`  mean     ${ratios.mean.toFixed(3)}×`);
console.log(`  calls/s  ${ratios.callsPerSecond.toFixed(3)}×  (throughput; higher is better)`);
if (ratios.serverCpu !== undefined) {
  console.log(
    `  srv CPU  ${ratios.serverCpu.toFixed(3)}×  (server main-thread CPU per call: ${medians.toolwright.serverCpuUs!.toFixed(1)} vs ${medians.sdk.serverCpuUs!.toFixed(1)} µs)`,
  );
}
console.log(`  overhead per call at p50: ${((medians.toolwright.p50 - medians.sdk.p50) * 1000).toFixed(1)} µs`);

if (flags.json) {
  const out = {
    transport,
    calls,
    runs,
    warmup,
    node: process.version,
    cpu: cpus()[0]?.model,
    sdkVersion,
    toolwrightLogging: 'info, one JSON line per call on stderr',
    stderr: drain ? 'drained' : '/dev/null',
    runsDetail: results,
    medians,
    ratios,
    goal: GOAL,
    meetsGoal: ratios.p50 <= GOAL && ratios.p99 <= GOAL,
  };
  writeFileSync(resolve(flags.json), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nJSON written to ${resolve(flags.json)}`);
}

function row(run: string, side: Side, s: Stats, lines?: number): string {
  const cpu = s.serverCpuUs === undefined ? 'n/a' : s.serverCpuUs.toFixed(1);
  return `${run.padEnd(4)}${LABEL[side].padEnd(12)}${s.p50.toFixed(3).padStart(9)}${s.p99.toFixed(3).padStart(9)}${s.mean.toFixed(3).padStart(9)}${Math.round(s.callsPerSecond).toString().padStart(10)}${cpu.padStart(12)}${lines !== undefined ? String(lines).padStart(14) : ''}`;
}
