/**
 * Definitions: the plain data that hand-written and generated code hands to
 * the runtime. A definition describes a tool, resource or prompt; it holds no
 * SDK object and no connection, so one definition serves any number of
 * servers, sessions and transports.
 */
import type { z } from 'zod';
import { ConfigurationError } from './errors.js';
import type { Logger } from './logging.js';
import type {
  CallToolResult,
  ContentBlock,
  CreateMessageRequest,
  CreateMessageResult,
  ElicitRequest,
  ElicitResult,
  GetPromptResult,
  LoggingLevel,
  PromptMessage,
  ReadResourceResult,
} from './sdk.js';

export type MaybePromise<T> = T | Promise<T>;
export type JsonSchema = Record<string, unknown>;
export type { CallToolResult, ContentBlock, GetPromptResult, LoggingLevel, PromptMessage, ReadResourceResult };

/** Behaviour hints sent to clients as MCP tool annotations. */
export interface ToolAnnotations {
  /** The tool does not change anything (`readOnlyHint`). */
  readOnly?: boolean;
  /** The tool may delete or overwrite (`destructiveHint`). */
  destructive?: boolean;
  /** Calling it twice with the same arguments has no further effect (`idempotentHint`). */
  idempotent?: boolean;
  /** The tool talks to an open world, such as the internet (`openWorldHint`). */
  openWorld?: boolean;
}

/** A token bucket: `burst` calls at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst?: number;
}

/** What a handler can use besides its arguments. */
export interface ToolContext {
  /** Aborted when the client cancels the call, the call times out, or the server shuts down. */
  readonly signal: AbortSignal;
  /** The JSON-RPC id of the call. */
  readonly requestId: string | number;
  /** The MCP session, when the transport has sessions. */
  readonly sessionId: string | undefined;
  /** The tool being called. */
  readonly toolName: string;
  /** Structured logger writing JSON lines to stderr (never stdout). */
  readonly logger: Logger;
  /** Sends `notifications/progress` if the client asked for progress; otherwise does nothing. */
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
  /** Sends an MCP log message to the client (`notifications/message`), filtered by the level it set. */
  log(level: LoggingLevel, data: unknown): Promise<void>;
  /** Tells every client subscribed to the resource `uri` that it changed (`notifications/resources/updated`). */
  notifyResourceUpdated(uri: string): Promise<void>;
  /**
   * Asks the client's model for a completion (`sampling/createMessage`).
   * Rejects with a ToolError: `unsupported` if the client did not declare
   * sampling, `upstream_error` if it answered with an error.
   */
  sample(params: CreateMessageRequest['params']): Promise<CreateMessageResult>;
  /**
   * Asks the user for input through the client (`elicitation/create`).
   * Rejects like {@link ToolContext.sample} when the client cannot or will not.
   */
  elicit(params: ElicitRequest['params']): Promise<ElicitResult>;
}

/** Marks a value as a complete `CallToolResult` to send unchanged. */
const RESULT_BRAND: unique symbol = Symbol.for('toolwright.toolResult');
export type ToolResult = CallToolResult & { readonly [RESULT_BRAND]: true };

/**
 * Wraps a full MCP tool result (for images, audio, embedded resources or
 * several content blocks) so the runtime sends it as is.
 *
 * @example
 * return toolResult({ content: [{ type: 'image', data, mimeType: 'image/png' }] });
 */
export function toolResult(result: CallToolResult): ToolResult {
  return Object.defineProperty({ ...result }, RESULT_BRAND, { value: true, enumerable: false }) as ToolResult;
}

export function isToolResult(value: unknown): value is ToolResult {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RESULT_BRAND] === true;
}

export type AnyObjectSchema = z.ZodObject<z.ZodRawShape> | z.ZodType<Record<string, unknown>>;

type HandlerReturn<Out> = Out extends z.ZodType ? z.input<Out> | ToolResult : unknown;

export interface ToolDefinition<In extends AnyObjectSchema = AnyObjectSchema, Out extends z.ZodType | undefined = z.ZodType | undefined> {
  readonly kind: 'tool';
  /** Unique name, `[A-Za-z0-9_.-]`, at most 128 characters. */
  readonly name: string;
  readonly title?: string;
  /** What the tool does and when to use it: this is what the model reads. */
  readonly description: string;
  /** Zod schema of the arguments: an object. */
  readonly input: In;
  /** Zod schema of a structured result (an object): sent as `outputSchema`, results as `structuredContent`. */
  readonly output?: Out;
  readonly annotations?: ToolAnnotations;
  /** Time limit for one call; default 30 s (or `TOOLWRIGHT_TOOL_TIMEOUT_MS`). */
  readonly timeoutMs?: number;
  /** Optional token bucket shared by every session of a server. */
  readonly rateLimit?: RateLimit;
  /** Precomputed JSON Schemas (generated code sets these so start-up converts nothing). */
  readonly inputJsonSchema?: JsonSchema;
  readonly outputJsonSchema?: JsonSchema;
  /** Free-form metadata sent as the tool's `_meta` (for example its toolset). */
  readonly meta?: Record<string, unknown>;
  readonly handler: (args: z.output<In>, context: ToolContext) => MaybePromise<HandlerReturn<Out>>;
}

