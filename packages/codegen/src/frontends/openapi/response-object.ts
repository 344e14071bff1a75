/**
 * An operation's success Response Object → the tool's output schema: the
 * JSON schema of the first 2xx response that has one. The runtime sends a
 * JSON object result as `structuredContent` as is and an array as
 * `{ items: [...] }`, so an object schema is the output as is, an array
 * schema is wrapped the same way, and anything else (a primitive, a union,
 * no schema, not JSON) has no output schema. So does a schema larger than
 * the configured limit (`maxOutputSchemaBytes`, default 4 KB of JSON):
 * outputs are optional, and a huge one costs every `tools/list` more than it
 * helps.
 */
import type { JsonSchema } from '../../ir/types.js';
import { childPointer } from './diagnostics.js';
import type { JsonObject } from './document.js';
import { isObject, type Problem, type RefResolver } from './refs.js';
import { bundle, type SchemaConverter } from './schema-object.js';

export interface ReadOutput {
  schema?: JsonSchema;
  /** The schema was left out for being larger than the limit; its size in bytes. */
  droppedBytes?: number;
}

export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json$/.test(mediaType.split(';')[0]!.trim().toLowerCase());
}

export function readOutput(
  op: { operation: JsonObject; pointer: string },
  ctx: { refs: RefResolver; converter: SchemaConverter; maxBytes: number },
  problems: Problem[],
): ReadOutput {
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  const codes = Object.keys(responses)
    .filter((code) => /^2(?:\d\d|XX)$/i.test(code))
    .sort((a, b) => (a.toUpperCase() === '2XX' ? 1 : 0) - (b.toUpperCase() === '2XX' ? 1 : 0) || a.localeCompare(b));
  for (const code of codes) {
    const local: Problem[] = [];
    const response = ctx.refs.deref(responses[code], childPointer(op.pointer, 'responses', code), local);
    if (!response) {
      problems.push(...local);
      return {};
    }
    const content = isObject(response.value.content) ? response.value.content : {};
    const mediaType = Object.keys(content).find(
      (type) => isJsonMediaType(type) && isObject(content[type]) && (content[type] as JsonObject).schema !== undefined,
    );
    if (!mediaType) continue;
    const pointer = childPointer(response.pointer, 'content', mediaType, 'schema');
    const converted = ctx.converter.convert((content[mediaType] as JsonObject).schema, pointer, local);
    const root = ctx.converter.resolveRoot(converted, local);
    problems.push(...local);
    const shaped = shape(root);
    if (!shaped) return {};
    const { schema, problems: reached } = bundle(shaped, 'output', ctx.converter);
    problems.push(...reached);
    if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) {
      if (schema.additionalProperties === undefined || schema.additionalProperties === true) return {}; // says nothing
    }
    const bytes = Buffer.byteLength(JSON.stringify(schema));
    return bytes > ctx.maxBytes ? { droppedBytes: bytes } : { schema };
  }
  return {};
}

/** An object schema as is (a nullable one as plain object), an array wrapped as `{ items }`, else nothing. */
function shape(root: unknown): JsonSchema | undefined {
  if (!isObject(root)) return undefined;
  const types = Array.isArray(root.type) ? (root.type as unknown[]) : [root.type];
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if'].some((k) => root[k] !== undefined);
  if (composed) return undefined;
  if (types.includes('object') || (root.type === undefined && isObject(root.properties))) {
    return { ...root, type: 'object' };
  }
  if (types.includes('array') && !types.includes('object')) {
    const items: JsonSchema = { ...root, type: 'array' };
    return { type: 'object', properties: { items }, required: ['items'] };
  }
  return undefined;
}
