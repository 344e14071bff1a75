/**
 * Two client implementations — the official SDK `Client` and `@ai-sdk/mcp`
 * (written independently) — drive the two servers
 * built from typed functions (generated/workspace, generated/conformance),
 * over stdio (it spawns `toolwright serve`) and over Streamable HTTP. The
 * workspace server is pointed at a scratch folder through WORKSPACE_ROOT and
 * sent the usual escape attempts, which must all come back as tool errors.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMCPClient, type MCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, killAll, parseLogLine, ROOT, type Spawned, spawnCli } from './support/processes.js';

const scratch = mkdtempSync(join(tmpdir(), 'toolwright-ai-sdk-'));
const workspace = join(scratch, 'root');
const outside = join(scratch, 'root-evil');
const open: MCPClient[] = [];

beforeAll(() => {
  mkdirSync(join(workspace, 'notes'), { recursive: true });
  writeFileSync(join(workspace, 'notes/hello.md'), 'hello from the workspace\n');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'must never be read\n');
  symlinkSync(outside, join(workspace, 'link-out'));
  symlinkSync('/etc/hostname', join(workspace, 'etc-link'));
});

afterAll(async () => {
  await Promise.all(open.splice(0).map((client) => client.close().catch(() => {})));
  await killAll();
  rmSync(scratch, { recursive: true, force: true });
});

function env(): Record<string, string> {
  const clean = cleanEnv({ WORKSPACE_ROOT: workspace });
  return Object.fromEntries(Object.entries(clean).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function overStdio(server: string): Promise<MCPClient> {
  const client = await createMCPClient({
    transport: new Experimental_StdioMCPTransport({ command: process.execPath, args: [CLI, 'serve', server], env: env(), cwd: ROOT, stderr: 'ignore' }),
    protocolVersionDiscovery: false,
  });
  open.push(client);
  return client;
}

const servers: Spawned[] = [];
async function overHttp(server: string): Promise<MCPClient> {
  const proc = spawnCli(['serve', server, '--transport', 'http', '--port', '0'], env());
  servers.push(proc);
  const line = await proc.waitForStderr((l) => parseLogLine(l)?.msg === 'server ready');
  const url = String(parseLogLine(line)?.url);
  const client = await createMCPClient({ transport: { type: 'http', url }, protocolVersionDiscovery: false });
  open.push(client);
  return client;
}

/** One client per transport and server, shared by the tests (each spawn costs a second or two). */
const cache = new Map<string, Promise<MCPClient>>();
function shared(transport: string, connect: (server: string) => Promise<MCPClient>) {
  return (server: string): Promise<MCPClient> => {
    const key = `${transport}:${server}`;
    let client = cache.get(key);
    if (!client) {
      client = connect(server);
      cache.set(key, client);
    }
    return client;
  };
}

const text = (result: object): string =>
  (((result as { content?: unknown }).content ?? []) as { type: string; text?: string }[])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');

describe.each([
  ['stdio', overStdio],
  ['http', overHttp],
] as const)('@ai-sdk/mcp over %s', (transport, open) => {
  const connect = shared(transport, open);
  it('workspace: lists the tools, reads and writes inside the root', async () => {
    const client = await connect('workspace');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'append_file',
      'file_info',
      'list_directory',
      'make_directory',
      'move_file',
      'read_file',
      'search_files',
      'write_file',
    ]);
    const read = tools.find((t) => t.name === 'read_file')!;
    expect(read.annotations).toMatchObject({ readOnlyHint: true });
    expect(read.inputSchema).toMatchObject({ type: 'object', required: ['path'] });

    const got = await client.callTool({ name: 'read_file', arguments: { path: 'notes/hello.md' } });
    expect(got.isError).toBeFalsy();
    expect(got.structuredContent).toMatchObject({ path: 'notes/hello.md', content: 'hello from the workspace\n' });

    const info = await client.callTool({ name: 'file_info', arguments: { path: 'notes/hello.md' } });
    // a Date in the function's result arrives as an ISO string
    expect((info.structuredContent as { modified: unknown }).modified).toMatch(/^\d{4}-\d\d-\d\dT/);

    // AI SDK tools (what a model calls) work too
    const aiTools = await client.tools();
    const listing = await aiTools.list_directory!.execute!({ path: 'notes' }, { toolCallId: 'call-1', messages: [], context: {} });
    expect(JSON.stringify(listing)).toContain('notes/hello.md');
  });

  it.each([
    ['../root-evil/secret.txt', 'parent escape'],
    [`${outside}/secret.txt`, 'absolute path'],
    ['link-out/secret.txt', 'symlink leaving the root'],
    ['etc-link', 'symlink to a system file'],
    ['notes/../../root-evil/secret.txt', 'escape through a subfolder'],
    ['notes/\u0000hello.md', 'control character'],
  ])('workspace refuses %s (%s) as a tool error', async (path) => {
    const client = await connect('workspace');
    const result = await client.callTool({ name: 'read_file', arguments: { path } });
    expect(result.isError).toBe(true);
    expect(text(result)).not.toContain('must never be read');
    expect(text(result)).not.toMatch(/internal error/);
  });

  it('conformance fixture: a tool result and a prompt', async () => {
    const client = await connect('conformance');
    const result = await client.callTool({ name: 'test_simple_text', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(text(result).length).toBeGreaterThan(0);
    const prompts = await client.listPrompts();
    expect(prompts.prompts.map((p) => p.name)).toContain('test_simple_prompt');
  });
});

describe.each(['stdio', 'http'] as const)('the SDK Client over %s', (transport) => {
  const sdkClients: Client[] = [];
  afterAll(() => Promise.all(sdkClients.map((c) => c.close().catch(() => {}))));

  async function connect(server: string): Promise<Client> {
    const client = new Client({ name: 'generated-servers-e2e', version: '1.0.0' });
    if (transport === 'stdio') {
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve', server], env: env(), cwd: ROOT, stderr: 'ignore' }));
    } else {
      const proc = spawnCli(['serve', server, '--transport', 'http', '--port', '0'], env());
      const line = await proc.waitForStderr((l) => parseLogLine(l)?.msg === 'server ready');
      await client.connect(new StreamableHTTPClientTransport(new URL(String(parseLogLine(line)?.url))));
    }
    sdkClients.push(client);
    return client;
  }

  it('workspace: reads inside the root, refuses a symlink out of it', async () => {
    const client = await connect('workspace');
    expect((await client.listTools()).tools).toHaveLength(8);
    expect(await client.callTool({ name: 'read_file', arguments: { path: 'notes/hello.md' } })).toMatchObject({
      structuredContent: { content: 'hello from the workspace\n' },
    });
    const refused = await client.callTool({ name: 'read_file', arguments: { path: 'link-out/secret.txt' } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).not.toContain('must never be read');
  });

  it('conformance: tools, resources and prompts', async () => {
    const client = await connect('conformance');
    expect(text(await client.callTool({ name: 'test_simple_text', arguments: {} })).length).toBeGreaterThan(0);
    const read = await client.readResource({ uri: 'test://static-text' });
    expect(read.contents[0]).toMatchObject({ uri: 'test://static-text' });
    const prompt = await client.getPrompt({ name: 'test_simple_prompt' });
    expect(prompt.messages.length).toBeGreaterThan(0);
  });
});
