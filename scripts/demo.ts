/**
 * The main job, end to end: start a Toolwright server with the real CLI over
 * Streamable HTTP, then show it answering the official MCP SDK client.
 * Run with `npm run demo` (after `npm ci`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const root = resolve(import.meta.dirname, '..');
const server = process.argv[2] ?? 'tests/fixtures/demo-server.ts';
const child = spawn(process.execPath, [resolve(root, 'packages/cli/bin/toolwright.js'), 'serve', server, '--transport', 'http', '--port', '0'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'pipe'],
});

try {
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 30 s')), 30_000);
    child.once('exit', (code) => fail(new Error(`the server exited early with code ${code}`)));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'server ready' && entry.url) {
          clearTimeout(timer);
          done(entry.url);
        }
      } catch {
        process.stderr.write(`${line}\n`);
      }
    });
  });
  console.log(`Server "${server}" is listening on ${url}\n`);
  const client = new Client({ name: 'toolwright-demo', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  const { tools } = await client.listTools();
  console.log('tools/list:');
  for (const tool of tools) console.log(`  ${tool.name} — ${tool.description}`);
  const first = tools[0];
  if (first?.name === 'add') {
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    console.log('\ntools/call add {"a":2,"b":40} →', JSON.stringify(result.structuredContent));
    const invalid = await client.callTool({ name: 'add', arguments: { a: 'two' } });
    console.log('\ntools/call add {"a":"two"} → isError:', invalid.isError);
    console.log((invalid.content as { text: string }[])[0]?.text);
  }
  await client.close();
  console.log(`\nServe it yourself: npx toolwright serve ${server} --transport http --port 3000`);
} finally {
  child.kill('SIGTERM');
  await once(child, 'exit');
}
