/**
 * The config of an OpenAPI-backed server, written beside the spec
 * (`specs/github/toolwright.config.ts`): which operations become tools, how
 * they are grouped, per-tool overrides, and how to reach the API. Everything
 * but `name` and `version` has a default, so the smallest config is
 * `defineOpenApiConfig({ name: 'petstore', version: '1.0.0' })`.
 */
import type { IrAnnotations, IrResponseShape } from '../../ir/types.js';
import { validateTokenBudget } from '../../lint/budget.js';
import { type ClientName, validateClients, validateSchemaProfile } from '../../lint/compat.js';

export interface OpenApiConfig {
  /**
   * The spec (JSON or YAML), relative to the config file's folder. Required in a
   * `toolwright.config.ts` that `toolwright build` reads; `readOpenApi` takes it separately.
   */
  spec?: string;
  /** Output folder relative to the project root (the config's folder). Default `generated/<name>`. */
  outDir?: string;
  /** State `$schema` (JSON Schema 2020-12) in every tool's input schema; default false (see ToolwrightConfig). */
  jsonSchemaDialect?: boolean;
  /** Most o200k tokens the default surface's `tools/list` may cost; the build fails above it (see checkTokenBudget). */
  tokenBudget?: number;
  /** Clients the server targets: the build warns about each tool one of them would reject (see lint/compat.ts). */
  clients?: ClientName[];
  /** `portable`: tool schemas in the subset every known client accepts (no `$ref`, no `additionalProperties`, …). */
  schemaProfile?: 'default' | 'portable';
  /** Server name sent to clients; also the default profile name and the stem of the environment variables (`github` → `GITHUB_API_URL`, `GITHUB_TOKEN`). */
  name: string;
  /** Semver version of the server. */
  version: string;
  /** Default: the spec's `info.title`. */
  title?: string;
  /** Default: none (the spec's `info.description` is usually written for humans reading docs). */
  description?: string;
  /** Sent to clients in `initialize` as `instructions`. */
  instructions?: string;
  /** How to reach the API. Every field has a default; see {@link OpenApiProfileConfig}. */
  profile?: OpenApiProfileConfig;
  /**
   * operationId globs of the operations that become tools (`*` matches any run of characters, `?` one character),
   * e.g. `['issues/*', 'repos/get-content']`. Default: all. An operation without an operationId is matched as
   * `<method> <path>`, e.g. `get /users/{id}`.
   */
  include?: string[];
  /** operationId globs to leave out; applied after `include`. */
  exclude?: string[];
  /**
   * Deprecated operations are left out unless an `include` entry names the operationId exactly (no wildcard),
   * or this is true. Included ones are marked deprecated.
   */
  includeDeprecated?: boolean;
  /**
   * Named groups of tools, in the order clients should see them. An operation may be in several. Operations in
   * none go to a toolset named after their first tag (`code-scanning` → `code_scanning`), or `other`. When no
   * toolset here has `default: true`, every toolset is on by default.
   */
  toolsets?: Record<string, OpenApiToolsetConfig>;
  /** Per-operation overrides, keyed by operationId (or `<method> <path>` for an operation without one). */
  tools?: Record<string, OpenApiToolConfig>;
  /**
   * Header parameters that are never tool arguments (case-insensitive), added to {@link DEFAULT_PROTOCOL_HEADERS}.
   * A protocol header whose spec schema has a default (Notion's `Notion-Version`) is sent with that value.
   */
  protocolHeaders?: string[];
  /** Longest tool name. Default: what keeps `mcp__<name>__<tool>` within 64 characters (57 − name length). */
  maxToolNameLength?: number;
  /**
   * Descriptions for arguments that recur across tools, by argument name, e.g.
   * `{ owner: 'Repository owner (user or organization).' }`: replaces the spec's text in every tool.
   */
  argumentDescriptions?: Record<string, string>;
  /** Longest tool description, in characters. Default {@link DEFAULT_MAX_DESCRIPTION_LENGTH}. */
  maxDescriptionLength?: number;
  /** Output schemas whose JSON is longer than this many bytes are left out (outputs are optional). Default {@link DEFAULT_MAX_OUTPUT_SCHEMA_BYTES}. */
  maxOutputSchemaBytes?: number;
}

