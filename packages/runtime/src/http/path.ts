/**
 * The one path builder every generated OpenAPI tool goes through, and the
 * base URL it is joined to.
 *
 * Encoding alone does not make a path value safe: `..` encodes to `..`, and
 * fetch (like every WHATWG URL parser) resolves it, so `{owner}` = `..` turns
 * `/repos/{owner}/{repo}` into `/{repo}` — another endpoint, called with the
 * user's token. WHATWG URL also treats `%2e` as `.`, and servers and proxies
 * decode `%2F` to `/`. So every value is checked, in its raw form and in every
 * percent-decoded form, before it is encoded into exactly one segment.
 */
import { ValidationError } from '../errors.js';

export interface BuildPathOptions {
  /**
   * Template variables whose value may span several segments (GitHub's
   * `x-multi-segment`, e.g. the `{path}` of `repos/get-content`). Each
   * `/`-separated piece is checked and encoded on its own.
   */
  allowSlashes?: readonly string[];
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * Fills a path template. Every value becomes exactly one encoded segment
 * (`encodeURIComponent`); `.`, `..`, empty values, `/` and `\`, and their
 * percent-encoded spellings (`%2e%2E`, `%2F`, `%252e` …) are refused with a
 * {@link ValidationError} before any request is made. Arrays are joined with
 * `,` (OpenAPI's default `simple` style).
 *
 * @example
 * buildPath('/repos/{owner}/{repo}', { owner: 'octo', repo: 'hello world' }); // '/repos/octo/hello%20world'
 * buildPath('/repos/{owner}/{repo}/contents/{path}', { owner: 'o', repo: 'r', path: 'src/a b.ts' }, { allowSlashes: ['path'] });
 * // '/repos/o/r/contents/src/a%20b.ts'
 */
export function buildPath(template: string, values: Record<string, unknown>, options: BuildPathOptions = {}): string {
  const multiSegment = options.allowSlashes ?? [];
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    // own properties only: a template variable called `constructor` must not find Object.prototype's
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return encodePathValue(name, value, multiSegment.includes(name));
  });
}

function encodePathValue(name: string, value: unknown, multiSegment: boolean): string {
  if (value === undefined || value === null) {
    throw new ValidationError(`Path parameter "${name}" is missing: give it a value (it is part of the URL).`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new ValidationError(`Path parameter "${name}" is an empty list: give at least one value.`);
    return value.map((item) => encodeSegment(name, scalarText(name, item))).join(',');
  }
  const text = scalarText(name, value);
  if (!multiSegment) return encodeSegment(name, text);
  const pieces = text.split('/');
  if (pieces.some((piece) => piece === '')) {
    throw new ValidationError(
      `Path parameter "${name}" has an empty segment (a leading, trailing or doubled "/"): write it like "src/index.ts", without a leading "/".`,
    );
  }
  return pieces.map((piece) => encodeSegment(name, piece)).join('/');
}

function scalarText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`Path parameter "${name}" must be a finite number, got ${value}.`);
    return String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new ValidationError(`Path parameter "${name}" must be a string or a number, got ${value === null ? 'null' : typeof value}.`);
}

/** Checks one segment's raw text, then encodes it. */
function encodeSegment(name: string, raw: string): string {
  if (raw === '') throw new ValidationError(`Path parameter "${name}" is empty: give a non-empty value.`);
  // Check the raw value and each decoded form: a server or proxy that decodes
  // once (or twice) must not find a separator or a dot segment either.
  let form = raw;
  for (;;) {
    if (form === '.' || form === '..') {
      throw new ValidationError(
        `Path parameter "${name}" is "${raw}", which ${raw === form ? 'is' : 'decodes to'} a "${form}" path segment and would change which endpoint is called. Give the actual name or id.`,
      );
    }
    if (form.includes('/') || form.includes('\\')) {
      throw new ValidationError(
        `Path parameter "${name}" is "${raw}", which ${raw.includes('/') || raw.includes('\\') ? 'contains' : 'decodes to a value with'} a "/" or "\\": a value must be one path segment. Give a single name or id.`,
      );
    }
    const decoded = decodeAscii(form);
    if (decoded === form) break;
    form = decoded;
  }
  try {
    return encodeURIComponent(raw);
  } catch {
    // a lone UTF-16 surrogate cannot be encoded as UTF-8
    throw new ValidationError(`Path parameter "${name}" contains an invalid character (a lone UTF-16 surrogate).`);
  }
}

/**
 * Decodes `%XX` escapes of ASCII characters only: enough to find `.`, `/` and
 * `\` however often they are encoded, and it never throws on malformed input
 * (where `decodeURIComponent` would). Each round shortens the text, so
 * repeating it until nothing changes ends.
 */
function decodeAscii(text: string): string {
  return text.replace(/%([0-7][0-9a-fA-F])/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * Checks a base URL and returns it without a trailing `/`, keeping its path
 * (`https://ghe.example.com/api/v3/` → `https://ghe.example.com/api/v3`).
 * Returns an error message instead when it is not usable.
 */
export function normalizeBaseUrl(raw: string): { url: string; host: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { error: 'is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `uses "${url.protocol}"; only http: and https: are allowed` };
  if (url.username || url.password) return { error: 'contains credentials; put the token in its own environment variable instead' };
  if (url.search || url.hash) return { error: 'has a query or fragment; give only scheme, host and an optional base path' };
  return { url: url.origin + url.pathname.replace(/\/+$/, ''), host: url.host };
}
