/**
 * Cold-start baseline for scripts/bench-openapi.ts: the smallest server a plain
 * SDK user writes — `McpServer` with one tool (zod input schema) on stdio. No
 * logging, no metrics, nothing loaded beyond the SDK and zod.
 *
 * Started as
 *   node --conditions=@toolwright/source --import tsx scripts/bench/sdk-one-tool.ts
 * so it pays the same tsx loader cost as `toolwright serve` (whose bin registers tsx too).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'bench-sdk-one-tool', version: '1.0.0' });
server.registerTool('get_user', { description: 'Get a user by login. Benchmark tool.', inputSchema: { username: z.string() } }, async ({ username }) => ({
  content: [{ type: 'text', text: JSON.stringify({ login: username }) }],
}));
await server.connect(new StdioServerTransport());
