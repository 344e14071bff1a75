/**
 * The one adapter between Toolwright and `@modelcontextprotocol/sdk`.
 *
 * Every other module of the runtime imports SDK classes, schemas and types from
 * here and nowhere else, so moving to SDK v2 (`@modelcontextprotocol/server`,
 * protocol 2026-07-28) means writing this file again, not touching the rest of
 * the runtime or any generated code.
 */
export { Client } from '@modelcontextprotocol/sdk/client/index.js';
export { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
export { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
export { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
export { Server as SdkServer } from '@modelcontextprotocol/sdk/server/index.js';
export { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
export { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
export type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
export type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
export { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
export type {
  CallToolResult,
  ContentBlock,
  CreateMessageRequest,
  CreateMessageResult,
  ElicitRequest,
  ElicitResult,
  GetPromptResult,
  JSONRPCMessage,
  LoggingLevel,
  Prompt,
  PromptMessage,
  ReadResourceResult,
  Resource,
  ResourceTemplate as ResourceTemplateDescriptor,
  ServerCapabilities,
  ServerNotification,
  ServerRequest,
  Tool as ToolDescriptor,
} from '@modelcontextprotocol/sdk/types.js';
export {
  CallToolRequestSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ErrorCode,
  GetPromptRequestSchema,
  isInitializeRequest,
  LATEST_PROTOCOL_VERSION,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
