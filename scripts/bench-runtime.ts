/**
 * Benchmark (not a test): per-call overhead and throughput of Toolwright's
 * runtime against a bare SDK `McpServer`, for a no-op tool and a tool with a
 * realistic nested input schema (scripts/bench/tools.ts).
 *
 *   npx tsx scripts/bench-runtime.ts [--calls 2000] [--runs 5] [--warmup 200]
 *                                    [--transport stdio,http,http-stateless] [--tool noop,create_issue]
 *                                    [--sessions 32] [--session-calls 50] [--session-warmup 10]
 *                                    [--json out.json] [--stderr null|drain] [--cpu-prof DIR]
 *                                    [--log-level info|warn|…]  (Toolwright's TOOLWRIGHT_LOG_LEVEL; at
 *                                    info, the default, it logs one line per call)
 *                                    [--runtime dist|source]  (@toolwright/runtime compiled by tsc, as
 *                                    published — the default, built first — or its sources through tsx)
 *
 * 1. Sequential calls. For every transport of --transport — stdio, Streamable
 *    HTTP with a session (`http`), Streamable HTTP without sessions
 *    (`http-stateless`: a fresh server per request on both sides) — each run
 *    spawns each server as its own Node process, both the same way
 *    (`node --import tsx scripts/bench/<side>-server.ts <transport>`; the bench servers are TypeScript, and
 *    @toolwright/runtime loads from its compiled dist/ as an installed package does — with `--runtime source`
 *    from its sources, through tsx's transform, with `--conditions=@toolwright/source`),
 *    connects the SDK Client, and for each tool of --tool makes `--warmup`
 *    calls, then times `--calls` sequential tools/call requests one by one with
 *    performance.now(): p50, p99, mean, calls/s. The two servers alternate, the
 *    first one swapping every run (A B, B A, A B …), so drift in machine load
 *    hits both alike. Goal: Toolwright/bare ≤ 1.10 at p50 and p99 (medians over runs).
 * 2. Concurrency (skipped with --sessions 0). `--sessions` SDK clients, each in
 *    its own stateful Streamable HTTP session against one server process, make
 *    `--session-calls` sequential calls each, all sessions at once: total
 *    calls/s (wall), p99 over every call, and errors (thrown or isError).
 *    Goal: Toolwright ≥ 0.9× the bare SDK's calls/s, zero errors.
 *
 * On Linux it also reports each server's main-thread CPU time per call
 * ("srv CPU µs", from /proc/<pid>/schedstat): latency includes the client and
 * the pipe and swings when other processes compete for the CPU; this does not.
 * The client runs in this process for every side alike, so on a small machine
 * it shares the CPUs with the server under test.
 *
 * The Toolwright side runs as shipped: default settings, logging on at info,
 * which writes one JSON line per call to stderr. The children's stderr goes to
 * /dev/null (`--stderr null`, default) or through a pipe this process drains
 * and counts (`--stderr drain`; the draining then shares this process with the
 * client, so prefer the default for figures).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { failer, median, positiveFlag } from './bench/cli.js';
import { argumentsFor, BENCH_TOOLS, type BenchTool } from './bench/tools.js';

const fail = failer('bench-runtime', 2);
const positive = positiveFlag(fail);

type Side = 'toolwright' | 'sdk';
type TransportKind = 'stdio' | 'http' | 'http-stateless';
const TRANSPORTS: readonly TransportKind[] = ['stdio', 'http', 'http-stateless'];
const TRANSPORT_LABEL: Record<TransportKind, string> = {
  stdio: 'stdio',
  http: 'Streamable HTTP, stateful session',
  'http-stateless': 'Streamable HTTP, stateless (a server per request)',
};

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

interface ConcurrentRun extends Stats {
  run: number;
  side: Side;
  calls: number;
  errors: number;
  firstError?: string;
}

const GOAL = 1.1;
const CONCURRENCY_GOAL = 0.9;
const root = resolve(import.meta.dirname, '..');
const SIDES: readonly Side[] = ['toolwright', 'sdk'];
const LABEL: Record<Side, string> = { toolwright: 'toolwright', sdk: 'bare SDK' };

const { values: flags } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '200' },
    transport: { type: 'string', default: TRANSPORTS.join(',') },
    tool: { type: 'string', default: BENCH_TOOLS.join(',') },
    sessions: { type: 'string', default: '32' },
    'session-calls': { type: 'string', default: '50' },
    'session-warmup': { type: 'string', default: '10' },
    json: { type: 'string' },
    stderr: { type: 'string', default: 'null' },
    'log-level': { type: 'string', default: 'info' },
    'cpu-prof': { type: 'string' },
    runtime: { type: 'string', default: 'dist' },
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
const sessions = positive('sessions', flags.sessions, true);
const sessionCalls = positive('session-calls', flags['session-calls']);
const sessionWarmup = positive('session-warmup', flags['session-warmup'], true);
const list = <T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T[] => {
  const values = (raw ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (values.length === 0 || bad.length) fail(`--${name} takes a comma-separated list of ${allowed.join(', ')}; got "${raw}".`);
  return values as T[];
};
const transports = list('transport', flags.transport, TRANSPORTS);
const tools = list('tool', flags.tool, BENCH_TOOLS);
if (flags.stderr !== 'null' && flags.stderr !== 'drain') fail(`--stderr must be null or drain, got "${flags.stderr}".`);
const drain = flags.stderr === 'drain';
const profileDir = flags['cpu-prof'] ? resolve(flags['cpu-prof']) : undefined;
if (flags.runtime !== 'dist' && flags.runtime !== 'source') fail(`--runtime must be dist or source, got "${flags.runtime}".`);
const fromDist = flags.runtime === 'dist';
if (fromDist) {
  // @toolwright/runtime as published: compiled by tsc into packages/runtime/dist (what its package.json exports
  // without the @toolwright/source condition), built afresh so it matches the sources.
  rmSync(join(root, 'packages/runtime/dist'), { recursive: true, force: true });
  const built = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'packages/runtime/tsconfig.build.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) fail(`building @toolwright/runtime (tsc -p packages/runtime/tsconfig.build.json) failed:\n${built.stdout}${built.stderr}`);
}

/** Same Node flags for both children, so neither pays a different loader cost. */
function nodeArgs(side: Side, transport: TransportKind, profileName: string): string[] {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `${profileName}-${side}`)}`] : [];
  const source = fromDist ? [] : ['--conditions=@toolwright/source'];
  return [...profile, ...source, '--import', 'tsx', join(root, 'scripts/bench', `${side}-server.ts`), transport];
}

/** What a real MCP client passes to a stdio server: only the SDK's safe variables, so no TOOLWRIGHT_* setting leaks in. */
const childEnv = { ...getDefaultEnvironment(), TOOLWRIGHT_LOG_LEVEL: flags['log-level'] };

interface ServerProcess {
  pid: number | undefined;
  /** A new SDK client connected to this server (stdio: the one client the process was spawned for). */
  connect(): Promise<Client>;
  stderrLines: () => number | undefined;
  close(): Promise<void>;
}

/** Starts one server process. Over stdio the process is spawned by the client transport on connect(), once. */
async function startServer(side: Side, transport: TransportKind, profileName: string): Promise<ServerProcess> {
  let lines = 0;
  const count = (stream: NodeJS.ReadableStream | null) => {
    stream?.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
  };
  const stderrLines = () => (drain ? lines : undefined);
  const args = nodeArgs(side, transport, profileName);

  if (transport === 'stdio') {
    const client = new Client({ name: 'toolwright-bench', version: '1.0.0' });
    const stdio = new StdioClientTransport({ command: process.execPath, args, cwd: root, env: childEnv, stderr: drain ? 'pipe' : 'ignore' });
    if (drain) count(stdio.stderr as NodeJS.ReadableStream | null);
    await client.connect(stdio);
    return {
      pid: stdio.pid ?? undefined,
      connect: async () => client,
      stderrLines,
      // StdioClientTransport.close() ends stdin and waits for the child to exit (SIGTERM after 2 s).
      close: () => client.close(),
    };
  }

  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', drain ? 'pipe' : 'ignore'] });
  if (drain) count(child.stderr);
  const url = await readUrl(child, side);
  const clients: { client: Client; http: StreamableHTTPClientTransport }[] = [];
  return {
    pid: child.pid,
    async connect() {
      const client = new Client({ name: 'toolwright-bench', version: '1.0.0' });
      const http = new StreamableHTTPClientTransport(new URL(url));
      await client.connect(http);
      clients.push({ client, http });
      return client;
    },
    stderrLines,
    async close() {
      await Promise.all(
        clients.map(async ({ client, http }) => {
          // Stateless servers have no session to end (the client then sends nothing).
          await http.terminateSession().catch(() => {});
          await client.close();
        }),
      );
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

/** One server process, one client; each tool warmed up and timed in turn. */
async function measureSequential(side: Side, transport: TransportKind, run: number): Promise<Map<BenchTool, RunResult>> {
  const server = await startServer(side, transport, transport);
  const out = new Map<BenchTool, RunResult>();
  try {
    const client = await server.connect();
    const { tools: listed } = await client.listTools();
    for (const tool of tools) if (!listed.some((t) => t.name === tool)) throw new Error(`${side} server does not list the ${tool} tool`);
    for (const tool of tools) {
      for (let i = 0; i < warmup; i++) await call(client, tool, i);
      const latencies = new Float64Array(calls);
      const cpuBefore = serverCpuNs(server.pid);
      const started = performance.now();
      for (let i = 0; i < calls; i++) {
        const t0 = performance.now();
        await call(client, tool, warmup + i);
        latencies[i] = performance.now() - t0;
      }
      const elapsed = performance.now() - started;
      const cpuAfter = serverCpuNs(server.pid);
      out.set(tool, { run, side, ...stats(latencies, elapsed, cpuBefore, cpuAfter) });
    }
    return out;
  } finally {
    await server.close();
    const lines = server.stderrLines();
    if (lines !== undefined) for (const result of out.values()) result.stderrLines = lines;
  }
}

/** `sessions` clients on one stateful HTTP server, all calling at once. */
async function measureConcurrent(side: Side, tool: BenchTool, run: number): Promise<ConcurrentRun> {
  const server = await startServer(side, 'http', `concurrent-${tool}`);
  try {
    const clients: Client[] = [];
    for (let s = 0; s < sessions; s++) clients.push(await server.connect());
    await Promise.all(clients.map(async (client) => (await client.listTools()).tools));
    await Promise.all(
      clients.map(async (client, s) => {
        for (let i = 0; i < sessionWarmup; i++) await call(client, tool, s * 1_000_000 + i);
      }),
    );
    const latencies = new Float64Array(sessions * sessionCalls);
    let errors = 0;
    let firstError: string | undefined;
    const cpuBefore = serverCpuNs(server.pid);
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, s) => {
        for (let i = 0; i < sessionCalls; i++) {
          const t0 = performance.now();
          try {
            await call(client, tool, s * 1_000_000 + sessionWarmup + i);
          } catch (error) {
            errors++;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
          latencies[s * sessionCalls + i] = performance.now() - t0;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const cpuAfter = serverCpuNs(server.pid);
    return { run, side, calls: latencies.length, errors, ...(firstError ? { firstError } : {}), ...stats(latencies, elapsed, cpuBefore, cpuAfter) };
  } finally {
    await server.close();
  }
}

function stats(latencies: Float64Array, elapsedMs: number, cpuBefore: number | undefined, cpuAfter: number | undefined): Stats {
  latencies.sort();
  const n = latencies.length;
  const result: Stats = {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    mean: latencies.reduce((a, b) => a + b, 0) / n,
    callsPerSecond: (n / elapsedMs) * 1000,
  };
  if (cpuBefore !== undefined && cpuAfter !== undefined) result.serverCpuUs = (cpuAfter - cpuBefore) / 1000 / n;
  return result;
}

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

async function call(client: Client, tool: BenchTool, n: number): Promise<void> {
  const result = await client.callTool({ name: tool, arguments: argumentsFor(tool, n) });
  if (result.isError) throw new Error(`${tool} failed: ${JSON.stringify(result.content)}`);
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Sides in the order of this run: the first one swaps every run, so neither always goes first. */
const sidesFor = (run: number): readonly Side[] => (run % 2 === 1 ? SIDES : [...SIDES].reverse());

function medianStats<T extends Stats & { side: Side }>(results: T[]): Record<Side, Stats> {
  return Object.fromEntries(
    SIDES.map((side) => {
      const mine = results.filter((r) => r.side === side);
      const out: Stats = {
        p50: median(mine.map((r) => r.p50)),
        p99: median(mine.map((r) => r.p99)),
        mean: median(mine.map((r) => r.mean)),
        callsPerSecond: median(mine.map((r) => r.callsPerSecond)),
      };
      const cpu = mine.flatMap((r) => (r.serverCpuUs === undefined ? [] : [r.serverCpuUs]));
      if (cpu.length === mine.length) out.serverCpuUs = median(cpu);
      return [side, out];
    }),
  ) as Record<Side, Stats>;
}

function ratiosOf(m: Record<Side, Stats>) {
  return {
    p50: m.toolwright.p50 / m.sdk.p50,
    p99: m.toolwright.p99 / m.sdk.p99,
    mean: m.toolwright.mean / m.sdk.mean,
    callsPerSecond: m.toolwright.callsPerSecond / m.sdk.callsPerSecond,
    ...(m.toolwright.serverCpuUs !== undefined && m.sdk.serverCpuUs !== undefined ? { serverCpu: m.toolwright.serverCpuUs / m.sdk.serverCpuUs } : {}),
  };
}

// ---------------------------------------------------------------- main

if (profileDir) {
  for (const name of [...transports, ...tools.map((t) => `concurrent-${t}`)]) {
    for (const side of SIDES) mkdirSync(join(profileDir, `${name}-${side}`), { recursive: true });
  }
}
const sdkVersion = (JSON.parse(readFileSync(join(root, 'node_modules/@modelcontextprotocol/sdk/package.json'), 'utf8')) as { version: string }).version;
console.log(`Toolwright runtime vs bare SDK McpServer — tools ${tools.join(', ')} over ${transports.join(', ')}`);
console.log(
  `${calls} sequential tools/call per tool and run after ${warmup} warm-up calls, ${runs} runs alternating (A B, B A, …), a fresh server process per run`,
);
console.log(`Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${cpus().length}, @modelcontextprotocol/sdk ${sdkVersion}`);
console.log(
  `Toolwright side: serve() with defaults — TOOLWRIGHT_LOG_LEVEL=${flags['log-level']} (at info: one JSON log line per call) to stderr (${drain ? 'piped and drained by this process' : '/dev/null'}), metrics on HTTP (stdio has no /metrics endpoint), 30 s timeout; @toolwright/runtime ${fromDist ? 'compiled by tsc, as published (packages/runtime/dist)' : 'from its TypeScript sources through tsx'}.`,
);
if (profileDir) console.log(`CPU profiles: ${profileDir}/<scenario>-{toolwright,sdk}/ (profiling slows both sides; do not quote these figures)`);

const header = `${'run'.padEnd(4)}${'server'.padEnd(12)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'mean ms'.padStart(9)}${'calls/s'.padStart(10)}${'srv CPU µs'.padStart(12)}`;
const verdict = (r: number) => (r <= GOAL ? `ok (goal ≤ ${GOAL.toFixed(2)})` : `OVER goal ≤ ${GOAL.toFixed(2)}`);

interface SequentialEntry {
  transport: TransportKind;
  tool: BenchTool;
  runsDetail: RunResult[];
  medians: Record<Side, Stats>;
  ratios: ReturnType<typeof ratiosOf>;
  meetsGoal: boolean;
}
const sequential: SequentialEntry[] = [];

for (const transport of transports) {
  const byTool = new Map<BenchTool, RunResult[]>(tools.map((tool) => [tool, []]));
  console.log(`\n1. Sequential calls over ${TRANSPORT_LABEL[transport]}`);
  console.log(`${'tool'.padEnd(14)}${header}${drain ? 'stderr lines'.padStart(14) : ''}`);
  console.log('-'.repeat(header.length + 14));
  for (let run = 1; run <= runs; run++) {
    for (const side of sidesFor(run)) {
      const results = await measureSequential(side, transport, run);
      for (const [tool, result] of results) {
        byTool.get(tool)!.push(result);
        console.log(`${tool.padEnd(14)}${row(String(run), side, result)}${result.stderrLines !== undefined ? String(result.stderrLines).padStart(14) : ''}`);
      }
    }
  }
  console.log('-'.repeat(header.length + 14));
  for (const tool of tools) {
    const runsDetail = byTool.get(tool)!;
    const medians = medianStats(runsDetail);
    const ratios = ratiosOf(medians);
    for (const side of SIDES) console.log(`${tool.padEnd(14)}${row('med', side, medians[side])}`);
    sequential.push({ transport, tool, runsDetail, medians, ratios, meetsGoal: ratios.p50 <= GOAL && ratios.p99 <= GOAL });
  }
  for (const entry of sequential.filter((e) => e.transport === transport)) {
    const { ratios, medians } = entry;
    console.log(`Toolwright / bare SDK, ${entry.tool} (medians over runs):`);
    console.log(`  p50      ${ratios.p50.toFixed(3)}×  ${verdict(ratios.p50)}`);
    console.log(`  p99      ${ratios.p99.toFixed(3)}×  ${verdict(ratios.p99)}`);
    console.log(`  calls/s  ${ratios.callsPerSecond.toFixed(3)}×  (throughput; higher is better)`);
    if (ratios.serverCpu !== undefined) {
      console.log(
        `  srv CPU  ${ratios.serverCpu.toFixed(3)}×  (server main-thread CPU per call: ${medians.toolwright.serverCpuUs!.toFixed(1)} vs ${medians.sdk.serverCpuUs!.toFixed(1)} µs)`,
      );
    }
    console.log(`  overhead per call at p50: ${((medians.toolwright.p50 - medians.sdk.p50) * 1000).toFixed(1)} µs`);
  }
}

interface ConcurrentEntry {
  tool: BenchTool;
  runsDetail: ConcurrentRun[];
  medians: Record<Side, Stats>;
  ratios: ReturnType<typeof ratiosOf>;
  errors: Record<Side, number>;
  meetsGoal: boolean;
}
const concurrent: ConcurrentEntry[] = [];
if (sessions > 0) {
  console.log(
    `\n2. Concurrency: ${sessions} stateful Streamable HTTP sessions on one server, ${sessionCalls} sequential calls each, all sessions at once (after ${sessionWarmup} warm-up calls each)`,
  );
  console.log(`${'tool'.padEnd(14)}${header}${'errors'.padStart(8)}`);
  console.log('-'.repeat(header.length + 22));
  for (const tool of tools) {
    const runsDetail: ConcurrentRun[] = [];
    for (let run = 1; run <= runs; run++) {
      for (const side of sidesFor(run)) {
        const result = await measureConcurrent(side, tool, run);
        runsDetail.push(result);
        console.log(`${tool.padEnd(14)}${row(String(run), side, result)}${String(result.errors).padStart(8)}`);
        if (result.firstError) console.log(`    first error: ${result.firstError.slice(0, 200)}`);
      }
    }
    const medians = medianStats(runsDetail);
    const ratios = ratiosOf(medians);
    const errors = Object.fromEntries(SIDES.map((side) => [side, runsDetail.filter((r) => r.side === side).reduce((n, r) => n + r.errors, 0)])) as Record<
      Side,
      number
    >;
    for (const side of SIDES) console.log(`${tool.padEnd(14)}${row('med', side, medians[side])}${String(errors[side]).padStart(8)}`);
    const meetsGoal = ratios.callsPerSecond >= CONCURRENCY_GOAL && errors.toolwright === 0;
    console.log(
      `  calls/s Toolwright / bare SDK ${ratios.callsPerSecond.toFixed(3)}× ${meetsGoal ? 'ok' : 'MISSED'} (goal ≥ ${CONCURRENCY_GOAL.toFixed(2)}×, zero errors); p99 ${ratios.p99.toFixed(3)}×`,
    );
    concurrent.push({ tool, runsDetail, medians, ratios, errors, meetsGoal });
  }
}

if (flags.json) {
  const out = {
    calls,
    runs,
    warmup,
    node: process.version,
    cpu: cpus()[0]?.model.trim(),
    cpus: cpus().length,
    sdkVersion,
    toolwrightLogging: `${flags['log-level']}${flags['log-level'] === 'info' ? ', one JSON line per call on stderr' : ''}`,
    runtimeBuild: fromDist ? 'dist' : 'source',
    stderr: drain ? 'drained' : '/dev/null',
    goal: GOAL,
    sequential,
    concurrency: { sessions, callsPerSession: sessionCalls, warmupPerSession: sessionWarmup, goal: CONCURRENCY_GOAL, entries: concurrent },
    meetsGoal: sequential.every((e) => e.meetsGoal) && concurrent.every((e) => e.meetsGoal),
  };
  writeFileSync(resolve(flags.json), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nJSON written to ${resolve(flags.json)}`);
}

function row(run: string, side: Side, s: Stats): string {
  const cpu = s.serverCpuUs === undefined ? 'n/a' : s.serverCpuUs.toFixed(1);
  return `${run.padEnd(4)}${LABEL[side].padEnd(12)}${s.p50.toFixed(3).padStart(9)}${s.p99.toFixed(3).padStart(9)}${s.mean.toFixed(3).padStart(9)}${Math.round(s.callsPerSecond).toString().padStart(10)}${cpu.padStart(12)}`;
}