export interface OpenApiProfileConfig {
  /** Default: the server's `name`. */
  name?: string;
  /** Environment variable that overrides the base URL. Default `<NAME>_API_URL`. */
  baseUrlEnv?: string;
  /** Default: the spec's first `servers` entry (variables set to their defaults). */
  baseUrl?: string;
  /**
   * Default: from the spec's security schemes (http bearer/basic, or an apiKey header) with the token in
   * `<NAME>_TOKEN`; none when the spec declares none.
   */
  auth?: { env: string; scheme: 'bearer' | 'basic' | 'header'; header?: string };
  /** Headers set on every request, e.g. `{ 'X-GitHub-Api-Version': '2022-11-28' }`. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  retries?: number;
  rateLimit?: { requests: number; perSeconds: number };
  /** Least ms between the starts of two writes (POST, PUT, PATCH, DELETE); GitHub asks for 1,000. */
  writeIntervalMs?: number;
  /**
   * How JSON answers are made compact for the model (nulls are always dropped): keys to drop (`drop`, `dropSuffixes`
   * unless in `keep`), nested objects to collapse to one field (`collapse`), base64 file content to decode. See
   * ResponseShape in @toolwright/runtime.
   */
  shape?: IrResponseShape;
}

export interface OpenApiToolsetConfig {
  description: string;
  /** operationId globs, as in `include`. */
  operations: string[];
  /** On when the client names no toolset. */
  default?: boolean;
}

export interface OpenApiToolConfig {
  /** Tool name instead of the one derived from the operationId (`[a-z0-9_]`, within the length limit). */
  name?: string;
  /** Replaces the description made from the spec's summary and description (used as written, not shortened). */
  description?: string;
  /** Parameters (argument or wire names) removed from the input and never sent. Must not be required ones: give those a `fixed` value. */
  hidden?: string[];
  /** Parameters (argument or wire names) the server sets to these values; removed from the input. */
  fixed?: Record<string, unknown>;
  /** Path parameters whose value may contain `/` (kept as separate segments), beyond those the spec marks. */
  allowSlashes?: string[];
  /** Overrides the annotations derived from the HTTP method. */
  annotations?: IrAnnotations;
}

/** Header parameters that are never tool arguments: the server or the HTTP client sets them. */
export const DEFAULT_PROTOCOL_HEADERS: readonly string[] = ['Accept', 'Authorization', 'Content-Type', 'Notion-Version', 'User-Agent', 'X-GitHub-Api-Version'];
/** Tool descriptions longer than this are cut (at a sentence end when one is near, else with an ellipsis). */
export const DEFAULT_MAX_DESCRIPTION_LENGTH = 300;
/** Parameter and property descriptions longer than this are cut the same way. */
export const MAX_PARAMETER_DESCRIPTION_LENGTH = 120;
/**
 * Output schemas longer than this (JSON, bytes) are left out: they are sent in every `tools/list`, and a
 * 4 KB schema (~1,000 tokens) for one tool's result costs more context than it saves.
 */
export const DEFAULT_MAX_OUTPUT_SCHEMA_BYTES = 4096;
/** What clients build from a server and a tool name: `mcp__<server>__<tool>`, at most 64 characters. */
export const PREFIXED_NAME_LIMIT = 64;
/** Tool names are never made shorter than this, however long the server name. */
export const MIN_TOOL_NAME_LENGTH = 16;

/**
 * Declares an OpenAPI server's config with type checking; returns it unchanged.
 *
 * @example
 * // specs/notion/toolwright.config.ts
 * import { defineOpenApiConfig } from '@toolwright/codegen';
 * export default defineOpenApiConfig({ name: 'notion', version: '1.0.0', profile: { auth: { env: 'NOTION_TOKEN', scheme: 'bearer' } } });
 */
