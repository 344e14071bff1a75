/**
 * A real third-party client: `@modelcontextprotocol/inspector --cli` lists and
 * calls the tools of a server started with `toolwright serve`, over stdio (the
 * inspector spawns the server) and over Streamable HTTP.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { inspect } from './support/inspector.js';
import { CLI, fixture, killAll, parseLogLine, spawnCli } from './support/processes.js';

const SERVER = fixture('transport-server.ts');
const STDIO_TARGET = ['--', process.execPath, CLI, 'serve', SERVER];

afterAll(() => killAll());

describe('inspector --cli over stdio', () => {
  it('lists the tools with their schemas', async () => {
    const run = await inspect(['--method', 'tools/list', ...STDIO_TARGET]);
    expect(run.code).toBe(0);
    const { tools } = (run.json as { result: { tools: { name: string; inputSchema: { properties?: Record<string, unknown> }; outputSchema?: unknown }[] } })
      .result;
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['echo', 'boom', 'slow']));
    const echo = tools.find((t) => t.name === 'echo')!;
    expect(Object.keys(echo.inputSchema.properties ?? {})).toEqual(['text', 'delayMs']);
    expect(echo.outputSchema).toMatchObject({ type: 'object' });
    // the server's log lines went to stderr, so stdout stayed parseable JSON-RPC for the inspector
    expect(run.stdout).not.toContain('"msg":"server ready"');
  });

  it('calls a tool and gets its structured result', async () => {
    const run = await inspect(['--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', 'text=hello inspector', ...STDIO_TARGET]);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ result: { structuredContent: { text: 'hello inspector' } } });
  });

  it('a throwing handler reaches it as an isError result with a reference, not a crash (exit 5)', async () => {
    const run = await inspect(['--method', 'tools/call', '--tool-name', 'boom', ...STDIO_TARGET]);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain('unexpected internal error');
    expect(run.stdout).not.toContain('kaboom');
    expect(run.stdout).not.toContain('transport-server.ts');
  });

  it('bad arguments come back as a readable validation error', async () => {
    const run = await inspect(['--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', 'delayMs=-5', ...STDIO_TARGET]);
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/Invalid arguments for echo/);
    expect(run.stdout).toMatch(/text/);
    expect(run.stdout).toMatch(/delayMs/);
  });
});

describe('inspector --cli over Streamable HTTP', () => {
  it('lists and calls tools on `toolwright serve --transport http`', async () => {
    const server = spawnCli(['serve', SERVER, '--transport', 'http', '--port', '0']);
    const line = await server.waitForStderr((l) => parseLogLine(l)?.msg === 'server ready');
    const url = String(parseLogLine(line)?.url);

    const list = await inspect(['--method', 'tools/list', '--transport', 'http', '--server-url', url]);
    expect(list.code).toBe(0);
    expect((list.json as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name)).toContain('echo');

    const call = await inspect(['--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', 'text=over http', '--transport', 'http', '--server-url', url]);
    expect(call.code).toBe(0);
    expect(call.json).toMatchObject({ result: { structuredContent: { text: 'over http' } } });

    server.child.kill('SIGTERM');
    expect(await server.exited()).toEqual({ code: 0, signal: null });
  });
});
