/**
 * The intermediate representation: plain, serialisable data describing one
 * server's tools, resources and prompts. Both frontends (typed functions,
 * OpenAPI) produce it; every emitter reads only it. The manifest
 * (`tools.json`) is this written out.
 */

/** A JSON Schema object (draft 2020-12). Tool schemas carry their own `$defs`. */
export type JsonSchema = { [key: string]: unknown };

export interface IrServer {
  name: string;
  /** Semver. */
  version: string;
  title?: string;
  description?: string;
  /** Sent to clients as `instructions` in initialize. */
  instructions?: string;
  tools: IrTool[];
  resources: IrResource[];
  prompts: IrPrompt[];
  /** Named groups of tools (OpenAPI servers); empty for function servers. */
  toolsets: IrToolset[];
  /** Environment variables the server reads. */
  env: IrEnvVar[];
  /** The upstream APIs that HTTP-bound tools call (OpenAPI servers); absent or empty for function servers. */
  profiles?: IrHttpProfile[];
  origin: IrOrigin;
}

/**
 * How to reach one upstream API: where (base URL, overridable from the
 * environment so GitHub Enterprise and test doubles work), with which
 * credentials (from the environment only), with which fixed protocol headers
 * (never tool arguments), and how patiently. The runtime's `HttpProfile` has
 * the same shape; generated code writes this as a literal.
 */
export interface IrHttpProfile {
  /** e.g. `github`; HTTP bindings refer to it by name. */
  name: string;
  baseUrl: { /** e.g. `GITHUB_API_URL`. */ env: string /** From the spec's `servers`, e.g. `https://api.github.com`. */; default: string };
  auth?: {
    /** e.g. `GITHUB_TOKEN`. A missing value is a tool error at call time, not a start-up failure. */
    env: string;
    /** `bearer` → `Authorization: Bearer <token>`; `header` → `<header>: <token>` (API keys). */
    scheme: 'bearer' | 'basic' | 'header';
    /** Header name for scheme `header`, e.g. `X-API-Key`. */
    header?: string;
  };
  /** Fixed headers set on every request, e.g. `{ "X-GitHub-Api-Version": "2022-11-28", "Accept": "application/vnd.github+json" }`. */
  headers: Record<string, string>;
  /** Per-request time limit in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries of idempotent requests on 429/5xx/network errors (default 2). */
  retries?: number;
  /** Client-side pacing: at most `requests` per `perSeconds`. */
  rateLimit?: { requests: number; perSeconds: number };
  /** Least ms between the starts of two writes (the runtime's HttpProfile.writeIntervalMs). */
  writeIntervalMs?: number;
  /** How JSON answers are made compact for the model (the runtime's ResponseShape). */
  shape?: IrResponseShape;
}

/** The runtime's ResponseShape: keys to drop, nested objects to collapse, base64 content to decode. */
export interface IrResponseShape {
  drop?: string[];
  dropSuffixes?: string[];
  keep?: string[];
  collapse?: { when: string[]; to: string }[];
  decodeBase64?: boolean;
}

export type IrOrigin =
  | { kind: 'functions' /** Config file, relative to the project root. */; config: string }
  | { kind: 'openapi' /** Spec file, relative to the project root. */; spec: string /** sha256 of the spec bytes. */; hash: string; openapi: string };

export interface IrToolset {
  name: string;
  description: string;
  /** Whether the toolset is on when none is named. */
  default: boolean;
  tools: string[];
}

export interface IrEnvVar {
  name: string;
  description: string;
  secret: boolean;
  required: boolean;
  default?: string;
}

export interface IrAnnotations {
  readOnly?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
  openWorld?: boolean;
}

/** Where a tool came from: a function in a source file, or an OpenAPI operation. */
export type IrSource =
  | { kind: 'function'; file: string; line: number; column: number; name: string }
  | { kind: 'openapi'; spec: string; pointer: string; method: string; path: string; operationId: string };

