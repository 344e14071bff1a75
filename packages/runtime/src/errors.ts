/**
 * The error model: typed errors a handler throws (or the runtime raises) that
 * reach the model as `isError` tool results with an actionable message.
 *
 * Anything that is not a {@link ToolError} is an unexpected failure: it is
 * logged with its stack on stderr and the model sees only a generic message
 * with a reference id, never a stack trace, a secret or an internal path.
 */

/** Stable codes a client or a test can rely on. */
export type ToolErrorCode =
  | 'invalid_arguments'
  | 'not_found'
  | 'permission_denied'
  | 'rate_limited'
  | 'upstream_error'
  | 'timeout'
  | 'cancelled'
  | 'unauthenticated'
  | 'conflict'
  /** The client lacks a capability the tool needs (sampling, elicitation). */
  | 'unsupported'
  | 'internal_error';

export interface ToolErrorOptions {
  /** Extra, non-secret data for the client (lands in the result's `_meta`). */
  data?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Base class of every error meant for the model. The message is shown as is,
 * so write it for the model: what went wrong and what to do next.
 *
 * @example
 * throw new NotFoundError(`No issue #${n} in ${owner}/${repo}. List issues with issues_list_for_repo first.`);
 */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ToolErrorCode, message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.data = options.data;
  }
}

/** The arguments do not fit the tool's input schema or its rules. */
export class ValidationError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('invalid_arguments', message, options);
  }
}

/** The thing the arguments point at does not exist. */
export class NotFoundError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('not_found', message, options);
  }
}

/** The caller (or the server's credentials) may not do this. */
export class PermissionError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('permission_denied', message, options);
  }
}

/** Credentials are missing or rejected. */
export class AuthenticationError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('unauthenticated', message, options);
  }
}

/** Too many calls: try again after {@link retryAfterSeconds}. */
export class RateLimitedError extends ToolError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, options?: ToolErrorOptions) {
    const seconds = Math.max(0, Math.ceil(retryAfterSeconds));
    super('rate_limited', message, { ...options, data: { ...options?.data, retryAfterSeconds: seconds } });
    this.retryAfterSeconds = seconds;
  }
}

/** An upstream service failed or answered with an error. */
export class UpstreamError extends ToolError {
  readonly status: number | undefined;

  constructor(message: string, options: ToolErrorOptions & { status?: number } = {}) {
    super('upstream_error', message, {
      ...options,
      data: options.status === undefined ? options.data : { ...options.data, status: options.status },
    });
    this.status = options.status;
  }
}

/** The call took longer than its time limit and was abandoned. */
export class TimeoutError extends ToolError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, options?: ToolErrorOptions) {
    super('timeout', message, { ...options, data: { ...options?.data, timeoutMs } });
    this.timeoutMs = timeoutMs;
  }
}

/** The client cancelled the call. */
export class CancelledError extends ToolError {
  constructor(message = 'The call was cancelled by the client.', options?: ToolErrorOptions) {
    super('cancelled', message, options);
  }
}

/** Thrown by definition and configuration helpers: a programming or set-up mistake, reported at start. */
export class ConfigurationError extends Error {
  readonly code = 'configuration_error';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export function isToolError(value: unknown): value is ToolError {
  return value instanceof ToolError;
}
