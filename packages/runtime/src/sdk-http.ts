/**
 * The SDK's HTTP server transports (Streamable HTTP and the legacy HTTP+SSE):
 * part of the SDK adapter (see sdk.ts), in a module of its own that
 * transports/http.ts loads when a server is served over HTTP.
 */
export { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
export { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
