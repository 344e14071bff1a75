/**
 * The shapes generated OpenAPI tools hand to the upstream HTTP client. They
 * mirror the IR's `IrHttpProfile` and `IrHttpBinding` (codegen writes them as
 * literals), so a change here is a change to generated code.
 */
import type { ToolContext, ToolResult } from '../definitions.js';
import type { ResponseShape } from './shape.js';

/** How to reach one upstream API. Generated code writes this as a literal. */
export interface HttpProfile {
  /** e.g. `github`; named in messages the model reads. */
  name: string;
  /** Read from `process.env[env]` at call time (GitHub Enterprise, test doubles), else `default`. A base path (`/api/v3`) is kept. */
  baseUrl: { env: string; default: string };
  /**
   * Credentials, from the environment only, read at call time: a missing value
   * is a tool error, not a start-up failure. `bearer` → `Authorization: Bearer <token>`;
   * `basic` → the variable holds `user:password`; `header` → `<header>: <token>` (API keys).
   */
  auth?: { env: string; scheme: 'bearer' | 'basic' | 'header'; header?: string };
  /** Fixed protocol headers on every request (`Notion-Version`, `X-GitHub-Api-Version`, `Accept`). */
  headers: Record<string, string>;
  /** Time limit of one attempt in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries of idempotent requests on network errors, 429, 502, 503 and 504 (default 2). */
  retries?: number;
  /** Client-side pacing: at most `requests` per `perSeconds`, shared by every call through this profile. */
  rateLimit?: { requests: number; perSeconds: number };
  /** Least time between the starts of two writes (POST, PUT, PATCH, DELETE), shared by every call: GitHub asks for 1 s. */
  writeIntervalMs?: number;
  /** How JSON answers are made compact for the model (nulls are always dropped); see ResponseShape. */
  shape?: ResponseShape;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace';

export type HttpParameterStyle = 'form' | 'simple' | 'label' | 'matrix' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/** One parameter of an operation: which argument fills it, and where it goes on the wire. */
export interface HttpParameter {
  /** Argument name in the tool's input. */
  arg: string;
  /** Name on the wire (the `{name}` of a path template). */
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  style?: HttpParameterStyle;
  explode?: boolean;
  /**
   * Path parameters only: the value may span several segments (`src/index.ts`),
   * as GitHub marks with `x-multi-segment: true`. Each `/`-separated piece is
   * still checked (no empty, `.` or `..` piece) and encoded on its own. Off by
   * default: a plain path value is always exactly one segment.
   */
  allowSlashes?: boolean;
}

/** The request body: named top-level fields taken from the arguments, or one argument that is the whole body. */
export interface HttpBody {
  contentType: string;
  fields: { arg: string; name: string }[] | { whole: string };
  required: boolean;
}

/** One operation (the IR's `IrHttpBinding` without `kind` and `profile`). */
export interface HttpOperation {
  method: HttpMethod;
  /** Path template as in the spec, e.g. `/repos/{owner}/{repo}/contents/{path}`. */
  path: string;
  parameters: HttpParameter[];
  body?: HttpBody;
  /** Arguments the server sets (config `fixed`, or a protocol header's spec default): they win over the caller's. */
  fixed?: Record<string, unknown>;
}

/**
 * What the client uses from a tool call's context: its signal (cancellation,
 * the call's time limit) and its logger. Nothing else is read, so nothing of
 * the MCP client's own request (its `Authorization` header, say) can be forwarded.
 */
export type HttpCallContext = Pick<ToolContext, 'signal' | 'logger'>;

export interface HttpApi {
  readonly profile: HttpProfile;
  /** Builds and sends one request for a tool call; returns what the tool answers (a ToolResult). Failures are thrown as ToolErrors. */
  call(operation: HttpOperation, args: Record<string, unknown>, context: HttpCallContext): Promise<ToolResult>;
}

export interface HttpApiOptions {
  /** Where the base URL and the token are read from, at call time (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** The fetch to use (default Node's built-in fetch). */
  fetch?: typeof fetch;
}
