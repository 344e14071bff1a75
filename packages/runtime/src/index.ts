/**
 * @toolwright/runtime — definitions, server factory, transports, middleware,
 * error model and test client for Toolwright MCP servers.
 */

export type { HttpSettings, RuntimeSettings } from './config.js';
export { loadEnvFile, readResultSettings, readSettings } from './config.js';
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
  ToolsetDefinition,
} from './definitions.js';
export {
  definePrompt,
  defineResource,
  defineResourceTemplate,
  defineServer,
  defineTool,
  isServerDefinition,
  isToolResult,
  toolResult,
} from './definitions.js';
export type { Drift, ExpectNoDrift, FitsBody, FitsOperation, JsonBody, JsonWire, SameResult, SameShape, SentArgs, Wire, WithDefaults } from './drift.js';
export type { ToolErrorCode, ToolErrorOptions } from './errors.js';
export {
  AuthenticationError,
  CancelledError,
  ConfigurationError,
  isToolError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  TimeoutError,
  ToolError,
  UpstreamError,
  ValidationError,
} from './errors.js';
export type {
  BuildPathOptions,
  HttpApi,
  HttpApiOptions,
  HttpBody,
  HttpCallContext,
  HttpMethod,
  HttpOperation,
  HttpParameter,
  HttpParameterStyle,
  HttpProfile,
  MockReply,
  MockUpstream,
  MockUpstreamOptions,
  RecordedRequest,
  ResponseShape,
} from './http/index.js';
export { buildPath, capResult, createHttpApi, DEFAULT_MAX_RESULT_TOKENS, nextPage, shapeBody, startMockUpstream } from './http/index.js';
export type { Logger, LoggerOptions, LogLevel } from './logging.js';
export { createLogger, scrub, secretValuesFromEnv } from './logging.js';
export type { Metrics } from './middleware/metrics.js';
export { TokenBucket } from './middleware/rate-limit.js';
export type { SearchDocument, SearchHit, SearchModeOptions, ServerMode } from './search/index.js';
export { META_TOOLS, modeFromEnv, parseMode, SERVER_MODES, searchMode } from './search/mode.js';
export type { RunningServer, ServeOptions, TransportKind } from './serve.js';
export { serve } from './serve.js';
export type { RuntimeServer, ServerFactory, ServerFactoryOptions } from './server.js';
export { createServerFactory, DEFAULT_TOOL_TIMEOUT_MS, describeTool, toJsonSchema } from './server.js';
export type { TestClient, TestClientOptions } from './testing.js';
export { connectTestClient } from './testing.js';
export type { ToolSelection } from './toolsets.js';
export { selectionFromEnv, selectTools } from './toolsets.js';
export type { HttpHandle, HttpOptions } from './transports/http.js';
export { isLoopbackHost, serveHttp } from './transports/http.js';
export type { StdioHandle, StdioOptions } from './transports/stdio.js';
export { serveStdio } from './transports/stdio.js';
