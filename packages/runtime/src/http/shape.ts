/**
 * Context economy for API results: what an upstream's JSON answer becomes
 * before the model reads it.
 *
 * - A compact projection: nulls dropped everywhere; per profile, keys the model
 *   never needs (GitHub's hypermedia `*_url` links, `node_id`s) dropped, and
 *   nested copies of big objects (the user who opened an issue, the repository
 *   of a pull request's head) collapsed to the one field that names them.
 * - A result cap at element boundaries: a list too big for the model's context
 *   keeps its first items and says how many it left out; a single huge text
 *   field is cut with a note. Some clients refuse results over 25,000 tokens.
 * - A continuation hint: the arguments that fetch the next page, from GitHub's
 *   `Link` header or Notion's `next_cursor`.
 *
 * Done on the actual answer, not a projection precomputed from the spec's
 * response schemas: real APIs send fields their specs do not list (and leave out
 * ones they do), and a key-based projection treats both alike.
 */

/** How a profile's answers are made compact (see HttpProfile.shape). Every field is optional. */
export interface ResponseShape {
  /** Keys removed wherever they appear, e.g. `node_id`, `_links`. */
  drop?: string[];
  /** Keys ending with one of these are removed wherever they appear (GitHub: `_url`), unless listed in `keep`. */
  dropSuffixes?: string[];
  /** Keys never removed by `dropSuffixes`, e.g. `html_url` (the link a person opens). */
  keep?: string[];
  /**
   * Nested objects that have every key in `when` are replaced by their `to` field: a user by its login, a
   * repository by its full name. The answer's own object (or each item of a list answer) stays whole.
   */
  collapse?: { when: string[]; to: string }[];
  /** `content` with `encoding: "base64"` (GitHub file contents) becomes UTF-8 text when it decodes to valid text. */
  decodeBase64?: boolean;
}

/** Results are capped near this many tokens by default (TOOLWRIGHT_MAX_RESULT_TOKENS changes it). */
export const DEFAULT_MAX_RESULT_TOKENS = 25_000;
/**
 * Characters per token assumed for the cap: o200k averages 3.5–4 characters a token on API JSON, so 3 errs on the
 * side of fitting. An estimate, not a tokenizer pass: counting exactly would cost more than the call on big answers.
 */
const CHARS_PER_TOKEN = 3;
const NOTE_ROOM = 1_000;

/** The compact projection of a JSON value (a new value; the input is not changed). */
export function shapeBody(value: unknown, shape: ResponseShape | undefined): unknown {
  const drop = new Set(shape?.drop ?? []);
  const suffixes = shape?.dropSuffixes ?? [];
  const keep = new Set(shape?.keep ?? []);
  const collapse = shape?.collapse ?? [];
  const dropped = (key: string) => drop.has(key) || (!keep.has(key) && suffixes.some((suffix) => key.endsWith(suffix)));

  /** `nested`: the value sits inside an item (a property of an object, or an element of a property's array), so it may collapse. */
  const visit = (node: unknown, nested: boolean, depth: number): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item, nested, depth + 1));
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (nested) {
      for (const rule of collapse) {
        if (rule.when.every((key) => Object.hasOwn(record, key)) && record[rule.to] !== undefined && record[rule.to] !== null) return record[rule.to];
      }
    }
    const out: Record<string, unknown> = {};
    const envelope = depth === 0 && isEnvelope(record);
    for (const [key, child] of Object.entries(record)) {
      if (child === null || child === undefined || dropped(key)) continue;
      // An envelope's list (`{ total_count, items: [...] }`) holds the answer's own items: they stay whole.
      const envelopeList = envelope && Array.isArray(child);
      const shaped = visit(child, !envelopeList, depth + 1);
      if (shaped !== undefined) out[key] = shaped;
    }
    if (shape?.decodeBase64 && out.encoding === 'base64' && typeof out.content === 'string') {
      const text = decodeText(out.content);
      if (text !== undefined) {
        out.content = text;
        out.encoding = 'utf-8';
      }
    }
    return out;
  };
  return visit(value, false, 0);
}

/** A list answer wrapped in an object: a count or a cursor beside the list, or the usual names of the list. */
function isEnvelope(record: Record<string, unknown>): boolean {
  return ['total_count', 'has_more', 'next_cursor', 'items', 'results'].some((key) => Object.hasOwn(record, key));
}

