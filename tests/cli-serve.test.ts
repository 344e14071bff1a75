/**
 * `toolwright serve` as a user runs it: a child process, the URL read from its
 * "server ready" log line, the SDK client over HTTP, and the messages it
 * prints when it cannot start.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeClients, connectHttp, connectLegacySse } from './support/clients.js';
import { cleanEnv, fixture, killAll, parseLogLine, type Spawned, spawnCli } from './support/processes.js';
import { rawRequest } from './support/raw-http.js';

const SERVER = fixture('transport-server.ts');

/** Waits for the "server ready" log line and returns it parsed. */
async function ready(proc: Spawned): Promise<Record<string, unknown> & { url: string }> {
  const line = await proc.waitForStderr((l) => parseLogLine(l)?.msg === 'server ready');
  const log = parseLogLine(line)!;
  expect(log.url).toEqual(expect.any(String));
  return log as Record<string, unknown> & { url: string };
}

async function stop(proc: Spawned): Promise<void> {
  proc.child.kill('SIGTERM');
  expect(await proc.exited()).toEqual({ code: 0, signal: null });
}

afterEach(() => closeClients());
afterAll(() => killAll());

describe('toolwright serve --transport http', () => {
  it('logs the URL it listens on; the SDK client works there; SIGTERM exits with 0', async () => {
    const proc = spawnCli(['serve', SERVER, '--transport', 'http', '--port', '0']);
    const log = await ready(proc);
    expect(log).toMatchObject({ transport: 'http', stateless: false, auth: false, server: 'transport-fixture' });
    const url = new URL(log.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/mcp');
    expect(Number(url.port)).toBeGreaterThan(0);
    await proc.waitForStderr((line) => line === `toolwright: transport-fixture 1.2.3 listening on ${log.url}`);

    const { client } = await connectHttp(log.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('echo');
    expect((await client.callTool({ name: 'echo', arguments: { text: 'via cli' } })).structuredContent).toEqual({ text: 'via cli' });
    const health = await rawRequest(log.url.replace(/\/mcp$/, '/healthz'));
    expect(health.json()).toMatchObject({ status: 'ok', server: 'transport-fixture', sessions: 1 });
    // Every stderr line is a JSON log line or one of the CLI's own "toolwright:" lines.
    for (const line of proc.stderrLines) expect(parseLogLine(line) !== undefined || line.startsWith('toolwright: '), line).toBe(true);

    await closeClients();
    await stop(proc);
  });

  it('--stateless and --legacy-sse reach the server', async () => {
    const proc = spawnCli(['serve', SERVER, '--transport', 'http', '--port', '0', '--stateless', '--legacy-sse']);
    const log = await ready(proc);
    expect(log).toMatchObject({ stateless: true, legacySse: true });

    const { client, transport } = await connectHttp(log.url);
    expect(transport.sessionId).toBeUndefined();
    expect((await client.callTool({ name: 'echo', arguments: { text: 'stateless' } })).structuredContent).toEqual({ text: 'stateless' });
    expect((await rawRequest(log.url, { headers: { Accept: 'text/event-stream' } })).status).toBe(405);
    const sse = await connectLegacySse(log.url.replace(/\/mcp$/, '/sse'));
    expect((await sse.client.callTool({ name: 'echo', arguments: { text: 'legacy' } })).structuredContent).toEqual({ text: 'legacy' });

    await closeClients();
    await stop(proc);
  });

  it('on 0.0.0.0 with TOOLWRIGHT_AUTH_TOKEN, only clients with the token get in, and the token is never logged', async () => {
    const token = 'cli-e2e-token-0b9f2c71aa';
    const proc = spawnCli(['serve', SERVER, '--transport', 'http', '--host', '0.0.0.0', '--port', '0'], cleanEnv({ TOOLWRIGHT_AUTH_TOKEN: token }));
    const log = await ready(proc);
    expect(log).toMatchObject({ auth: true });
    const local = `http://127.0.0.1:${new URL(log.url).port}/mcp`;

    await expect(connectHttp(local)).rejects.toThrow(/401|Unauthorized/);
    const { client } = await connectHttp(local, { Authorization: `Bearer ${token}` });
    expect((await client.callTool({ name: 'echo', arguments: { text: token } })).structuredContent).toEqual({ text: token });

    await closeClients();
    await stop(proc);
    // The call's arguments contained the token, and its log line was still written: masked.
    expect(proc.stderrLines.some((line) => parseLogLine(line)?.tool === 'echo')).toBe(true);
    expect(proc.stderrLines.join('\n')).not.toContain(token);
  });
});

describe('toolwright serve --read-only and --tools', () => {
  it('offers only the chosen tools', async () => {
    const proc = spawnCli(['serve', 'workspace', '--transport', 'http', '--port', '0', '--read-only']);
    const { client } = await connectHttp((await ready(proc)).url);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['file_info', 'list_directory', 'read_file', 'search_files']);
    await stop(proc);
    const picked = spawnCli(['serve', 'workspace', '--transport', 'http', '--port', '0', '--tools', 'read_file,write_file', '--read-only']);
    const second = await connectHttp((await ready(picked)).url);
    expect((await second.client.listTools()).tools.map((t) => t.name)).toEqual(['read_file']);
    await stop(picked);
  });
});

describe.concurrent('toolwright serve refuses to start, with a message that says why', () => {
  const cases: [name: string, args: string[], env: Record<string, string>, message: RegExp][] = [
    ['an unknown server name', ['serve', 'no-such-server'], {}, /No server "no-such-server"/],
    ['a module without a server definition', ['serve', fixture('not-a-server.ts')], {}, /not-a-server\.ts does not export a server definition.*defineServer/],
    ['a module that throws while loading', ['serve', fixture('broken-throws.ts')], {}, /DATABASE_URL is not set/],
    [
      '0.0.0.0 without a token',
      ['serve', SERVER, '--transport', 'http', '--host', '0.0.0.0', '--port', '0'],
      {},
      /Refusing to listen on 0\.0\.0\.0.*TOOLWRIGHT_AUTH_TOKEN/,
    ],
    ['a bad TOOLWRIGHT_PORT', ['serve', SERVER, '--transport', 'http'], { TOOLWRIGHT_PORT: 'eighty' }, /TOOLWRIGHT_PORT="eighty"/],
    ['an unknown tool', ['serve', 'workspace', '--tools', 'read_files'], {}, /Unknown tool "read_files" for server "workspace"\. Did you mean "read_file"\?/],
    ['a toolset on a server without toolsets', ['serve', 'workspace', '--toolsets', 'files'], {}, /Server "workspace" has no toolsets/],
    ['a bad --port', ['serve', SERVER, '--transport', 'http', '--port', '70000'], {}, /port.*0 to 65535/i],
    ['an unknown transport', ['serve', SERVER, '--transport', 'carrier-pigeon'], {}, /carrier-pigeon.*stdio, http|Allowed choices are stdio, http/],
  ];

  it.each(cases)('%s', async (_name, args, env, message) => {
    const proc = spawnCli(args, cleanEnv(env));
    const { code } = await proc.exited();
    expect(code).not.toBe(0);
    expect(proc.stderrLines.join('\n')).toMatch(message);
    expect(proc.stdoutLines).toEqual([]);
  });

  it('a port already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const proc = spawnCli(['serve', SERVER, '--transport', 'http', '--port', String(port)]);
      const { code } = await proc.exited();
      expect(code).not.toBe(0);
      expect(proc.stderrLines.join('\n')).toMatch(new RegExp(`EADDRINUSE.*${port}|${port}.*in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
