/**
 * @toolwright/runtime — definitions, server factory, transports, middleware,
 * error model and test client for Toolwright MCP servers.
 */
export {
  defineTool,
  defineResource,
  defineResourceTemplate,
  definePrompt,
  defineServer,
  toolResult,
  isToolResult,
  isServerDefinition,
} from './definitions.js';
export type {
  AnyToolDefinition,
  CallToolResult,
  ContentBlock,
  GetPromptResult,
  JsonSchema,
  LoggingLevel,
  MaybePromise,
  PromptDefinition,
  PromptMessage,
  RateLimit,
  ReadResourceResult,
  ResourceContent,
  ResourceContext,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ServerDefaults,
  ServerDefinition,
  ServerDefinitionInput,
  ToolAnnotations,
  ToolContext,
  ToolDefinition,
  ToolResult,
} from './definitions.js';
export {
  AuthenticationError,
  CancelledError,
  ConfigurationError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  TimeoutError,
  ToolError,
  UpstreamError,
  ValidationError,
  isToolError,
} from './errors.js';
export type { ToolErrorCode, ToolErrorOptions } from './errors.js';
export { createLogger, scrub, secretValuesFromEnv } from './logging.js';
export type { LogLevel, Logger, LoggerOptions } from './logging.js';
export { createServerFactory, describeTool, toJsonSchema, DEFAULT_TOOL_TIMEOUT_MS } from './server.js';
export type { RuntimeServer, ServerFactory, ServerFactoryOptions } from './server.js';
export { loadEnvFile, readSettings } from './config.js';
export type { HttpSettings, RuntimeSettings } from './config.js';
export { serveHttp, isLoopbackHost } from './transports/http.js';
export type { HttpHandle, HttpOptions } from './transports/http.js';
export { serveStdio } from './transports/stdio.js';
export type { StdioHandle, StdioOptions } from './transports/stdio.js';
export { serve } from './serve.js';
export type { RunningServer, ServeOptions, TransportKind } from './serve.js';
export { connectTestClient } from './testing.js';
export type { TestClient, TestClientOptions } from './testing.js';
export { TokenBucket } from './middleware/rate-limit.js';
export type { Metrics } from './middleware/metrics.js';
export type { Drift, ExpectNoDrift, SameShape, Wire } from './drift.js';
