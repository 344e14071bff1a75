/**
 * Protocol fuzzing (fast-check) of a generated server over both transports:
 * malformed JSON, invalid UTF-8, wrong or missing `jsonrpc`, ids of every JSON
 * type, batches, unknown methods, params of the wrong shape, deeply nested and
 * large payloads, `__proto__` keys. After every case the server still answers
 * `ping`; every request with an id gets exactly one well-formed response with
 * that id and the right JSON-RPC error code; stdout carries protocol messages only.
 *
 * One long-lived server per transport: `toolwright serve conformance` on stdio
 * (a child process, its stdout read line by line) and the same server over
 * Streamable HTTP in this process (so a polluted Object.prototype would show).
 * FUZZ_RUNS sets the cases per property (`npm run fuzz` runs thousands).
 */
import { readFileSync } from 'node:fs';
import { createLogger, type RunningServer, serve } from '@toolwright/runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Expected, FUZZ_RUNS, FUZZ_SEED, type FuzzCase, fuzzCase, responseMismatch, type Surface, sameId } from './support/fuzz-cases.js';
import { cleanEnv, killAll, parseLogLine, ROOT, spawnCli } from './support/processes.js';
import { rawRequest } from './support/raw-http.js';
import { isResponse, type Message, messageProblem, openSession, postRaw, RawStdio, sessionHeaders } from './support/raw-jsonrpc.js';

const manifest = JSON.parse(readFileSync(`${ROOT}/generated/conformance/tools.json`, 'utf8')) as { tools: { name: string }[]; prompts: { name: string }[] };
const SURFACE: Surface = {
  tools: manifest.tools.map((t) => t.name),
  prompts: manifest.prompts.map((p) => p.name),
  methods: [
    'initialize',
    'ping',
    'tools/list',
    'tools/call',
    'resources/list',
    'resources/templates/list',
    'resources/read',
    'resources/subscribe',
    'resources/unsubscribe',
    'prompts/list',
    'prompts/get',
    'completion/complete',
    'logging/setLevel',
  ],
};
const TIMEOUT = Math.max(60_000, FUZZ_RUNS * 250);
const options = { numRuns: FUZZ_RUNS, ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}), endOnFailure: true };
const shown = (bytes: Buffer) => (bytes.length > 300 ? `${bytes.subarray(0, 300).toString('utf8')}… (${bytes.length} bytes)` : bytes.toString('utf8'));

/** Counts the cases of each kind, for the summary line a run prints. */
function tally(kinds: Map<string, number>, c: FuzzCase): void {
  const kind = c.kind.replace(/\d+/g, 'N');
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}