export type AnyToolDefinition = ToolDefinition<any, any>;

/**
 * Defines a tool.
 *
 * @example
 * export const add = defineTool({
 *   name: 'add',
 *   description: 'Add two numbers. Use for exact integer arithmetic.',
 *   input: z.object({ a: z.number(), b: z.number() }),
 *   annotations: { readOnly: true },
 *   handler: ({ a, b }) => a + b,
 * });
 */
export function defineTool<In extends AnyObjectSchema, Out extends z.ZodType | undefined = undefined>(
  definition: Omit<ToolDefinition<In, Out>, 'kind'>,
): ToolDefinition<In, Out> {
  return Object.freeze({ ...definition, kind: 'tool' as const });
}

/** What a resource read may return: text, bytes, or full MCP contents. */
export type ResourceContent = string | Uint8Array | { text: string; mimeType?: string } | { blob: Uint8Array | string; mimeType?: string } | ReadResourceResult;

export interface ResourceContext {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly sessionId: string | undefined;
}

export interface ResourceDefinition {
  readonly kind: 'resource';
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  readonly read: (context: ResourceContext) => MaybePromise<ResourceContent>;
}

/** Defines a static resource at a fixed URI. */
export function defineResource(definition: Omit<ResourceDefinition, 'kind'>): ResourceDefinition {
  if (!isAbsoluteUri(definition.uri)) {
    throw new ConfigurationError(`Resource "${definition.name}": uri "${definition.uri}" is not an absolute URI (scheme://…).`);
  }
  return Object.freeze({ ...definition, kind: 'resource' as const });
}

export interface ResourceTemplateDefinition {
  readonly kind: 'resourceTemplate';
  /** RFC 6570 URI template, e.g. `test://template/{id}/data`. */
  readonly uriTemplate: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  readonly read: (uri: string, variables: Record<string, string>, context: ResourceContext) => MaybePromise<ResourceContent>;
  /** Completions for template variables (`completion/complete`). */
  readonly complete?: Readonly<Record<string, (value: string) => MaybePromise<string[]>>>;
}

/** Defines a family of resources addressed by a URI template. */
export function defineResourceTemplate(definition: Omit<ResourceTemplateDefinition, 'kind'>): ResourceTemplateDefinition {
  return Object.freeze({ ...definition, kind: 'resourceTemplate' as const });
}

export type PromptArgsSchema = z.ZodObject<Record<string, z.ZodType<string | undefined>>>;

export interface PromptDefinition<Args extends PromptArgsSchema = PromptArgsSchema> {
  readonly kind: 'prompt';
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /** String arguments (MCP prompts take strings); optional fields are optional arguments. */
  readonly args?: Args;
  readonly get: (args: z.output<Args>, context: ResourceContext) => MaybePromise<string | PromptMessage[] | GetPromptResult>;
  readonly complete?: Readonly<Record<string, (value: string) => MaybePromise<string[]>>>;
}

/** Defines a prompt template. */
export function definePrompt<Args extends PromptArgsSchema>(definition: Omit<PromptDefinition<Args>, 'kind'>): PromptDefinition<Args> {
  return Object.freeze({ ...definition, kind: 'prompt' as const });
}

export interface ServerDefaults {
  /** Default time limit per tool call in ms (30 000). */
  timeoutMs?: number;
  /** Default rate limit for every tool without its own. */
  rateLimit?: RateLimit;
}

/** A named group of tools that can be switched on together (`--toolsets issues,repos`). */
export interface ToolsetDefinition {
  readonly name: string;
  readonly description: string;
  /** On when no toolset is named. */
  readonly default?: boolean;
  readonly tools: readonly string[];
  /**
   * Loads the definitions of this toolset's tools on demand (generated API servers keep each toolset in a
   * module of its own, so GitHub's 1,223 tools cost nothing until their toolset is chosen). The tools named in
   * `tools` are then not in the server's `tools`; `selectTools` loads what a selection needs and checks that
   * the module defines exactly the tools named here.
   */
  readonly load?: () => Promise<readonly AnyToolDefinition[]>;
}

export interface ServerDefinition {
  readonly kind: 'server';
  readonly name: string;
  /** Semver version of this server. */
  readonly version: string;
  readonly title?: string;
  readonly description?: string;
  /** Sent to clients in `initialize` as `instructions`. */
  readonly instructions?: string;
  readonly tools: readonly AnyToolDefinition[];
  readonly resources: readonly ResourceDefinition[];
  readonly resourceTemplates: readonly ResourceTemplateDefinition[];
  readonly prompts: readonly PromptDefinition<any>[];
  /** Named groups of tools (empty for most function servers). */
  readonly toolsets: readonly ToolsetDefinition[];
  readonly defaults: ServerDefaults;
}

