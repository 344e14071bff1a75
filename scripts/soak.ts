/**
 * Load and soak (not a test; run by hand, summary in BENCHMARKS.md):
 *
 *   npm run soak -- [--duration 300] [--sessions 64] [--churn 10000] [--churn-concurrency 32]
 *
 * 1. Soak: `--sessions` SDK clients, each in its own Streamable HTTP session,
 *    call generated/notion's tools back to back for `--duration` seconds against
 *    a mock Notion API (client-side pacing off: TOOLWRIGHT_UPSTREAM_PACING=false). Every call carries a fresh id the upstream echoes back,
 *    so a response lost, duplicated or delivered to the wrong call or session
 *    shows; the upstream counts its requests, so a spurious retry shows too.
 * 2. Churn: `--churn` sessions opened and closed (initialize, initialized,
 *    tools/list, one tools/call, DELETE), `--churn-concurrency` at a time, with raw HTTP.
 *
 * The server runs in a child process of its own (this script with --server,
 * under --expose-gc), so its heap is measured alone: after a warm-up, after
 * the soak once its sessions are closed, and after the churn, each after a
 * full GC. It prints a summary and a Markdown block, and exits with 1 when a
 * call failed, a response went missing or astray, a session stayed open, or
 * the heap grew by more than `--max-growth-kb` per closed session.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '300' },
    sessions: { type: 'string', default: '64' },
    churn: { type: 'string', default: '10000' },
    'churn-concurrency': { type: 'string', default: '32' },
    'max-growth-kb': { type: 'string', default: '1' },
    server: { type: 'boolean', default: false },
    upstream: { type: 'string' },
  },
});

interface HeapReport {
  type: 'heap';
  heapUsed: number;
  rss: number;
}

if (flags.server) await runServer(flags.upstream!);
else await main();

/** Server mode: generated/notion over Streamable HTTP; answers heap queries from the parent after a full GC. */
async function runServer(upstreamUrl: string): Promise<void> {
  process.env.NOTION_API_URL = upstreamUrl;
  process.env.NOTION_TOKEN = 'ntn_soak_0123456789abcdef';
  // Notion's client paces itself at 3 requests a second, as the real API asks: against a local double that would
  // measure the pacing, not the server. Read when the API client is made, so before the import below.
  process.env.TOOLWRIGHT_UPSTREAM_PACING = 'false';
  const { serve } = await import('@toolwright/runtime');
  const { default: definition } = await import('../generated/notion/server.gen.js');
  const running = await serve(definition, {
    transport: 'http',
    env: { ...process.env, TOOLWRIGHT_PORT: '0', TOOLWRIGHT_LOG_LEVEL: 'warn', TOOLWRIGHT_MAX_SESSIONS: '100000' },
    dotenv: false,
    handleSignals: false,
  });
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'heap') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('run the server with --expose-gc');
      // a few rounds: weak references and finalizers free more on the next
      for (let i = 0; i < 4; i++) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      const usage = process.memoryUsage();
      process.send!({ type: 'heap', heapUsed: usage.heapUsed, rss: usage.rss } satisfies HeapReport);
    } else if (message.type === 'stop') {
      await running.close();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', url: running.url });
}