export interface IrTool {
  /** `[a-z0-9_]` for OpenAPI tools; function tools may use `[A-Za-z0-9_.-]`. */
  name: string;
  title?: string;
  /** The LLM-facing description, exactly as sent in tools/list. */
  description: string;
  /** Object schema of the arguments, with its own `$defs`. */
  input: JsonSchema;
  /** Object schema of a structured result, with its own `$defs`. */
  output?: JsonSchema;
  annotations: IrAnnotations;
  deprecated?: string | true;
  /** Usage examples from JSDoc `@example` or the spec. */
  examples: string[];
  toolset?: string;
  source: IrSource;
  binding: IrFunctionBinding | IrHttpBinding;
}

export interface IrFunctionBinding {
  kind: 'function';
  /** Module path relative to the project root, e.g. `src/tools/issues.ts`. */
  module: string;
  exportName: string;
  /**
   * How arguments map to the call: positional parameters in order, or one
   * object parameter that receives the whole argument object.
   */
  params:
    | { style: 'positional'; names: string[] /** Parameters that are optional (`?`) or have a default. */; optional?: string[] }
    | { style: 'object' /** The parameter is optional (`input?: Options`). */; optional?: boolean }
    | { style: 'none' };
  /** The function's last parameter receives the runtime's `ToolContext` (signal, logging, progress, sampling, elicitation). */
  context?: boolean;
  async: boolean;
  /**
   * How the return value is sent: `object` → structuredContent + outputSchema;
   * `wrapped` → a non-object value sent as `{ result }`; `text` → text only; `void` → a short confirmation.
   */
  returns: 'object' | 'wrapped' | 'text' | 'void';
}

export type IrParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface IrHttpParameter {
  /** Argument name in the tool's input. */
  arg: string;
  /** Name on the wire. */
  name: string;
  in: IrParameterLocation;
  required: boolean;
  style?: 'form' | 'simple' | 'label' | 'matrix' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  /**
   * A path parameter whose value may contain `/` (a file path, a branch or ref name): each `/`-separated part is
   * one encoded segment, still checked for `.`/`..`. Set when the spec says `allowReserved: true` or
   * `x-multi-segment: true` (GitHub), or the config lists it.
   */
  allowSlashes?: true;
}

export interface IrHttpBinding {
  kind: 'http';
  method: 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace';
  /** Path template as in the spec, e.g. `/repos/{owner}/{repo}/issues`. */
  path: string;
  parameters: IrHttpParameter[];
  body?: {
    contentType: string;
    /** Arguments that form the body's top-level fields, or the one argument that is the whole body. */
    fields: { arg: string; name: string }[] | { whole: string };
    required: boolean;
  };
  /** Name of the API profile (base URL, auth, retries, pacing), e.g. `github`. */
  profile: string;
  /**
   * Values the server supplies, keyed by argument name (each listed in `parameters` or `body.fields` like any
   * argument, but absent from the tool's input schema): the runtime adds them to the arguments before building
   * the request. From the config's `fixed`, and from protocol headers whose spec schema has a default
   * (Notion's per-operation `Notion-Version`); they take precedence over the profile's `headers`.
   */
  fixed?: Record<string, unknown>;
}

export interface IrResource {
  /** A fixed URI, or an RFC 6570 template when `template` is true. */
  uri: string;
  template: boolean;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  source: IrSource;
  binding: IrFunctionBinding;
}

export interface IrPromptArgument {
  name: string;
  description?: string;
  required: boolean;
}

export interface IrPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments: IrPromptArgument[];
  source: IrSource;
  binding: IrFunctionBinding;
}

export type DiagnosticSeverity = 'error' | 'warning';

/** A problem found by a frontend, emitter or lint: data, collected rather than thrown. */
export interface Diagnostic {
  /** Stable code, e.g. `TW1001`. */
  code: string;
  severity: DiagnosticSeverity;
  message: string;
  /** What to write instead. */
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  /** JSON pointer into a spec. */
  pointer?: string;
  /** The function, operation or tool concerned. */
  subject?: string;
}

/** A file an emitter produced; the CLI writes it, the library never does. */
export interface GeneratedFile {
  /** Path relative to the output folder. */
  path: string;
  contents: string;
}

export interface CodegenResult {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
}