export function defineOpenApiConfig(config: OpenApiConfig): OpenApiConfig {
  return config;
}

/** The default `maxToolNameLength` for a server name. */
export function defaultMaxToolNameLength(serverName: string): number {
  return Math.max(MIN_TOOL_NAME_LENGTH, PREFIXED_NAME_LIMIT - 'mcp____'.length - serverName.length);
}

/** `github` → `GITHUB`, `my-api` → `MY_API`: the stem of the default environment variable names. */
export function envStem(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase() || 'API'
  );
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const SERVER_NAME = /^[A-Za-z0-9_.@/-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const TOOLSET_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const KNOWN_KEYS = [
  'spec',
  'outDir',
  'jsonSchemaDialect',
  'tokenBudget',
  'clients',
  'schemaProfile',
  'name',
  'version',
  'title',
  'description',
  'instructions',
  'profile',
  'include',
  'exclude',
  'includeDeprecated',
  'toolsets',
  'tools',
  'protocolHeaders',
  'maxToolNameLength',
  'maxDescriptionLength',
  'maxOutputSchemaBytes',
  'argumentDescriptions',
];
const PROFILE_KEYS = ['name', 'baseUrlEnv', 'baseUrl', 'auth', 'headers', 'timeoutMs', 'retries', 'rateLimit', 'writeIntervalMs', 'shape'];
const SHAPE_KEYS = ['drop', 'dropSuffixes', 'keep', 'collapse', 'decodeBase64'];
const TOOL_KEYS = ['name', 'description', 'hidden', 'fixed', 'allowSlashes', 'annotations'];

/** Every problem with a config value, as sentences that say what to write instead; empty when it is valid. */
export function validateOpenApiConfig(value: unknown): string[] {
  if (!isRecord(value)) return ['The config must be an object: export default defineOpenApiConfig({ name, version }).'];
  const problems: string[] = [];
  const config = value;
  if (typeof config.name !== 'string' || !SERVER_NAME.test(config.name)) {
    problems.push(`"name" must be a non-empty string of letters, digits, "_", "-", ".", "@" or "/" (got ${JSON.stringify(config.name)}).`);
  }
  if (typeof config.version !== 'string' || !SEMVER.test(config.version)) {
    problems.push(`"version" must be a semver version such as "1.0.0" (got ${JSON.stringify(config.version)}).`);
  }
  for (const key of ['title', 'description', 'instructions'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string') problems.push(`"${key}" must be a string when set.`);
  }
  for (const key of ['include', 'exclude', 'protocolHeaders'] as const) {
    if (config[key] !== undefined && !isStringList(config[key])) problems.push(`"${key}" must be an array of non-empty strings, e.g. ["issues/*"].`);
  }
  problems.push(...validateTokenBudget(config.tokenBudget), ...validateClients(config.clients), ...validateSchemaProfile(config.schemaProfile));
  if (config.includeDeprecated !== undefined && typeof config.includeDeprecated !== 'boolean')
    problems.push('"includeDeprecated" must be true or false when set.');
  if (
    config.argumentDescriptions !== undefined &&
    (!isRecord(config.argumentDescriptions) || !Object.values(config.argumentDescriptions).every((v) => typeof v === 'string'))
  ) {
    problems.push('"argumentDescriptions" must map argument names to description strings.');
  }
  for (const key of ['maxToolNameLength', 'maxDescriptionLength', 'maxOutputSchemaBytes'] as const) {
    const n = config[key];
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1)) problems.push(`"${key}" must be a positive integer when set.`);
  }
  if (typeof config.maxToolNameLength === 'number' && config.maxToolNameLength < MIN_TOOL_NAME_LENGTH) {
    problems.push(`"maxToolNameLength" must be at least ${MIN_TOOL_NAME_LENGTH}: shorter names cannot stay unique and readable.`);
  }
  if (config.profile !== undefined) problems.push(...validateProfile(config.profile));
  if (config.toolsets !== undefined) {
    if (!isRecord(config.toolsets)) problems.push('"toolsets" must be an object: { issues: { description: "…", operations: ["issues/*"] } }.');
    else {
      for (const [name, toolset] of Object.entries(config.toolsets)) {
        const where = `toolsets.${name}`;
        if (!TOOLSET_NAME.test(name)) problems.push(`Toolset name "${name}" must be lower case letters, digits, "_" or "-", starting with a letter or digit.`);
        if (!isRecord(toolset)) {
          problems.push(`"${where}" must be an object: { description: "…", operations: ["issues/*"] }.`);
          continue;
        }
        if (typeof toolset.description !== 'string' || toolset.description.trim() === '') problems.push(`"${where}.description" must be a non-empty string.`);
        if (!isStringList(toolset.operations)) problems.push(`"${where}.operations" must be an array of operationId globs, e.g. ["issues/*"].`);
        if (toolset.default !== undefined && typeof toolset.default !== 'boolean') problems.push(`"${where}.default" must be true or false when set.`);
        for (const key of Object.keys(toolset)) {
          if (!['description', 'operations', 'default'].includes(key))
            problems.push(`Unknown key "${where}.${key}"; known keys: description, operations, default.`);
        }
      }
    }
  }
  if (config.tools !== undefined) {
    if (!isRecord(config.tools)) problems.push('"tools" must be an object keyed by operationId: { "issues/create": { name: "create_issue" } }.');
    else {
      for (const [id, tool] of Object.entries(config.tools)) problems.push(...validateTool(id, tool));
    }
  }
  for (const key of Object.keys(config)) if (!KNOWN_KEYS.includes(key)) problems.push(`Unknown key "${key}"; known keys: ${KNOWN_KEYS.join(', ')}.`);
  return problems;
}

