/**
 * A generated server served by `toolwright serve <name>` and driven by the
 * SDK Client over stdio, with its stderr kept (for tests that assert what a
 * server logs, or never logs), plus the JSON Schema helpers the argument and
 * secret tests use to build arguments from a tool's input schema.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CLI, cleanEnv, ROOT } from './processes.js';

export interface Served {
  client: Client;
  /** Every byte the server wrote to stdout so far, as text. */
  stdout(): string;
  /** Everything the server wrote to stderr so far. */
  stderr: string[];
  close(): Promise<void>;
}

/**
 * The SDK's stdio client transport, keeping a copy of the raw stdout: what a
 * server writes there must be protocol messages only, and a test that looks
 * for a leaked secret must see every byte, not only the messages that parsed.
 */
class RecordingStdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  readonly stdout: Buffer[] = [];
  readonly stderr: string[] = [];
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly buffer = new ReadBuffer();

  constructor(
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, this.args, { cwd: ROOT, env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdout.push(chunk);
      this.buffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = this.buffer.readMessage();
        } catch (error) {
          this.onerror?.(error as Error);
          continue;
        }
        if (message === null) break;
        this.onmessage?.(message);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    child.on('error', (error) => this.onerror?.(error));
    child.once('exit', () => this.onclose?.());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.child?.stdin.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** Serves generated/<name> over stdio with `env` added to a clean environment (no inherited tokens, API URLs or TOOLWRIGHT_* settings). */
export async function serveOverStdio(name: string, env: Record<string, string>, ...flags: string[]): Promise<Served> {
  const base = Object.fromEntries(
    Object.entries(cleanEnv()).filter((e): e is [string, string] => e[1] !== undefined && !/TOKEN|API_URL|WORKSPACE_ROOT/.test(e[0])),
  );
  const transport = new RecordingStdioTransport([CLI, 'serve', name, ...flags], { ...base, ...env });
  const client = new Client({ name: 'robustness', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    stdout: () => Buffer.concat(transport.stdout).toString('utf8'),
    stderr: transport.stderr,
    close: () => client.close().catch(() => {}),
  };
}

export interface ManifestTool {
  name: string;
  input: JsonSchema;
  toolset?: string;
  annotations?: { readOnly?: boolean };
}

interface Manifest {
  tools: ManifestTool[];
  toolsets: { name: string; default?: boolean; tools: string[] }[];
}

/** The tools of generated/<name>/tools.json; with `defaultOnly`, those of its default toolsets (all, when it has none). */
export function manifestTools(name: string, defaultOnly = true): ManifestTool[] {
  const manifest = JSON.parse(readFileSync(`${ROOT}/generated/${name}/tools.json`, 'utf8')) as Manifest;
  const defaults = new Set(manifest.toolsets.filter((t) => t.default).flatMap((t) => t.tools));
  return manifest.tools.filter((tool) => !defaultOnly || defaults.size === 0 || defaults.has(tool.name));
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  minItems?: number;
  minLength?: number;
  default?: unknown;
  $ref?: string;
}

/** The JSON types a schema admits ('integer' apart from 'number'), or undefined when it admits anything or cannot be told. */
export function admittedTypes(schema: JsonSchema): Set<string> | undefined {
  if (schema.$ref) return undefined;
  const members = schema.oneOf ?? schema.anyOf;
  // with a type of its own, oneOf/anyOf only constrain (an object's alternative required sets)
  if (members && schema.type === undefined) {
    const all = new Set<string>();
    for (const member of members) {
      const types = admittedTypes(member);
      if (!types) return undefined;
      for (const type of types) all.add(type);
    }
    return all;
  }
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (values) return new Set(values.map(jsonType));
  if (schema.type === undefined) return undefined;
  const types = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (types.has('number')) types.add('integer');
  return types;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const FORMATS: Record<string, string> = {
  uuid: '59833787-2cf9-4fdf-8782-e53db20768a5',
  'date-time': '2026-01-02T03:04:05Z',
  date: '2026-01-02',
  uri: 'https://example.com/x',
  email: 'octo@example.com',
};

/** A plain value the schema accepts: required members filled, the rest left out. */
export function validValue(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const member = (schema.oneOf ?? schema.anyOf)?.[0];
  if (member && schema.type === undefined) return validValue(member);
  if (member) {
    // a constraint on a typed schema: its first alternative, merged in
    const { oneOf: _o, anyOf: _a, ...rest } = schema;
    return validValue({ ...rest, ...member, type: schema.type, required: [...(schema.required ?? []), ...(member.required ?? [])] });
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return (schema.format && FORMATS[schema.format]) ?? 'a'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return schema.minItems && schema.items ? Array.from({ length: schema.minItems }, () => validValue(schema.items!)) : [];
    case 'object':
      return validObject(schema);
    default:
      return 'a';
  }
}

export function validObject(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const property = schema.properties?.[name];
    if (property) out[name] = validValue(property);
  }
  return out;
}

/** Every property of an object schema, nested objects' properties too (to `depth`), with its dotted path. */
export function propertyPaths(schema: JsonSchema, depth = 2, prefix: string[] = []): { path: string[]; schema: JsonSchema }[] {
  const out: { path: string[]; schema: JsonSchema }[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    out.push({ path, schema: property });
    if (depth > 1 && property.properties) out.push(...propertyPaths(property, depth - 1, path));
  }
  return out;
}
