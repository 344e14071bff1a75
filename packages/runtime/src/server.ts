/**
 * The server factory. `createServerFactory(definition)` does the per-definition
 * work once (JSON Schemas, descriptors, rate-limit buckets, metrics); each
 * `factory.create()` then makes a fresh SDK server for exactly one connection,
 * session or stateless request. One SDK server is never shared between
 * clients: sharing one leaked responses across clients (CVE-2026-25536).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readCallSettings } from './config.js';
import {
  type AnyToolDefinition,
  isToolResult,
  type JsonSchema,
  type LoggingLevel,
  type PromptDefinition,
  type ResourceContent,
  type ResourceContext,
  type ServerDefinition,
  type ToolContext,
} from './definitions.js';
import { CancelledError, ConfigurationError, RateLimitedError, TimeoutError, ToolError, ValidationError } from './errors.js';
import { createLogger, type Logger, type LogLevel, logInfoLine, scrub, secretValuesFromEnv } from './logging.js';
import { type CallOutcome, createMetrics, type Metrics } from './middleware/metrics.js';
import { TokenBucket } from './middleware/rate-limit.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  CallToolResultSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ErrorCode,
  GetPromptRequestSchema,
  type GetPromptResult,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  type Prompt,
  ReadResourceRequestSchema,
  type ReadResourceResult,
  type RequestHandlerExtra,
  type Resource,
  type ResourceTemplateDescriptor,
  SdkServer,
  type ServerCapabilities,
  type ServerNotification,
  type ServerRequest,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  type ToolDescriptor,
  type Transport,
  UnsubscribeRequestSchema,
  UriTemplate,
} from './sdk.js';
import { parseArguments } from './tolerance.js';
import { hasUnloadedTools } from './toolsets.js';

export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;
/** JSON-RPC error code the MCP spec gives to "resource not found". */
export const RESOURCE_NOT_FOUND = -32002;

export interface ServerFactoryOptions {
  /** Logger for call lines and failures; default JSON on stderr at `TOOLWRIGHT_LOG_LEVEL` (info). */
  logger?: Logger;
  logLevel?: LogLevel;
  /** Default per-call time limit; overrides the definition's default. */
  toolTimeoutMs?: number;
  /** Log one line per call (default true). */
  logCalls?: boolean;
  /** Environment to read settings and secret values from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /**
   * Record Prometheus metrics of the calls (default true). serve() turns them off on stdio, which has no
   * /metrics endpoint to read them from: there they would only cost every call its time.
   */
  metrics?: boolean;
}

/** One MCP server instance, bound to one transport at a time. */
export interface RuntimeServer {
  connect(transport: Transport): Promise<void>;
  close(): Promise<void>;
  onclose?: (() => void) | undefined;
}

export interface ServerFactory {
  readonly definition: ServerDefinition;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** A fresh server for one connection, session or stateless request. */
  create(): RuntimeServer;
  /** Aborts every in-flight call (their handlers see `signal.aborted`; callers get `message`). Used on shutdown. */
  abortAll(message?: string): void;
  /** Tells every client subscribed to `uri` (`resources/subscribe`) that it changed (`notifications/resources/updated`). */
  notifyResourceUpdated(uri: string): Promise<void>;
}

interface CompiledTool {
  readonly definition: AnyToolDefinition;
  readonly descriptor: ToolDescriptor;
  readonly timeoutMs: number;
  readonly bucket: TokenBucket | undefined;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;
const LEVELS: readonly LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** Converts a zod schema to the JSON Schema sent to clients (no `$schema` key: it costs tokens and says nothing). */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return dropSafeIntegerBounds(json) as JsonSchema;
}

/** zod states `z.int()`'s implicit ±2^53-1 bounds; they are noise to a model and cost tokens. */
function dropSafeIntegerBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropSafeIntegerBounds);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'minimum' && value === Number.MIN_SAFE_INTEGER) || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)) continue;
    out[key] = dropSafeIntegerBounds(value);
  }
  return out;
}