/** Base64 that decodes to valid UTF-8 text (no NUL bytes), else undefined (binary stays encoded). */
function decodeText(base64: string): string | undefined {
  const bytes = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export interface Capped {
  value: unknown;
  /** Said to the model when something was left out. */
  note?: string;
}

/**
 * The value cut to about `maxTokens` at element boundaries: the first items of the answer's list (the answer itself,
 * or its largest list field such as `items`), else the end of its largest text field. Unchanged when it fits.
 */
export function capResult(value: unknown, maxTokens: number): Capped {
  // Room is left for the notes that follow the value (what was left out, the next page).
  const maxChars = Math.max((maxTokens * CHARS_PER_TOKEN) / 2, maxTokens * CHARS_PER_TOKEN - NOTE_ROOM);
  const size = (v: unknown) => JSON.stringify(v)?.length ?? 0;
  if (size(value) <= maxChars) return { value };
  const list = largestList(value);
  if (list) {
    const { items, put } = list;
    // the most items that fit, by bisection (each probe serializes once)
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (size(put(items.slice(0, mid))) <= maxChars) low = mid;
      else high = mid - 1;
    }
    if (low > 0) {
      return {
        value: put(items.slice(0, low)),
        note: `Showing the first ${low} of ${items.length} items: results are capped at about ${maxTokens} tokens. Ask for fewer items per page (or narrow the filters) to see the rest.`,
      };
    }
  }
  const text = largestString(value);
  if (text) {
    const over = size(value) - maxChars;
    const keepChars = Math.max(0, text.value.length - over - 200);
    return {
      value: text.put(`${text.value.slice(0, keepChars)}…`),
      note: `The field ${text.path} was cut to its first ${keepChars} of ${text.value.length} characters: results are capped at about ${maxTokens} tokens.`,
    };
  }
  return { value };
}

function largestList(value: unknown): { items: unknown[]; put: (items: unknown[]) => unknown } | undefined {
  if (Array.isArray(value)) return { items: value, put: (items) => items };
  if (value === null || typeof value !== 'object') return undefined;
  let best: [string, unknown[]] | undefined;
  for (const [key, child] of Object.entries(value)) {
    if (Array.isArray(child) && (!best || JSON.stringify(child).length > JSON.stringify(best[1]).length)) best = [key, child];
  }
  if (!best) return undefined;
  const [key, items] = best;
  return { items, put: (kept) => ({ ...(value as Record<string, unknown>), [key]: kept }) };
}

function largestString(value: unknown): { value: string; path: string; put: (text: string) => unknown } | undefined {
  if (typeof value === 'string') return { value, path: '(the result)', put: (text) => text };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let best: [string, string] | undefined;
  for (const [key, child] of Object.entries(value)) if (typeof child === 'string' && (!best || child.length > best[1].length)) best = [key, child];
  if (!best) return undefined;
  const [key, text] = best;
  return { value: text, path: key, put: (cut) => ({ ...(value as Record<string, unknown>), [key]: cut }) };
}

/**
 * The arguments that fetch the next page, or undefined on the last one: from a `Link: <…>; rel="next"` header (GitHub
 * and other RFC 8288 APIs; the query parameters that differ from this request's), or a body's `has_more` with
 * `next_cursor` (Notion: pass it back as `start_cursor`).
 */
export function nextPage(headers: Headers, body: unknown, requestQuery: URLSearchParams): Record<string, string | number> | undefined {
  const link = headers.get('link');
  if (link) {
    for (const part of link.split(/,(?=\s*<)/)) {
      const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
      if (!match || !/\brel\s*=\s*"?(?:[^"]*\s)?next(?:\s[^"]*)?"?/i.test(match[2] ?? '')) continue;
      let url: URL;
      try {
        url = new URL(match[1] ?? '', 'http://placeholder');
      } catch {
        continue;
      }
      const next: Record<string, string | number> = {};
      for (const [key, value] of url.searchParams) {
        if (requestQuery.get(key) === value) continue;
        next[key] = /^\d+$/.test(value) && value.length < 16 ? Number(value) : value;
      }
      if (Object.keys(next).length) return next;
    }
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    if (record.has_more === true && typeof record.next_cursor === 'string' && record.next_cursor) return { start_cursor: record.next_cursor };
  }
  return undefined;
}

/** What the model reads about the next page: the arguments to call again with. */
export function nextPageHint(next: Record<string, unknown>): string {
  return `More results: call again with ${Object.entries(next)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ')} and the same other arguments.`;
}
