/**
 * Request bodies: JSON (the default of nearly every API), form-encoded and
 * plain text. Anything else (multipart, octet-stream) is refused with a
 * message saying so, rather than sent malformed.
 */
import { ToolError, ValidationError } from '../errors.js';
import { isPlainObject } from './parameters.js';
import type { HttpOperation } from './types.js';

export interface EncodedBody {
  contentType: string;
  body: string;
}

/** The body of one call, or undefined when the operation has none or the arguments give none (and it is optional). */
export function encodeBody(operation: HttpOperation, args: Record<string, unknown>): EncodedBody | undefined {
  const spec = operation.body;
  if (!spec) return undefined;
  let value: unknown;
  if ('whole' in spec.fields) {
    value = Object.hasOwn(args, spec.fields.whole) ? args[spec.fields.whole] : undefined;
    if (value === undefined) {
      if (spec.required) throw new ValidationError(`Argument "${spec.fields.whole}" is required: it is the request body.`);
      return undefined;
    }
  } else {
    const object: Record<string, unknown> = {};
    let any = false;
    for (const field of spec.fields) {
      // undefined means "not given"; null is kept, since APIs use it to clear a field (GitHub: `milestone: null`)
      const item = Object.hasOwn(args, field.arg) ? args[field.arg] : undefined;
      if (item !== undefined) {
        object[field.name] = item;
        any = true;
      }
    }
    if (!any && !spec.required) return undefined;
    value = object;
  }
  const mediaType = spec.contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    return { contentType: spec.contentType, body: JSON.stringify(value) };
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    if (!isPlainObject(value)) throw new ValidationError('The request body must be an object of fields for a form-encoded request.');
    return { contentType: spec.contentType, body: formEncode(value) };
  }
  if (mediaType.startsWith('text/')) {
    if (typeof value !== 'string') {
      throw new ValidationError(
        `The request body is sent as ${mediaType}: give it as one string${'whole' in spec.fields ? ` in "${spec.fields.whole}"` : ''}.`,
      );
    }
    return { contentType: spec.contentType, body: value };
  }
  throw new ToolError(
    'unsupported',
    `This operation sends a ${mediaType} body, which Toolwright's HTTP client does not support (it sends JSON, form-encoded and text bodies). Leave the operation out of the server's config, or call the API another way.`,
  );
}

/** Form encoding: arrays as repeated keys, nested objects as `a[b]=c`, null and undefined left out. */
function formEncode(value: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const add = (key: string, item: unknown): void => {
    if (item === undefined || item === null) return;
    if (Array.isArray(item)) for (const element of item) add(key, element);
    else if (isPlainObject(item)) for (const [name, nested] of Object.entries(item)) add(`${key}[${name}]`, nested);
    else params.append(key, String(item));
  };
  for (const [key, item] of Object.entries(value)) add(key, item);
  return params.toString();
}