async function main(): Promise<void> {
  const durationS = Number(flags.duration);
  const sessionCount = Number(flags.sessions);
  const churnCount = Number(flags.churn);
  const churnConcurrency = Number(flags['churn-concurrency']);
  const maxGrowthKb = Number(flags['max-growth-kb']);
  const { startMockUpstream } = await import('@toolwright/runtime');

  // The mock Notion API echoes each call's id back; it keeps no record (an ever-growing log would be this process's leak).
  let upstreamRequests = 0;
  const upstream = await startMockUpstream({
    handle: (request) => {
      upstreamRequests++;
      const id = request.method === 'POST' ? (JSON.parse(request.body) as { query: string }).query : request.path.split('/').at(-1);
      return { body: { object: 'page', id, path: request.path } };
    },
  });
  const clearLog = setInterval(() => {
    upstream.requests.length = 0;
  }, 1000);

  const child = fork(new URL(import.meta.url).pathname, ['--server', '--upstream', upstream.url], {
    execArgv: ['--expose-gc', '--conditions=@toolwright/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  const url = ready.url;
  const heap = () => ask(child);
  const health = async () => ((await (await fetch(url.replace(/\/mcp$/, '/healthz'))).json()) as { sessions: number }).sessions;

  console.log(`soak: ${sessionCount} sessions for ${durationS} s, then ${churnCount} sessions opened and closed; server at ${url}; ${cpus().length} cores`);

  // warm-up: every code path (tools/call too) many times, so the baseline heap holds what a running server always holds
  const warmFailed = await churn(url, 500, churnConcurrency);
  if (warmFailed) console.log(`  warm-up: ${warmFailed} of 500 session cycles failed`);
  const warm = await heap();

  // 1. soak
  const clients: { client: Client; transport: StreamableHTTPClientTransport }[] = [];
  let duplicates = 0;
  for (let i = 0; i < sessionCount; i++) {
    const transport = new StreamableHTTPClientTransport(new URL(url));
    const client = new Client({ name: `soak-${i}`, version: '1.0.0' });
    client.onerror = (error) => {
      if (/unknown message ID|unknown request|response/i.test(String(error))) duplicates++;
    };
    await client.connect(transport);
    clients.push({ client, transport });
  }
  const openDuringSoak = await health();
  const latencies: number[] = [];
  let calls = 0;
  let failed = 0;
  let astray = 0;
  const failures = new Map<string, number>();
  const deadline = performance.now() + durationS * 1000;
  const upstreamBefore = upstreamRequests;
  const tools = [
    (id: string) => ({ name: 'retrieve_a_page', arguments: { page_id: id } }),
    (id: string) => ({ name: 'retrieve_a_block', arguments: { block_id: id } }),
    (id: string) => ({ name: 'post_search', arguments: { query: id } }),
  ];
  const progress = setInterval(() => console.log(`  … ${calls} calls, ${failed} failed, ${Math.round((deadline - performance.now()) / 1000)} s left`), 30_000);
  await Promise.all(
    clients.map(async ({ client }, session) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const id = `${session}-${n}-${randomUUID()}`;
        const started = performance.now();
        try {
          const result = await client.callTool(tools[n % tools.length]!(id));
          latencies.push(performance.now() - started);
          calls++;
          if (result.isError) {
            failed++;
            const text = (result.content as { text?: string }[])[0]?.text ?? '';
            failures.set(text.slice(0, 120), (failures.get(text.slice(0, 120)) ?? 0) + 1);
          } else if ((result.structuredContent as { id?: string } | undefined)?.id !== id) astray++;
        } catch (error) {
          calls++;
          failed++;
          failures.set(String(error).slice(0, 120), (failures.get(String(error).slice(0, 120)) ?? 0) + 1);
        }
      }
    }),
  );
  clearInterval(progress);
  const upstreamDuringSoak = upstreamRequests - upstreamBefore;
  for (const { client, transport } of clients) {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
  const openAfterSoak = await health();
  const afterSoak = await heap();

  // 2. churn
  const churnStarted = performance.now();
  const churnFailed = await churn(url, churnCount, churnConcurrency);
  const churnSeconds = (performance.now() - churnStarted) / 1000;
  const openAfterChurn = await health();
  const afterChurn = await heap();

  clearInterval(clearLog);
  child.send({ type: 'stop' });
  await once(child, 'exit');
  await upstream.close();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const growthPerSession = (afterChurn.heapUsed - afterSoak.heapUsed) / Math.max(1, churnCount);
  const lostOrExtra = upstreamDuringSoak - calls;
  const problems = [
    failed > 0 && `${failed} failed calls`,
    astray > 0 && `${astray} answers that did not belong to their call`,
    duplicates > 0 && `${duplicates} duplicated or unmatched responses`,
    lostOrExtra !== 0 && `${lostOrExtra} upstream requests more than calls`,
    openAfterSoak + openAfterChurn > 0 && `${openAfterSoak}/${openAfterChurn} sessions left open`,
    churnFailed > 0 && `${churnFailed} failed session open/close cycles`,
    growthPerSession > maxGrowthKb * 1024 && `heap grew ${Math.round(growthPerSession)} B per closed session (limit ${maxGrowthKb} KB)`,
  ].filter(Boolean);

  console.log(`
soak:  ${calls} calls in ${durationS} s over ${sessionCount} sessions (${openDuringSoak} open): ${(calls / durationS).toFixed(0)} calls/s
       failed ${failed}, astray ${astray}, duplicated ${duplicates}, upstream requests ${upstreamDuringSoak} for ${calls} calls
       latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms
churn: ${churnCount} sessions opened and closed in ${churnSeconds.toFixed(1)} s (${(churnCount / churnSeconds).toFixed(0)}/s), ${churnFailed} failed, ${openAfterChurn} left open
heap:  warm ${mb(warm.heapUsed)} MB → after soak ${mb(afterSoak.heapUsed)} MB → after churn ${mb(afterChurn.heapUsed)} MB (${Math.round(growthPerSession)} B per closed session); RSS ${mb(afterChurn.rss)} MB
${failures.size ? `failures: ${JSON.stringify(Object.fromEntries(failures))}\n` : ''}
### Load and soak (\`npm run soak\`, ${cpus().length} cores, Node ${process.version})

| measure | result |
| --- | --- |
| concurrent sessions × duration | ${sessionCount} × ${durationS} s (generated/notion over Streamable HTTP, mock upstream) |
| tool calls | ${calls} (${(calls / durationS).toFixed(0)}/s) |
| failed calls | ${failed} |
| lost, duplicated or misdelivered responses | ${Math.max(0, lostOrExtra) + duplicates + astray} |
| latency p50 / p99 / max | ${pct(50).toFixed(1)} / ${pct(99).toFixed(1)} / ${pct(100).toFixed(1)} ms |
| sessions opened and closed (churn) | ${churnCount} in ${churnSeconds.toFixed(1)} s, ${churnFailed} failed, ${openAfterChurn} left open |
| server heap after full GC: warm → after soak → after churn | ${mb(warm.heapUsed)} → ${mb(afterSoak.heapUsed)} → ${mb(afterChurn.heapUsed)} MB (${Math.round(growthPerSession)} B per closed session) |
`);
  if (problems.length) {
    console.error(`soak FAILED: ${problems.join('; ')}`);
    process.exit(1);
  }
}

function ask(child: ChildProcess): Promise<HeapReport> {
  return new Promise((resolve) => {
    const onMessage = (message: HeapReport) => {
      if (message.type !== 'heap') return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ type: 'heap' });
  });
}

/** Opens and closes `count` sessions, `concurrency` at a time: initialize, initialized, tools/list, a tools/call, DELETE. Returns how many cycles failed. */
async function churn(url: string, count: number, concurrency: number): Promise<number> {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'churn', version: '1.0.0' } },
  });
  let next = 0;
  let failed = 0;
  const reasons = new Map<string, number>();
  const one = async () => {
    const init = await fetch(url, { method: 'POST', headers, body: initialize });
    await init.text();
    const sessionId = init.headers.get('mcp-session-id');
    if (init.status !== 200 || !sessionId) throw new Error(`initialize answered ${init.status}`);
    const inSession = { ...headers, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' };
    // closed even when a step failed, so a session left open is the server's doing
    const used = await use(inSession).then(
      () => undefined,
      (error: unknown) => error,
    );
    const closed = await fetch(url, { method: 'DELETE', headers: inSession });
    await closed.text();
    if (used !== undefined) throw used;
    if (closed.status !== 200) throw new Error(`DELETE answered ${closed.status}`);
  };
  const use = async (inSession: Record<string, string>) => {
    const initialized = await fetch(url, { method: 'POST', headers: inSession, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
    await initialized.text();
    const list = await fetch(url, { method: 'POST', headers: inSession, body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) });
    if (!(await list.text()).includes('"tools"')) throw new Error(`tools/list answered ${list.status}`);
    const query = randomUUID();
    const call = await fetch(url, {
      method: 'POST',
      headers: inSession,
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'post_search', arguments: { query } } }),
    });
    const answer = await call.text();
    if (!answer.includes(query)) throw new Error(`tools/call answered ${call.status}: ${answer.slice(0, 200)}`);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        await one().catch((error: unknown) => {
          failed++;
          const reason = String(error).slice(0, 160);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        });
      }
    }),
  );
  if (reasons.size) console.log(`  churn failures: ${JSON.stringify(Object.fromEntries(reasons))}`);
  return failed;
}