function validateShape(shape: unknown): string[] {
  const example = '{ drop: ["node_id"], dropSuffixes: ["_url"], keep: ["html_url"], collapse: [{ when: ["login", "id"], to: "login" }] }';
  if (!isRecord(shape)) return [`"profile.shape" must be an object such as ${example}.`];
  const problems: string[] = [];
  for (const key of ['drop', 'dropSuffixes', 'keep'] as const) {
    if (shape[key] !== undefined && !isStringList(shape[key])) problems.push(`"profile.shape.${key}" must be an array of non-empty strings.`);
  }
  if (
    shape.collapse !== undefined &&
    (!Array.isArray(shape.collapse) ||
      !shape.collapse.every(
        (rule) => isRecord(rule) && isStringList(rule.when) && (rule.when as string[]).length > 0 && typeof rule.to === 'string' && rule.to,
      ))
  ) {
    problems.push('"profile.shape.collapse" must be a list of { when: ["key", …], to: "key" } (an object with every key in `when` becomes its `to` field).');
  }
  if (shape.decodeBase64 !== undefined && typeof shape.decodeBase64 !== 'boolean') problems.push('"profile.shape.decodeBase64" must be true or false.');
  const unknown = Object.keys(shape).filter((key) => !SHAPE_KEYS.includes(key));
  if (unknown.length) problems.push(`"profile.shape" has unknown keys: ${unknown.join(', ')} (known: ${SHAPE_KEYS.join(', ')}).`);
  return problems;
}