/** Builds the descriptor sent in `tools/list` for one tool definition. */
export function describeTool(tool: AnyToolDefinition): ToolDescriptor {
  const inputSchema = tool.inputJsonSchema ?? toJsonSchema(tool.input, 'input');
  if (inputSchema.type !== 'object') {
    throw new ConfigurationError(`Tool "${tool.name}": the input schema must be an object schema (z.object(...)), got type ${String(inputSchema.type)}.`);
  }
  const descriptor: ToolDescriptor = { name: tool.name, description: tool.description, inputSchema: inputSchema as ToolDescriptor['inputSchema'] };
  if (tool.title) descriptor.title = tool.title;
  if (tool.output) {
    const outputSchema = tool.outputJsonSchema ?? toJsonSchema(tool.output, 'output');
    if (outputSchema.type !== 'object') {
      throw new ConfigurationError(`Tool "${tool.name}": the output schema must be an object schema (z.object(...)), got type ${String(outputSchema.type)}.`);
    }
    descriptor.outputSchema = outputSchema as NonNullable<ToolDescriptor['outputSchema']>;
  }
  // Hints a client assumes anyway cost tokens on every tool: openWorld true is the default,
  // and destructive/idempotent mean nothing for a read-only tool (MCP spec).
  const a = tool.annotations;
  const hints = {
    ...(tool.title ? { title: tool.title } : {}),
    ...(a?.readOnly === true ? { readOnlyHint: true } : {}),
    ...(a?.destructive !== undefined && a.readOnly !== true ? { destructiveHint: a.destructive } : {}),
    ...(a?.idempotent === true && a.readOnly !== true ? { idempotentHint: true } : {}),
    ...(a?.openWorld === false ? { openWorldHint: false } : {}),
  };
  if (Object.keys(hints).length > 0) descriptor.annotations = hints;
  if (tool.meta) descriptor._meta = tool.meta;
  return descriptor;
}

/**
 * Prepares a server definition for serving. Call once per process; call
 * `create()` for every connection.
 */
