/**
 * stdio end to end: `toolwright serve <module>` as a child process, driven by
 * the SDK's StdioClientTransport and by raw JSON-RPC lines on its stdin.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { textOf } from './support/clients.js';
import { CLI, cleanEnv, fixture, killAll, parseLogLine, ROOT, type Spawned, spawnCli } from './support/processes.js';

const SERVER = fixture('transport-server.ts');

/** Raw newline-delimited JSON-RPC over a spawned server's stdin/stdout. */
function rpc(proc: Spawned) {
  let nextId = 1;
  const write = (line: string) => proc.child.stdin.write(line.endsWith('\n') ? line : `${line}\n`);
  const responseTo = async (id: number) => parseLogLine(await proc.waitForStdout((line) => parseLogLine(line)?.id === id));
  return {
    write,
    /** Sends a request and returns its id without waiting. */
    send(method: string, params: Record<string, unknown> = {}): number {
      const id = nextId++;
      write(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      return id;
    },
    responseTo,
    async request(method: string, params: Record<string, unknown> = {}) {
      return responseTo(this.send(method, params));
    },
    async initialize() {
      const init = await this.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-stdio', version: '1.0.0' } });
      write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      return init;
    },
  };
}

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => {})));
  await killAll();
});

describe('stdio through the SDK client', () => {
  it('lists and calls tools; console output goes to stderr; a throwing handler does not stop the server', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'serve', SERVER],
      cwd: ROOT,
      env: cleanEnv() as Record<string, string>,
      stderr: 'pipe',
    });
    const stderr: string[] = [];
    transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    const client = new Client({ name: 'e2e-stdio', version: '1.0.0' });
    clients.push(client);
    await client.connect(transport);

    expect(client.getServerVersion()).toMatchObject({ name: 'transport-fixture', version: '1.2.3' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['echo', 'noisy', 'boom']));
    expect((await client.callTool({ name: 'echo', arguments: { text: 'over stdio' } })).structuredContent).toEqual({ text: 'over stdio' });

    const noisy = await client.callTool({ name: 'noisy', arguments: {} });
    expect(textOf(noisy)).toBe('quiet result');
    // The call line is logged after the handler returns, so once it is there the noise is too.
    await waitUntil(() => stderr.join('').includes('"tool":"noisy"'));
    const lines = stderr.join('').split('\n');
    expect(lines).toEqual(expect.arrayContaining(['noise', 'noise from info', 'noise from debug']));

    const failed = await client.callTool({ name: 'boom', arguments: {} });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/unexpected internal error/);
    const again = await client.callTool({ name: 'echo', arguments: { text: 'still alive' } });
    expect(again.structuredContent).toEqual({ text: 'still alive' });
    expect(transport.pid).not.toBeNull();
  });
});

describe('stdio with raw JSON-RPC lines', () => {
  it('keeps stdout pure protocol, survives malformed lines, and exits with 0 when stdin closes', async () => {
    const proc = spawnCli(['serve', SERVER]);
    const session = rpc(proc);

    const init = await session.initialize();
    expect(init).toMatchObject({ jsonrpc: '2.0', result: { serverInfo: { name: 'transport-fixture' } } });

    const noisy = await session.request('tools/call', { name: 'noisy', arguments: {} });
    expect(noisy).toMatchObject({ result: { content: [{ type: 'text', text: 'quiet result' }] } });

    // Garbage of several kinds, each on its own line; none may take the server down.
    session.write('this is not json');
    session.write('{"jsonrpc": "2.0", "id": 99, "method": ');
    session.write('{"neither": "request nor response"}');
    session.write('[1, 2, 3]');
    session.write('');
    const crashed = await session.request('tools/call', { name: 'boom', arguments: {} });
    expect(crashed).toMatchObject({ result: { isError: true } });
    const list = await session.request('tools/list');
    expect(list).toMatchObject({ result: { tools: expect.arrayContaining([expect.objectContaining({ name: 'echo' })]) } });

    // Every stdout line is a JSON-RPC message; the noise went to stderr.
    for (const line of proc.stdoutLines) expect(parseLogLine(line), line).toMatchObject({ jsonrpc: '2.0' });
    expect(proc.stdoutLines.join('\n')).not.toContain('noise');
    expect(proc.stderrLines).toContain('noise');

    proc.child.stdin.end();
    expect(await proc.exited()).toEqual({ code: 0, signal: null });
  });

  it('a client that stops reading stdout (EPIPE) ends the server cleanly, not with a crash', async () => {
    const proc = spawnCli(['serve', SERVER]);
    const session = rpc(proc);
    await session.initialize();

    proc.child.stdout.destroy();
    session.send('tools/call', { name: 'echo', arguments: { text: 'into the void' } });
    expect(await proc.exited()).toEqual({ code: 0, signal: null });
    expect(proc.stderrLines.join('\n')).not.toMatch(/Unhandled|uncaught/i);
  });

  it('SIGTERM during a call exits with 0, and the in-flight call is answered first', async () => {
    const proc = spawnCli(['serve', SERVER]);
    const session = rpc(proc);
    await session.initialize();
    const slow = session.send('tools/call', { name: 'slow', arguments: { ms: 60_000 } });
    // stdin is read in order: once the ping is answered, the slow call has started.
    await session.request('ping');

    proc.child.kill('SIGTERM');
    expect(await proc.exited()).toEqual({ code: 0, signal: null });
    const answer = proc.stdoutLines.map(parseLogLine).find((m) => m?.id === slow);
    expect(answer).toMatchObject({ result: { isError: true, content: [{ text: expect.stringMatching(/shutting down/) }] } });
    expect(proc.stderrLines.map(parseLogLine).some((log) => log?.msg === 'shutting down' && log.signal === 'SIGTERM')).toBe(true);
  });

  it('SIGTERM exits with 0 even while a handler ignores its abort signal', async () => {
    const proc = spawnCli(['serve', SERVER]);
    const session = rpc(proc);
    await session.initialize();
    session.send('tools/call', { name: 'stubborn', arguments: { ms: 300_000 } });
    await session.request('ping');

    proc.child.kill('SIGTERM');
    expect(await proc.exited(15_000)).toEqual({ code: 0, signal: null });
  });

  it('stdin closing while a handler ignores its abort signal still ends the process with 0', async () => {
    const proc = spawnCli(['serve', SERVER]);
    const session = rpc(proc);
    await session.initialize();
    session.send('tools/call', { name: 'stubborn', arguments: { ms: 300_000 } });
    await session.request('ping');

    proc.child.stdin.end();
    expect(await proc.exited(15_000)).toEqual({ code: 0, signal: null });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
