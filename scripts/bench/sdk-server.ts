/**
 * Benchmark server, bare SDK side: the same no-op tool on the SDK's own
 * `McpServer`, written as a plain SDK user writes it (registerTool with a
 * zod 4 input schema; node:http + StreamableHTTPServerTransport with a
 * session map, as in the SDK's README). No logging, no metrics.
 *
 * Started by scripts/bench-runtime.ts as
 *   node --conditions=@toolwright/source --import tsx scripts/bench/sdk-server.ts [stdio|http]
 * On http it prints `{"url": …}` as the only line on stdout once it listens.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

function createMcpServer(): McpServer {
  const server = new McpServer({ name: 'bench-sdk', version: '1.0.0' });
  server.registerTool('noop', { description: 'Does nothing and answers "ok". Benchmark tool.', inputSchema: { n: z.number().int() } }, async () => ({
    content: [{ type: 'text', text: 'ok' }],
  }));
  return server;
}

if (process.argv[2] === 'http') {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const readBody = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
  };
  const http = createServer(async (req, res) => {
    try {
      const sessionId = req.headers['mcp-session-id'];
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
      if (!transport && sessionId === undefined && req.method === 'POST' && isInitializeRequest(body)) {
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void transports.set(id, created),
        });
        created.onclose = () => {
          if (created.sessionId) transports.delete(created.sessionId);
        };
        await createMcpServer().connect(created);
        transport = created;
      }
      if (!transport) {
        res
          .writeHead(400, { 'Content-Type': 'application/json' })
          .end('{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Bad Request: no valid session"}}');
        return;
      }
      await transport.handleRequest(req, res, body);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  http.listen(0, '127.0.0.1', () => {
    const { port } = http.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/mcp` })}\n`);
  });
  // Exit normally on SIGTERM so `--cpu-prof` can write its profile.
  process.once('SIGTERM', () => {
    for (const transport of transports.values()) void transport.close();
    http.close(() => process.exit(0));
    http.closeAllConnections();
  });
} else {
  await createMcpServer().connect(new StdioServerTransport());
}