function validateProfile(profile: unknown): string[] {
  if (!isRecord(profile)) return ['"profile" must be an object: { baseUrlEnv: "GITHUB_API_URL", auth: { env: "GITHUB_TOKEN", scheme: "bearer" } }.'];
  const problems: string[] = [];
  if (profile.name !== undefined && (typeof profile.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(profile.name))) {
    problems.push('"profile.name" must be letters, digits, "_" or "-".');
  }
  if (profile.baseUrlEnv !== undefined && (typeof profile.baseUrlEnv !== 'string' || !ENV_NAME.test(profile.baseUrlEnv))) {
    problems.push('"profile.baseUrlEnv" must be an environment variable name such as "GITHUB_API_URL".');
  }
  if (profile.baseUrl !== undefined && (typeof profile.baseUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(profile.baseUrl))) {
    problems.push(`"profile.baseUrl" must be an absolute http(s) URL such as "https://api.example.com" (got ${JSON.stringify(profile.baseUrl)}).`);
  }
  if (profile.auth !== undefined) {
    const auth = profile.auth;
    if (!isRecord(auth)) problems.push('"profile.auth" must be an object: { env: "GITHUB_TOKEN", scheme: "bearer" }.');
    else {
      if (typeof auth.env !== 'string' || !ENV_NAME.test(auth.env))
        problems.push('"profile.auth.env" must be an environment variable name such as "GITHUB_TOKEN".');
      if (!['bearer', 'basic', 'header'].includes(auth.scheme as string)) problems.push('"profile.auth.scheme" must be "bearer", "basic" or "header".');
      if (auth.scheme === 'header' && (typeof auth.header !== 'string' || auth.header === '')) {
        problems.push('"profile.auth.header" must name the header (e.g. "X-API-Key") when scheme is "header".');
      }
    }
  }
  if (profile.headers !== undefined && (!isRecord(profile.headers) || Object.values(profile.headers).some((v) => typeof v !== 'string'))) {
    problems.push('"profile.headers" must map header names to string values.');
  }
  for (const key of ['timeoutMs', 'retries'] as const) {
    const n = profile[key];
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0)) problems.push(`"profile.${key}" must be a non-negative integer when set.`);
  }
  if (profile.shape !== undefined) problems.push(...validateShape(profile.shape));
  if (
    profile.writeIntervalMs !== undefined &&
    !(typeof profile.writeIntervalMs === 'number' && Number.isInteger(profile.writeIntervalMs) && profile.writeIntervalMs >= 0)
  ) {
    problems.push('"profile.writeIntervalMs" must be a whole number of milliseconds (0 or more).');
  }
  if (profile.rateLimit !== undefined) {
    const limit = profile.rateLimit;
    if (!isRecord(limit) || !isPositive(limit.requests) || !isPositive(limit.perSeconds)) {
      problems.push('"profile.rateLimit" must be { requests: <positive number>, perSeconds: <positive number> }.');
    }
  }
  for (const key of Object.keys(profile))
    if (!PROFILE_KEYS.includes(key)) problems.push(`Unknown key "profile.${key}"; known keys: ${PROFILE_KEYS.join(', ')}.`);
  return problems;
}

function validateTool(id: string, tool: unknown): string[] {
  const where = `tools["${id}"]`;
  if (!isRecord(tool)) return [`"${where}" must be an object: { name?, description?, hidden?, fixed?, allowSlashes?, annotations? }.`];
  const problems: string[] = [];
  if (tool.name !== undefined && typeof tool.name !== 'string') problems.push(`"${where}.name" must be a string.`);
  if (tool.description !== undefined && (typeof tool.description !== 'string' || tool.description.trim() === '')) {
    problems.push(`"${where}.description" must be a non-empty string.`);
  }
  for (const key of ['hidden', 'allowSlashes'] as const) {
    if (tool[key] !== undefined && !isStringList(tool[key])) problems.push(`"${where}.${key}" must be an array of parameter names.`);
  }
  if (tool.fixed !== undefined && !isRecord(tool.fixed)) problems.push(`"${where}.fixed" must map parameter names to values.`);
  if (tool.annotations !== undefined) {
    if (!isRecord(tool.annotations)) problems.push(`"${where}.annotations" must be an object such as { readOnly: true }.`);
    else {
      for (const [key, flag] of Object.entries(tool.annotations)) {
        if (!['readOnly', 'destructive', 'idempotent', 'openWorld'].includes(key) || typeof flag !== 'boolean') {
          problems.push(`"${where}.annotations.${key}" is not one of readOnly, destructive, idempotent, openWorld set to true or false.`);
        }
      }
    }
  }
  for (const key of Object.keys(tool)) if (!TOOL_KEYS.includes(key)) problems.push(`Unknown key "${where}.${key}"; known keys: ${TOOL_KEYS.join(', ')}.`);
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0);
}

function isPositive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
