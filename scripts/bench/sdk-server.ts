/**
 * Benchmark server, bare SDK side: the same benchmark tools (scripts/bench/tools.ts)
 * on the SDK's own `McpServer`, written as a plain SDK user writes it
 * (registerTool with a zod 4 input shape; node:http + StreamableHTTPServerTransport
 * with a session map, or a fresh server and transport per request when
 * stateless, as in the SDK's README). No logging, no metrics.
 *
 * Started by scripts/bench-runtime.ts as
 *   node --conditions=@toolwright/source --import tsx scripts/bench/sdk-server.ts [stdio|http|http-stateless]
 * On HTTP it prints `{"url": …}` as the only line on stdout once it listens.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { answer, createIssueShape, DESCRIPTIONS, noopShape } from './tools.js';

const mode = process.argv[2] ?? 'stdio';

function createMcpServer(): McpServer {
  const server = new McpServer({ name: 'bench-sdk', version: '1.0.0' });
  server.registerTool('noop', { description: DESCRIPTIONS.noop, inputSchema: noopShape }, async (args) => ({
    content: [{ type: 'text', text: answer('noop', args) }],
  }));
  server.registerTool('create_issue', { description: DESCRIPTIONS.create_issue, inputSchema: createIssueShape }, async (args) => ({
    content: [{ type: 'text', text: answer('create_issue', args) }],
  }));
  return server;
}

if (mode === 'http-stateless') {
  // The SDK README's stateless pattern: a new server and transport for every POST, closed with the response.
  const http = createServer(async (req, res) => {
    try {
      if (req.method !== 'POST') {
        res
          .writeHead(405, { Allow: 'POST', 'Content-Type': 'application/json' })
          .end('{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Method not allowed."}}');
        return;
      }
      const body = await readBody(req);
      const server = createMcpServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  listen(http);
  process.once('SIGTERM', () => {
    http.close(() => process.exit(0));
    http.closeAllConnections();
  });
} else if (mode === 'http') {
  const transports = new Map<string, StreamableHTTPServerTransport>();
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
  listen(http);
  // Exit normally on SIGTERM so `--cpu-prof` can write its profile.
  process.once('SIGTERM', () => {
    for (const transport of transports.values()) void transport.close();
    http.close(() => process.exit(0));
    http.closeAllConnections();
  });
} else {
  await createMcpServer().connect(new StdioServerTransport());
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

function listen(http: Server): void {
  http.listen(0, '127.0.0.1', () => {
    const { port } = http.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/mcp` })}\n`);
  });
}
