/**
 * The one adapter between Toolwright and `@modelcontextprotocol/sdk`.
 *
 * Every other module of the runtime imports SDK classes, schemas and types from
 * here and nowhere else, so moving to SDK v2 (`@modelcontextprotocol/server`,
 * protocol 2026-07-28) means writing this file again, not touching the rest of
 * the runtime or any generated code.
 *
 * The SDK's client side (`Client`, the in-memory transport) is in sdk-client.ts
 * and its HTTP server transports in sdk-http.ts: part of this adapter, loaded
 * only by what needs them (the test client and search mode; serving over
 * HTTP), so a server on stdio loads neither.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { AnyObjectSchema, SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import { Protocol, type RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ErrorCode,
  McpError,
  type Notification,
  type Request,
  type Result,
  type ServerNotification,
  type ServerRequest,
  type ServerResult,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

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
  CallToolResultSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ErrorCode,
  GetPromptRequestSchema,
  isInitializeRequest,
  JSONRPCMessageSchema,
  JSONRPCRequestSchema,
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

/**
 * The SDK's server with one fix: a request whose params do not fit its method
 * (`tools/list` with a numeric cursor, `tools/call` without a name, `initialize`
 * without a protocol version) is answered with JSON-RPC -32602 (invalid params)
 * and a list of the bad fields. SDK 1.32 parses the params before the handler
 * runs and lets the ZodError escape, which goes out as -32603 (internal error)
 * with the issues' raw JSON as its message: a client bug reported as a server crash.
 * Registration hands the SDK a schema that checks only the method, and checks the
 * real schema in the handler, where a failure can become the right error.
 *
 * Handlers are registered the way the SDK's Protocol registers them, not
 * through Server's override: for `tools/call` that override parses the request
 * a second time (answering a bad one with a JSON dump of zod issues before the
 * check here could word it) and every result a third, on every call. Here each
 * request is parsed once, and the runtime builds results that fit by
 * construction, checking a handler's own `toolResult()` value (server.ts).
 * (The override also handles task-augmented calls; this runtime declares no tasks.)
 */
export class SdkServer extends Server {
  override setRequestHandler<T extends AnyObjectSchema>(
    requestSchema: T,
    handler: (
      request: SchemaOutput<T>,
      extra: RequestHandlerExtra<ServerRequest | Request, ServerNotification | Notification>,
    ) => ServerResult | Result | Promise<ServerResult | Result>,
  ): void {
    const schema = requestSchema as unknown as z.ZodObject;
    const method = schema.shape.method as z.ZodLiteral<string>;
    const methodOnly = z.looseObject({ method }) as unknown as T;
    Protocol.prototype.setRequestHandler.call(
      this,
      methodOnly,
      (request: SchemaOutput<T>, extra: RequestHandlerExtra<ServerRequest | Request, ServerNotification | Notification>) => {
        const parsed = schema.safeParse(request);
        if (!parsed.success) throw new McpError(ErrorCode.InvalidParams, describeInvalidParams(method.value, parsed.error.issues));
        return handler(parsed.data as SchemaOutput<T>, extra);
      },
    );
  }
}

function describeInvalidParams(method: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 10).map((issue) => `- ${issue.path.length ? issue.path.map(String).join('.') : '(request)'}: ${issue.message}`);
  if (issues.length > 10) lines.push(`- …and ${issues.length - 10} more problems`);
  return `Invalid params for ${method}:\n${lines.join('\n')}`;
}