export interface ServerDefinitionInput {
  name: string;
  version: string;
  title?: string;
  description?: string;
  instructions?: string;
  tools?: readonly AnyToolDefinition[];
  resources?: readonly (ResourceDefinition | ResourceTemplateDefinition)[];
  prompts?: readonly PromptDefinition<any>[];
  toolsets?: readonly ToolsetDefinition[];
  defaults?: ServerDefaults;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Defines a server: its identity and what it offers. Checks names and
 * versions up front so mistakes surface at start, not at the first call.
 *
 * @example
 * export default defineServer({ name: 'demo', version: '1.0.0', tools: [add] });
 */
export function defineServer(input: ServerDefinitionInput): ServerDefinition {
  if (!input.name || !/^[A-Za-z0-9_.@/-]+$/.test(input.name)) {
    throw new ConfigurationError(`Server name "${input.name}" must be non-empty and use letters, digits, "_", "-", ".", "@" or "/".`);
  }
  if (!SEMVER.test(input.version)) {
    throw new ConfigurationError(`Server "${input.name}": version "${input.version}" is not semver (for example 1.0.0).`);
  }
  const tools = input.tools ?? [];
  const toolsets = input.toolsets ?? [];
  // Tools of toolsets loaded on demand are known by name now, and checked when loaded.
  const toolNames = [...tools.map((tool) => tool.name), ...toolsets.flatMap((toolset) => (toolset.load ? toolset.tools : []))];
  checkUnique('tool', toolNames);
  for (const tool of tools) checkTool(input.name, tool);
  checkLimits(`Server "${input.name}": defaults`, input.defaults ?? {});
  const resources = (input.resources ?? []).filter((r): r is ResourceDefinition => r.kind === 'resource');
  const resourceTemplates = (input.resources ?? []).filter((r): r is ResourceTemplateDefinition => r.kind === 'resourceTemplate');
  checkUnique(
    'resource URI',
    resources.map((r) => r.uri),
  );
  checkUnique(
    'resource template',
    resourceTemplates.map((r) => r.uriTemplate),
  );
  const prompts = input.prompts ?? [];
  checkUnique(
    'prompt',
    prompts.map((p) => p.name),
  );
  checkUnique(
    'toolset',
    toolsets.map((t) => t.name),
  );
  const known = new Set(toolNames);
  for (const toolset of toolsets) {
    if (toolset.name === 'all') throw new ConfigurationError(`Server "${input.name}": "all" is reserved (it means every tool); rename that toolset.`);
    if (toolset.load !== undefined && typeof toolset.load !== 'function')
      throw new ConfigurationError(`Server "${input.name}": toolset "${toolset.name}": load must be a function.`);
    const missing = toolset.tools.filter((name) => !known.has(name));
    if (missing.length) throw new ConfigurationError(`Server "${input.name}": toolset "${toolset.name}" names tools that do not exist: ${missing.join(', ')}.`);
  }
  return Object.freeze({
    kind: 'server' as const,
    name: input.name,
    version: input.version,
    title: input.title,
    description: input.description,
    instructions: input.instructions,
    tools: Object.freeze([...tools]),
    resources: Object.freeze(resources),
    resourceTemplates: Object.freeze(resourceTemplates),
    prompts: Object.freeze([...prompts]),
    toolsets: Object.freeze(toolsets.map((toolset) => Object.freeze({ ...toolset, tools: Object.freeze([...toolset.tools]) }))),
    defaults: Object.freeze({ ...input.defaults }),
  });
}

export function isServerDefinition(value: unknown): value is ServerDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'server';
}

/**
 * The checks every tool passes before a server offers it: at definition, or when its toolset's module is
 * loaded on demand (see ToolsetDefinition.load).
 */
export function checkTool(serverName: string, tool: AnyToolDefinition): void {
  if (tool?.kind !== 'tool') throw new ConfigurationError(`Server "${serverName}": tools must be made with defineTool().`);
  if (!TOOL_NAME.test(tool.name)) {
    throw new ConfigurationError(`Tool name "${tool.name}" must be 1-128 characters of A-Z, a-z, 0-9, "_", "-" or ".".`);
  }
  if (!tool.description?.trim()) throw new ConfigurationError(`Tool "${tool.name}" needs a description: it is what the model reads.`);
  checkLimits(`Tool "${tool.name}"`, tool);
}

/** Time limits and rate limits are checked here so a typo fails at start and names its tool. */
function checkLimits(owner: string, limits: { timeoutMs?: number; rateLimit?: RateLimit }): void {
  const { timeoutMs, rateLimit } = limits;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigurationError(`${owner}: timeoutMs must be a positive number of milliseconds, got ${timeoutMs}.`);
  }
  if (rateLimit === undefined) return;
  if (!(Number.isFinite(rateLimit.perSecond) && rateLimit.perSecond > 0)) {
    throw new ConfigurationError(`${owner}: rateLimit.perSecond must be a positive number, got ${rateLimit.perSecond}.`);
  }
  if (rateLimit.burst !== undefined && !(Number.isInteger(rateLimit.burst) && rateLimit.burst >= 1)) {
    throw new ConfigurationError(`${owner}: rateLimit.burst must be a whole number of at least 1, got ${rateLimit.burst}.`);
  }
}

function checkUnique(what: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new ConfigurationError(`Duplicate ${what} "${name}": each must be unique within a server.`);
    seen.add(name);
  }
}

function isAbsoluteUri(uri: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri);
}