describe('stdio: toolwright serve conformance, raw lines on stdin', () => {
  let rpc: RawStdio;
  beforeAll(async () => {
    rpc = new RawStdio(spawnCli(['serve', 'conformance'], cleanEnv({ TOOLWRIGHT_LOG_LEVEL: 'warn' })));
    await rpc.initialize();
  });
  afterAll(() => killAll());

  it(`answers ${FUZZ_RUNS} hostile lines exactly as JSON-RPC says, and keeps answering ping`, { timeout: TIMEOUT }, async () => {
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fuzzCase(SURFACE), async (c) => {
        tally(kinds, c);
        const from = rpc.messages.length;
        rpc.write(c.bytes);
        await rpc.ping();
        for (const want of c.expected) {
          if (want.id !== null) await rpc.waitFor((m) => isResponse(m) && sameId(m.id, want.id), 15_000, from);
        }
        const responses = rpc.messages.slice(from).filter((m) => isResponse(m) && !String(m.id).startsWith('rq:'));
        const problem = responseMismatch(responses, c.expected);
        if (problem) throw new Error(`${c.kind}: ${problem}\nline: ${shown(c.bytes)}`);
      }),
      options,
    );
    console.info(`stdio fuzz: ${FUZZ_RUNS} cases: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    // nothing but protocol messages on stdout, and no failure logged on stderr
    expect(rpc.pollution).toEqual([]);
    expect(rpc.proc.stderrLines.filter((line) => Number(parseLogLine(line)?.level ?? 0) >= 50 || /uncaught|unhandled/i.test(line))).toEqual([]);
    // every response so far, the fuzz's and the pings', answers a request sent once: no id answered twice
    const answered = rpc.messages.filter((m) => isResponse(m) && typeof m.id === 'string' && m.id.startsWith('rq:')).map((m) => m.id);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('skips a line over the 10 MiB limit, answers it with -32600, and keeps serving', async () => {
    const from = rpc.messages.length;
    rpc.write(`{"jsonrpc":"2.0","id":"huge","method":"ping","params":{"x":"${'a'.repeat(11 * 1024 * 1024)}"}}`);
    const answer = await rpc.waitFor((m) => isResponse(m) && m.id === null, 30_000, from);
    expect(answer).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/longer than 10485760 bytes/) } });
    await rpc.ping();
    expect(rpc.messages.slice(from).some((m) => m.id === 'huge')).toBe(false);
  });

  it('ignores blank lines and reads a message split across writes', async () => {
    rpc.write('');
    rpc.write('   \t');
    const from = rpc.messages.length;
    const line = JSON.stringify({ jsonrpc: '2.0', id: 'split', method: 'tools/list' });
    for (const part of [line.slice(0, 5), line.slice(5, 20), `${line.slice(20)}\r`]) rpc.proc.child.stdin.write(part);
    rpc.proc.child.stdin.write('\n');
    const answer = await rpc.waitFor((m) => m.id === 'split', 15_000, from);
    expect(answer).toMatchObject({ result: { tools: expect.any(Array) } });
    await rpc.ping();
    expect(rpc.messages.slice(from).filter((m) => isResponse(m) && !String(m.id).startsWith('rq:'))).toHaveLength(1);
  });
});

describe('Streamable HTTP: the same server, raw POSTs to /mcp', () => {
  let running: RunningServer;
  let url: string;
  let sessionId: string;
  const logs: Record<string, unknown>[] = [];
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    const { default: definition } = await import('../generated/conformance/server.gen.js');
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void logs.push(JSON.parse(line)) } });
    running = await serve(definition, { transport: 'http', env: { TOOLWRIGHT_PORT: '0' }, dotenv: false, handleSignals: false, logger });
    url = running.url!;
    sessionId = await openSession(url);
  });
  afterAll(() => running?.close());

  /** Pings in the session: the server (and this session) still answer. */
  async function ping(id: string): Promise<void> {
    const answer = await postRaw(url, JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }), sessionHeaders(sessionId));
    expect(answer.messages, answer.raw.text).toEqual([{ jsonrpc: '2.0', id, result: {} }]);
  }

  function check(c: FuzzCase, status: number, expectedStatus: number, messages: unknown[], expected: Expected[], raw: string): void {
    const malformed = messages.map(messageProblem).filter(Boolean);
    const responses = (messages as Message[]).filter(isResponse);
    const problem =
      (status !== expectedStatus ? `status ${status}, expected ${expectedStatus}` : undefined) ??
      (malformed.length ? `malformed messages: ${malformed.join('; ')}` : undefined) ??
      responseMismatch(responses, expected);
    if (problem) throw new Error(`${c.kind}: ${problem}\nbody: ${shown(c.bytes)}\nanswer: ${raw.slice(0, 500)}`);
  }

  it(`answers ${FUZZ_RUNS} hostile bodies in a session exactly as JSON-RPC says, and keeps answering ping`, { timeout: TIMEOUT }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase(SURFACE), async (c) => {
        const answer = await postRaw(url, c.bytes, sessionHeaders(sessionId));
        const status = c.front ? 400 : c.expected.length === 0 ? 202 : 200;
        check(c, answer.status, status, answer.messages, c.expected, answer.raw.text);
        await ping(`rq:${++n}`);
      }),
      options,
    );
  });

  it(`answers ${FUZZ_RUNS} hostile bodies without a session with one error each, and opens no session`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase(SURFACE), async (c) => {
        const answer = await postRaw(url, c.bytes, { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' });
        // the front door's parse and shape checks come first; anything that passes them needs a session
        const expected: Expected[] = c.front ? c.expected : [{ kind: 'error', id: c.id, code: -32000 }];
        check(c, answer.status, 400, answer.messages, expected, answer.raw.text);
      }),
      options,
    );
    const health = await rawRequest(url.replace(/\/mcp$/, '/healthz'));
    expect(health.json().sessions).toBe(1);
    await ping('after-no-session');
  });

  it('ends with nothing polluted and no failure logged', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it('answers an initialize inside a session with -32600 and its id', async () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 'again',
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    const answer = await postRaw(url, body, sessionHeaders(sessionId));
    expect(answer.status).toBe(400);
    expect(answer.messages).toEqual([{ jsonrpc: '2.0', id: 'again', error: { code: -32600, message: expect.stringMatching(/already initialized/) } }]);
    await ping('after-initialize');
  });
});
