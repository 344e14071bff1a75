/**
 * Query, header and cookie parameters, serialised by their OpenAPI `style`
 * and `explode`. Hand-written: the rules are a short table in the OpenAPI
 * spec, and the libraries that implement them (qs, openapi-fetch's
 * serializers) each cover a different subset or pull in a whole client.
 */
import { ValidationError } from '../errors.js';
import type { HttpParameter } from './types.js';

type Scalar = string | number | boolean | bigint;

/** Encodes `key=value` pairs of one query parameter; an absent (undefined or null) value adds nothing. */
export function queryPairs(param: HttpParameter, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const style = param.style ?? 'form';
  const explode = param.explode ?? style === 'form';
  const key = encode(param.name, param);
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== undefined && item !== null).map((item) => scalar(param, item));
    if (items.length === 0) return [];
    if (explode || style === 'deepObject') return items.map((item) => `${key}=${encode(item, param)}`);
    return [`${key}=${items.map((item) => encode(item, param)).join(DELIMITERS[style] ?? ',')}`];
  }
  if (isPlainObject(value)) {
    if (style === 'deepObject') return deepObjectPairs(param, param.name, value);
    const entries = definedEntries(value).map(([name, item]) => [name, scalar(param, item)] as const);
    if (explode) return entries.map(([name, item]) => `${encode(name, param)}=${encode(item, param)}`);
    if (entries.length === 0) return [];
    return [`${key}=${entries.flatMap(([name, item]) => [encode(name, param), encode(item, param)]).join(DELIMITERS[style] ?? ',')}`];
  }
  return [`${key}=${encode(scalar(param, value), param)}`];
}

// `|` is left as is, as OpenAPI's own examples write it (`color=blue|black`); URL parsers keep it in a query.
const DELIMITERS: Partial<Record<NonNullable<HttpParameter['style']>, string>> = { form: ',', spaceDelimited: '%20', pipeDelimited: '|' };

/** `filter[state]=open`, nested objects as `filter[a][b]=x`, arrays as repeated keys. Brackets are left readable, as OpenAPI writes them. */
function deepObjectPairs(param: HttpParameter, prefix: string, value: Record<string, unknown>): string[] {
  const pairs: string[] = [];
  for (const [name, item] of definedEntries(value)) {
    const key = `${prefix}[${name}]`;
    if (isPlainObject(item)) pairs.push(...deepObjectPairs(param, key, item));
    else if (Array.isArray(item)) {
      for (const element of item)
        if (element !== undefined && element !== null) pairs.push(`${encodeKey(key, param)}=${encode(scalar(param, element), param)}`);
    } else pairs.push(`${encodeKey(key, param)}=${encode(scalar(param, item), param)}`);
  }
  return pairs;
}

function encodeKey(key: string, param: HttpParameter): string {
  return key
    .split(/([[\]])/)
    .map((part) => (part === '[' || part === ']' ? part : encode(part, param)))
    .join('');
}

/** The value of one header parameter (`simple` style), or undefined when absent. CR, LF and other control characters are refused. */
export function headerValue(param: HttpParameter, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (Array.isArray(value)) text = value.map((item) => String(scalar(param, item))).join(',');
  else if (isPlainObject(value)) {
    const entries = definedEntries(value).map(([name, item]) => [name, String(scalar(param, item))] as const);
    text = param.explode ? entries.map(([name, item]) => `${name}=${item}`).join(',') : entries.flat().join(',');
  } else text = String(scalar(param, value));
  // A line break would start a new header (header injection); other controls and non-Latin-1 are not valid header bytes.
  if (/[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/.test(text)) {
    throw new ValidationError(
      `Argument "${param.arg}" (header ${param.name}) contains a line break, a control character or a character outside Latin-1; header values must be plain text on one line.`,
    );
  }
  return text.trim();
}

/** One `name=value` cookie pair, value percent-encoded; arrays joined with `,`. */
export function cookiePair(param: HttpParameter, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value.filter((item) => item !== undefined && item !== null) : [value];
  return `${param.name}=${items.map((item) => encode(scalar(param, item), param)).join(',')}`;
}

function scalar(param: HttpParameter, value: unknown): Scalar {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`Argument "${param.arg}" must be a finite number, got ${value}.`);
    return value;
  }
  throw new ValidationError(
    `Argument "${param.arg}" (${param.in} parameter ${param.name}) cannot hold ${value === null ? 'null' : Array.isArray(value) ? 'a nested list' : `a nested ${typeof value}`} here; give strings, numbers or booleans.`,
  );
}

function encode(value: Scalar, param: HttpParameter): string {
  try {
    return encodeURIComponent(String(value));
  } catch {
    throw new ValidationError(`Argument "${param.arg}" contains an invalid character (a lone UTF-16 surrogate).`);
  }
}

function definedEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, item]) => item !== undefined && item !== null);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
