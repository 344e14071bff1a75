/**
 * An operation's Request Body Object: which media type is sent, and whether
 * its fields can sit beside the parameters as arguments (an object body with
 * named properties) or the body must be one argument (an array, a primitive,
 * a union, a map, or a non-JSON payload).
 */
import { MAX_PARAMETER_DESCRIPTION_LENGTH } from './config.js';
import { childPointer, OpenApiCode, type OpenApiDiagnostics } from './diagnostics.js';
import type { JsonObject } from './document.js';
import { isObject, type Problem, type RefResolver } from './refs.js';
import type { Schema, SchemaConverter } from './schema-object.js';
import { shortDescription } from './text.js';

export interface ReadBody {
  contentType: string;
  required: boolean;
  /** The body's top-level fields when they become arguments: name, schema, required. */
  fields?: { name: string; schema: Schema; required: boolean }[];
  /** The schema of the one `body` argument otherwise (description included). */
  whole?: Schema;
  pointer: string;
}

/** Media types in order of preference: JSON first (what the runtime sends by default), then forms, then text. */
function rank(mediaType: string): number {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (/^application\/(?:[\w.+-]+\+)?json$/.test(type)) return 0;
  if (type === 'application/x-www-form-urlencoded') return 1;
  if (type === 'multipart/form-data') return 2;
  if (type.startsWith('text/')) return 3;
  if (type === '*/*') return 4;
  return 5;
}

export function readBody(
  op: { operation: JsonObject; pointer: string; subject: string },
  ctx: { refs: RefResolver; converter: SchemaConverter; diagnostics: OpenApiDiagnostics },
  problems: Problem[],
): ReadBody | undefined {
  if (op.operation.requestBody === undefined) return undefined;
  const resolved = ctx.refs.deref(op.operation.requestBody, childPointer(op.pointer, 'requestBody'), problems);
  if (!resolved) return undefined;
  const body = resolved.value;
  const content = isObject(body.content) ? body.content : {};
  const mediaTypes = Object.keys(content).sort((a, b) => rank(a) - rank(b));
  const contentType = mediaTypes[0];
  if (!contentType) return undefined;
  const media = isObject(content[contentType]) ? (content[contentType] as JsonObject) : {};
  const pointer = childPointer(resolved.pointer, 'content', contentType);
  const required = body.required === true;
  const description = shortDescription(body.description, MAX_PARAMETER_DESCRIPTION_LENGTH);
  const kind = rank(contentType);

  if (kind >= 3) {
    if (kind > 3) {
      ctx.diagnostics.warning({
        code: OpenApiCode.UnsupportedMediaType,
        pointer,
        subject: op.subject,
        message: `${op.subject}: the request body is ${contentType}; the tool takes it as one string argument "body", sent as is.`,
        hint: 'Exclude the operation if a model cannot produce that content as text.',
      });
    }
    const schema: Schema = { ...(description ? { description } : {}), type: 'string' };
    return { contentType, required, whole: schema, pointer };
  }

  const converted = media.schema === undefined ? {} : ctx.converter.convert(media.schema, childPointer(pointer, 'schema'), problems);
  const root = ctx.converter.resolveRoot(converted, problems);
  if (isFlat(root)) {
    const names = new Set(Array.isArray(root.required) ? (root.required as string[]) : []);
    const fields = Object.entries(root.properties as JsonObject)
      .filter(([, schema]) => !ctx.converter.isDropped(schema as Schema, 'input'))
      .map(([name, schema]) => ({ name, schema: schema as Schema, required: required && names.has(name) }));
    return { contentType, required, fields, pointer };
  }
  let whole: Schema = converted;
  if (isObject(converted) && description) {
    const { description: _own, ...rest } = converted;
    whole = { description, ...rest };
  }
  return { contentType, required, whole, pointer };
}

/** An object with named properties and no other keys allowed: its fields can be arguments. */
function isFlat(schema: Schema): schema is JsonObject {
  if (!isObject(schema) || !isObject(schema.properties) || Object.keys(schema.properties).length === 0) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const objectType = schema.type === undefined || types.includes('object');
  const closed = schema.additionalProperties === undefined || schema.additionalProperties === false;
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'patternProperties'].some((k) => schema[k] !== undefined);
  return objectType && closed && !composed;
}