export function createServerFactory(definition: ServerDefinition, options: ServerFactoryOptions = {}): ServerFactory {
  if (hasUnloadedTools(definition)) {
    throw new ConfigurationError(
      `Server "${definition.name}" loads its toolsets on demand: pass it through \`await selectTools(definition, selection)\` first (serve() does), for example with { toolsets: ['all'] }.`,
    );
  }
  const env = options.env ?? process.env;
  const settings = readCallSettings(env);
  const secrets = secretValuesFromEnv(env);
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? settings.logLevel ?? 'info', secrets });
  const metrics = createMetrics({ server: definition.name, version: definition.version }, { record: options.metrics ?? true });
  const defaultTimeout = options.toolTimeoutMs ?? settings.toolTimeoutMs ?? definition.defaults.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  const logCalls = options.logCalls ?? true;
  // One controller per call, tracked here so shutdown can stop them all. Not
  // AbortSignal.any(): on Node 20 its composite signals are kept alive by their
  // sources and leak under load (nodejs/node#55351), and it costs a few µs a call.
  const inFlight = new Set<CallControl>();
  // Sessions with at least one resource subscription; a closed one is dropped when next notified.
  const subscribers = new Set<{ session: SessionState; server: SdkServer }>();

  async function notifyResourceUpdated(uri: string): Promise<void> {
    const sends: Promise<void>[] = [];
    for (const subscriber of subscribers) {
      if (!subscriber.session.subscriptions.has(uri)) continue;
      if (subscriber.server.transport === undefined) {
        subscribers.delete(subscriber);
        continue;
      }
      sends.push(
        subscriber.server.sendResourceUpdated({ uri }).catch((error: unknown) => {
          subscribers.delete(subscriber);
          logger.debug({ uri, err: error }, 'resource update not delivered (session gone)');
        }),
      );
    }
    await Promise.all(sends);
  }

  const tools = new Map<string, CompiledTool>();
  for (const tool of definition.tools) {
    const limit = tool.rateLimit ?? definition.defaults.rateLimit;
    tools.set(tool.name, {
      definition: tool,
      descriptor: describeTool(tool),
      timeoutMs: tool.timeoutMs ?? defaultTimeout,
      bucket: limit ? new TokenBucket(limit) : undefined,
    });
  }
  const toolList = { tools: [...tools.values()].map((t) => t.descriptor) };
  const resourceList = { resources: definition.resources.map(describeResource) };
  const templateList = { resourceTemplates: definition.resourceTemplates.map(describeTemplate) };
  const templates = definition.resourceTemplates.map((t) => ({ definition: t, matcher: new UriTemplate(t.uriTemplate) }));
  const promptList = { prompts: definition.prompts.map(describePrompt) };
  const prompts = new Map(definition.prompts.map((p) => [p.name, p]));
  // Completion is offered wherever there is something to complete (a prompt argument, a template variable),
  // not only where a completer was written: one without a completer answers an empty list, which the spec
  // allows, where a missing handler would answer "method not found", as if the server were broken.
  const hasCompletions = definition.prompts.some((p) => p.args || p.complete) || definition.resourceTemplates.length > 0;
  const hasResources = definition.resources.length > 0 || definition.resourceTemplates.length > 0;

  const capabilities: ServerCapabilities = {
    tools: { listChanged: false },
    logging: {},
    ...(hasResources ? { resources: { subscribe: true, listChanged: false } } : {}),
    ...(definition.prompts.length > 0 ? { prompts: { listChanged: false } } : {}),
    ...(hasCompletions ? { completions: {} } : {}),
  };

  async function callTool(tool: CompiledTool, rawArgs: unknown, extra: Extra, session: SessionState): Promise<CallToolResult> {
    const started = performance.now();
    const name = tool.definition.name;
    let outcome: CallOutcome = 'ok';
    let errorCode: string | undefined;
    const call = new CallControl(extra.signal);
    inFlight.add(call);
    const timer = setTimeout(
      () =>
        call.stop(
          new TimeoutError(
            `Tool "${name}" did not finish within ${tool.timeoutMs} ms and was stopped. Try a narrower request, or try again later.`,
            tool.timeoutMs,
          ),
        ),
      tool.timeoutMs,
    );
    let result: CallToolResult;
    try {
      const wait = tool.bucket?.take() ?? 0;
      if (wait > 0) {
        throw new RateLimitedError(`Tool "${name}" is rate limited. Retry after ${Math.ceil(wait / 1000)} s.`, wait / 1000);
      }
      // Stringified objects, arrays, numbers and booleans are repaired where the schema wants the value (tolerance.ts).
      const parsing = parseArguments(tool.definition.input, rawArgs ?? {});
      const parsed = parsing instanceof Promise ? await parsing : parsing;
      if (!parsed.success) {
        outcome = 'invalid';
        throw new ValidationError(formatIssues(name, parsed.issues, parsed.received));
      }
      const context = makeContext(name, call, extra, session);
      if (call.stopped) throw call.reason;
      // A handler's promise is raced against the call's stop (timeout, cancel, shutdown); a plain value needs no wait.
      let value: unknown = tool.definition.handler(parsed.data, context);
      if (isPromiseLike(value)) value = await call.wait(Promise.resolve(value));
      result = toCallToolResult(tool, value);
      // answered, but the client had cancelled: the SDK drops the answer
      if (extra.signal.aborted) outcome = 'cancelled';
    } catch (error) {
      const failure = classify(error, call, extra.signal);
      outcome = outcome === 'invalid' ? 'invalid' : failure.outcome;
      errorCode = failure.code;
      if (failure.crash) {
        logger.error({ tool: name, requestId: extra.requestId, reference: failure.reference, err: error }, 'tool handler failed');
      }
      result = failure.result;
    } finally {
      clearTimeout(timer);
      inFlight.delete(call);
      call.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    metrics.recordCall(name, outcome, seconds, errorCode);
    if (logCalls) {
      // every field is the server's own or scrubbed here
      logInfoLine(
        logger,
        {
          tool: name,
          requestId: typeof extra.requestId === 'string' ? scrub(extra.requestId, { secrets }) : extra.requestId,
          sessionId: extra.sessionId,
          durationMs: Math.round(seconds * 1e4) / 10,
          outcome,
          ...(errorCode ? { errorCode } : {}),
          args: scrub(rawArgs, { secrets }),
        },
        'tool call',
      );
    }
    return result;
  }

  function makeContext(toolName: string, call: CallControl, extra: Extra, session: SessionState): ToolContext {
    const progressToken = extra._meta?.progressToken;
    let childLogger: Logger | undefined;
    return {
      get signal() {
        return call.signal;
      },
      requestId: extra.requestId,
      sessionId: extra.sessionId,
      toolName,
      // made on first use: most handlers never log, and a child logger is not free
      get logger() {
        childLogger ??= logger.child({ tool: toolName, requestId: extra.requestId });
        return childLogger;
      },
      async reportProgress(progress, total, message) {
        if (progressToken === undefined) return;
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) },
        });
      },
      notifyResourceUpdated,
      async log(level, data) {
        if (LEVELS.indexOf(level) < LEVELS.indexOf(session.level)) return;
        await extra.sendNotification({ method: 'notifications/message', params: { level, logger: toolName, data } });
      },
      sample: (params) =>
        askClient('sampling', 'sampling/createMessage', call.signal, session, () =>
          extra.sendRequest({ method: 'sampling/createMessage', params }, CreateMessageResultSchema, { signal: call.signal }),
        ),
      elicit: (params) =>
        askClient('elicitation', 'elicitation/create', call.signal, session, () =>
          extra.sendRequest({ method: 'elicitation/create', params }, ElicitResultSchema, { signal: call.signal }),
        ),
    };
  }

  /**
   * Sends a request to the client on a handler's behalf. A client without the
   * capability, or one answering with an error (a user refusing, say), is not
   * a server bug: both become ToolErrors the model can read, instead of an
   * "unexpected internal error" with a stack in the server log.
   */
  async function askClient<T>(
    capability: 'sampling' | 'elicitation',
    method: string,
    signal: AbortSignal,
    session: SessionState,
    send: () => Promise<T>,
  ): Promise<T> {
    if (!session.clientCapabilities()?.[capability]) {
      throw new ToolError(
        'unsupported',
        `This tool needs the client to support ${capability} (${method}), and this client does not. It cannot be used from this client.`,
      );
    }
    try {
      return await send();
    } catch (error) {
      if (error instanceof McpError && !signal.aborted) {
        throw new ToolError('upstream_error', `The client answered ${method} with an error: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  function classify(error: unknown, call: CallControl, clientSignal: AbortSignal) {
    let cause = error;
    if (call.aborted && !(error instanceof ToolError && error.code !== 'cancelled')) {
      cause = clientSignal.aborted
        ? new CancelledError()
        : call.reason instanceof ToolError
          ? call.reason
          : new CancelledError('The server is shutting down; the call was stopped. Try again shortly.');
    }
    if (cause instanceof ToolError) {
      const outcome: CallOutcome =
        cause.code === 'timeout' ? 'timeout' : cause.code === 'cancelled' ? 'cancelled' : cause.code === 'rate_limited' ? 'rate_limited' : 'error';
      return { outcome, code: cause.code, crash: false, reference: undefined, result: errorResult(cause.code, cause.message, cause.data) };
    }
    const reference = randomUUID();
    return {
      outcome: 'crash' as CallOutcome,
      code: 'internal_error',
      crash: true,
      reference,
      result: errorResult(
        'internal_error',
        `The tool failed with an unexpected internal error. It was logged on the server (reference ${reference}). Retrying is unlikely to help unless the arguments change.`,
        { reference },
      ),
    };
  }

  function toCallToolResult(tool: CompiledTool, value: unknown): CallToolResult {
    if (isToolResult(value)) {
      // A result the handler built itself is the one kind not made here, so the one checked against MCP's shape.
      const checked = CallToolResultSchema.safeParse(value);
      return checked.success ? { ...value } : badResult(tool, 'is not a valid MCP tool result', checked.error.issues);
    }
    const output = tool.definition.output as z.ZodType | undefined;
    if (output) {
      // Checked as it will be sent: JSON (a Date becomes its ISO string, undefined fields go away).
      const parsed = output.safeParse(toJson(value));
      if (!parsed.success) return badResult(tool, 'does not match its output schema', parsed.error.issues);
      const structured = parsed.data as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
    }
    return { content: [{ type: 'text', text: renderText(value) }] };
  }

  /** A handler's result the runtime cannot send: logged with its issues, answered as an internal error with a reference. */
  function badResult(tool: CompiledTool, problem: string, issues: readonly z.core.$ZodIssue[]): CallToolResult {
    const reference = randomUUID();
    logger.error({ tool: tool.definition.name, reference, issues }, `tool result ${problem}`);
    return errorResult('internal_error', `The tool produced a result that ${problem} (reference ${reference}). This is a server bug; report it.`, {
      reference,
    });
  }

  /**
   * Turns a failure in a resource read, prompt or completer into the JSON-RPC
   * error the client gets. The SDK would send any thrown error's message as
   * is, so this is where resources and prompts get the tools' guarantee: a
   * {@link ToolError}'s message (written for the client) is sent, anything
   * else is logged with its stack and the client sees only a reference id.
   */
  function protocolError(error: unknown, msg: string, fields: Record<string, unknown>, notFoundCode: number): McpError {
    if (error instanceof McpError) return error;
    if (error instanceof ToolError) {
      const code = error.code === 'not_found' ? notFoundCode : error.code === 'invalid_arguments' ? ErrorCode.InvalidParams : ErrorCode.InternalError;
      return new McpError(code, error.message, { ...error.data, code: error.code });
    }
    const reference = randomUUID();
    logger.error({ ...fields, reference, err: error }, msg);
    return new McpError(ErrorCode.InternalError, `The server failed with an unexpected internal error. It was logged (reference ${reference}).`, {
      code: 'internal_error',
      reference,
    });
  }

  function resourceContext(extra: Extra): ResourceContext {
    return { signal: extra.signal, logger, sessionId: extra.sessionId };
  }

  async function readResource(uri: string, extra: Extra): Promise<ReadResourceResult> {
    const fixed = definition.resources.find((r) => r.uri === uri);
    if (fixed) return toReadResult(uri, fixed.mimeType, await fixed.read(resourceContext(extra)));
    for (const { definition: template, matcher } of templates) {
      const variables = matcher.match(uri);
      if (!variables) continue;
      const flat = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
      return toReadResult(uri, template.mimeType, await template.read(uri, flat, resourceContext(extra)));
    }
    throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}. Call resources/list or resources/templates/list to see what exists.`, { uri });
  }

  async function getPrompt(prompt: PromptDefinition, args: Record<string, string> | undefined, extra: Extra): Promise<GetPromptResult> {
    let parsedArgs: Record<string, string | undefined> = args ?? {};
    if (prompt.args) {
      const parsed = await prompt.args.safeParseAsync(args ?? {});
      if (!parsed.success) throw new McpError(ErrorCode.InvalidParams, formatIssues(`prompt ${prompt.name}`, parsed.error.issues, args));
      parsedArgs = parsed.data;
    }
    const value = await prompt.get(parsedArgs, resourceContext(extra));
    if (typeof value === 'string')
      return { ...(prompt.description ? { description: prompt.description } : {}), messages: [{ role: 'user', content: { type: 'text', text: value } }] };
    if (Array.isArray(value)) return { ...(prompt.description ? { description: prompt.description } : {}), messages: value };
    return value;
  }

  async function complete(ref: { type: string; name?: string; uri?: string }, argument: { name: string; value: string }) {
    let completer: ((value: string) => string[] | Promise<string[]>) | undefined;
    if (ref.type === 'ref/prompt') {
      const prompt = prompts.get(ref.name ?? '');
      if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt "${ref.name}".`);
      completer = prompt.complete?.[argument.name];
    } else if (ref.type === 'ref/resource') {
      const template = definition.resourceTemplates.find((t) => t.uriTemplate === ref.uri);
      if (!template) throw new McpError(ErrorCode.InvalidParams, `Unknown resource template "${ref.uri}".`);
      completer = template.complete?.[argument.name];
    }
    const all = completer ? await completer(argument.value) : [];
    const values = all.slice(0, 100);
    return { completion: { values, total: all.length, hasMore: all.length > values.length } };
  }

  function create(): RuntimeServer {
    const session: SessionState = { level: 'debug', subscriptions: new Set(), clientCapabilities: () => server.getClientCapabilities() };
    const server = new SdkServer(
      { name: definition.name, version: definition.version, ...(definition.title ? { title: definition.title } : {}) },
      { capabilities, ...(definition.instructions ? { instructions: definition.instructions } : {}) },
    );
    server.setRequestHandler(ListToolsRequestSchema, () => toolList);
    server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
      const tool = tools.get(request.params.name);
      if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${request.params.name}". Call tools/list to see the available tools.`);
      return callTool(tool, request.params.arguments, extra, session);
    });
    server.setRequestHandler(SetLevelRequestSchema, (request) => {
      session.level = request.params.level;
      return {};
    });
    if (hasResources) {
      server.setRequestHandler(ListResourcesRequestSchema, () => resourceList);
      server.setRequestHandler(ListResourceTemplatesRequestSchema, () => templateList);
      server.setRequestHandler(ReadResourceRequestSchema, (request, extra) =>
        readResource(request.params.uri, extra).catch((error: unknown) => {
          throw protocolError(error, 'resource read failed', { uri: request.params.uri }, RESOURCE_NOT_FOUND);
        }),
      );
      const subscriber = { session, server };
      server.setRequestHandler(SubscribeRequestSchema, (request) => {
        session.subscriptions.add(request.params.uri);
        subscribers.add(subscriber);
        return {};
      });
      server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
        session.subscriptions.delete(request.params.uri);
        if (session.subscriptions.size === 0) subscribers.delete(subscriber);
        return {};
      });
    }
    if (definition.prompts.length > 0) {
      server.setRequestHandler(ListPromptsRequestSchema, () => promptList);
      server.setRequestHandler(GetPromptRequestSchema, (request, extra) => {
        const prompt = prompts.get(request.params.name);
        if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt "${request.params.name}". Call prompts/list to see the available prompts.`);
        return getPrompt(prompt, request.params.arguments, extra).catch((error: unknown) => {
          throw protocolError(error, 'prompt failed', { prompt: prompt.name }, ErrorCode.InvalidParams);
        });
      });
    }
    if (hasCompletions) {
      server.setRequestHandler(CompleteRequestSchema, (request) =>
        complete(request.params.ref, request.params.argument).catch((error: unknown) => {
          throw protocolError(error, 'completion failed', { ref: request.params.ref, argument: request.params.argument.name }, ErrorCode.InvalidParams);
        }),
      );
    }
    return server;
  }

  return {
    definition,
    logger,
    metrics,
    create,
    notifyResourceUpdated,
    abortAll(message = 'The server is shutting down; the call was stopped. Try again shortly.') {
      for (const call of inFlight) call.stop(new CancelledError(message));
      inFlight.clear();
    },
  };
}

interface SessionState {
  level: LoggingLevel;
  subscriptions: Set<string>;
  /** What the client declared in `initialize` (undefined before it did). */
  clientCapabilities: () => ReturnType<SdkServer['getClientCapabilities']>;
}

function errorResult(code: string, message: string, data?: Record<string, unknown>): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: message }],
    // the stable code last: an error's own data (an upstream "code", say) must not replace it
    _meta: { 'toolwright/error': { ...data, code } },
  };
}

function toJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const text = JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item));
  return text === undefined ? undefined : JSON.parse(text);
}

function renderText(value: unknown): string {
  if (value === undefined || value === null) return 'Done.';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item));
}

/**
 * One call's cancellation: stopped by the client (`notifications/cancelled`),
 * by its timeout, or by shutdown. The AbortController a handler sees is made,
 * and tied to the client's cancellation, only when the handler reads
 * `context.signal`: most never do, and a controller plus its listeners is a
 * measurable share of a fast call's cost. `wait()` stops waiting for the
 * handler on timeout or shutdown whether or not the handler listens; a client's
 * cancellation needs no waiting cut short, since the SDK drops the answer to a
 * cancelled request anyway.
 */
class CallControl {
  stopped = false;
  reason: unknown;
  private controller: AbortController | undefined;
  private reject: ((reason: unknown) => void) | undefined;
  private unlink: (() => void) | undefined;

  constructor(private readonly client: AbortSignal) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.stopped) controller.abort(this.reason);
      else if (this.client.aborted) this.stop(this.client.reason);
      else {
        const onClientAbort = () => this.stop(this.client.reason);
        this.client.addEventListener('abort', onClientAbort, { once: true });
        this.unlink = () => this.client.removeEventListener('abort', onClientAbort);
      }
    }
    return this.controller.signal;
  }

  /** Stopped by the server, or cancelled by the client. */
  get aborted(): boolean {
    return this.stopped || this.client.aborted;
  }

  stop(reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reason = reason;
    this.controller?.abort(reason);
    this.reject?.(reason);
  }

  /** Waits for `work`, or rejects as soon as the call is stopped (the handler keeps its signal to stop its own work). */
  wait<T>(work: Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      this.reject = reject;
      work.then(resolve, reject);
    });
  }

  dispose(): void {
    this.unlink?.();
    this.reject = undefined;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** One readable message naming each bad field, what was expected and what arrived. */
export function formatIssues(subject: string, issues: readonly z.core.$ZodIssue[], received: unknown): string {
  const lines = issues.slice(0, 10).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(arguments)';
    const got = valueAt(received, issue.path);
    const arrived = got === MISSING ? 'nothing' : describeValue(got);
    return `- ${path}: ${issue.message} (received ${arrived})`;
  });
  if (issues.length > 10) lines.push(`- …and ${issues.length - 10} more problems`);
  return `Invalid arguments for ${subject}:\n${lines.join('\n')}\nFix these fields and call again.`;
}

const MISSING = Symbol('missing');
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return MISSING;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function describeResource(resource: ServerDefinition['resources'][number]): Resource {
  return {
    uri: resource.uri,
    name: resource.name,
    ...(resource.title ? { title: resource.title } : {}),
    ...(resource.description ? { description: resource.description } : {}),
    ...(resource.mimeType ? { mimeType: resource.mimeType } : {}),
  };
}

function describeTemplate(template: ServerDefinition['resourceTemplates'][number]): ResourceTemplateDescriptor {
  return {
    uriTemplate: template.uriTemplate,
    name: template.name,
    ...(template.title ? { title: template.title } : {}),
    ...(template.description ? { description: template.description } : {}),
    ...(template.mimeType ? { mimeType: template.mimeType } : {}),
  };
}

function describePrompt(prompt: PromptDefinition): Prompt {
  const shape = prompt.args?.shape ?? {};
  return {
    name: prompt.name,
    ...(prompt.title ? { title: prompt.title } : {}),
    ...(prompt.description ? { description: prompt.description } : {}),
    ...(prompt.args
      ? {
          arguments: Object.entries(shape).map(([name, schema]) => ({
            name,
            ...(schema.description ? { description: schema.description } : {}),
            required: !schema.safeParse(undefined).success,
          })),
        }
      : {}),
  };
}

function toReadResult(uri: string, mimeType: string | undefined, content: ResourceContent): ReadResourceResult {
  const mime = mimeType ? { mimeType } : {};
  if (typeof content === 'string') return { contents: [{ uri, ...mime, text: content }] };
  if (content instanceof Uint8Array) return { contents: [{ uri, ...mime, blob: Buffer.from(content).toString('base64') }] };
  if ('contents' in content) return content;
  if ('text' in content) return { contents: [{ uri, ...mime, ...(content.mimeType ? { mimeType: content.mimeType } : {}), text: content.text }] };
  const blob = typeof content.blob === 'string' ? content.blob : Buffer.from(content.blob).toString('base64');
  return { contents: [{ uri, ...mime, ...(content.mimeType ? { mimeType: content.mimeType } : {}), blob }] };
}
