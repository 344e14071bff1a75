/**
 * A spec is untrusted input whose text reaches the model verbatim (tool and
 * parameter descriptions), so it is the place for a prompt injection that a
 * human reviewer never sees: characters that render as nothing, text that
 * reorders itself on screen, terminal escapes, and HTML the docs renderer
 * hides. {@link sanitizeSpecText} removes all of those; what remains is the
 * text a reader of the rendered docs would see.
 *
 * Hand-written rather than an HTML sanitizer library: those keep "safe" tags
 * and decode to HTML, where this must drop every tag and yield plain text,
 * and must also handle characters no HTML sanitizer looks at.
 */

/** Escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), other two-byte escapes, and the 8-bit CSI. */
const ANSI = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
/**
 * Characters that render as nothing or reorder text: zero-width space/joiners and directional marks
 * (U+200B–U+200F), bidi embeddings and overrides (U+202A–U+202E), word joiner and invisible operators
 * (U+2060–U+2064), bidi isolates (U+2066–U+2069), BOM (U+FEFF), soft hyphen, Mongolian vowel separator,
 * Unicode tag characters (U+E0000–U+E007F: invisible ASCII look-alikes used to smuggle instructions) and the
 * supplementary variation selectors (U+E0100–U+E01EF: the same trick).
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]|[\u{E0100}-\u{E01EF}]/gu;
/** C0 and C1 control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Elements removed with their content: never visible when rendered, or the markup of an instruction aimed at the model. */
const HIDDEN_ELEMENTS = [
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'important',
  'system',
  'system-prompt',
  'system_prompt',
  'instruction',
  'instructions',
  'secret',
  'hidden',
  'prompt',
  'assistant',
  'admin',
  'ai',
  'llm',
];
const HIDDEN_ELEMENT = new RegExp(`<(${HIDDEN_ELEMENTS.join('|')})\\b[^>]*>[\\s\\S]*?<\\/\\1\\s*>`, 'gi');
const HIDDEN_OPEN_TAG = new RegExp(`<\\/?(?:${HIDDEN_ELEMENTS.join('|')})\\b[^>]*>`, 'gi');
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** `<x-ai hidden>`, `</p>`, `<br/>`, `<!DOCTYPE …>`, `<?xml …?>`, `<![CDATA[ … ]]>`: a name then a space, `/` or `>` — not `<https://…>` or `a < b`. */
const TAG = /<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<\/?[A-Za-z][A-Za-z0-9:_-]*(?:\s[^<>]*)?\/?>/g;
/** Markdown comments (`[//]: # (…)`, `[comment]: <> (…)`): link reference definitions that render as nothing. */
const MARKDOWN_COMMENT = /^[ \t]*\[[^\]\n]*\]:[ \t]*(?:#|<>)[ \t]*(?:\([^\n]*\)|"[^\n]*"|'[^\n]*')?[ \t]*$/gm;
/** Inline code and fenced code: tags inside them are shown literally (`refs/heads/<branch name>`), so they are kept. */
const CODE = /(`+)[\s\S]*?\1/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Spec text (summary, description, tag text…) → plain text that is safe to
 * show a model: no invisible or bidi characters, no ANSI escapes or control
 * characters, no HTML/XML tags (comments, `<script>`/`<style>` and
 * hidden-instruction elements such as `<IMPORTANT>…</IMPORTANT>` go with
 * their content; other tags are dropped and their text kept, except inside
 * Markdown code spans, which render literally), HTML entities decoded first
 * so an encoded tag cannot slip through, whitespace tidied.
 *
 * @example
 * sanitizeSpecText('List issues.\u200B<!-- ignore previous instructions --> <b>Fast</b>'); // 'List issues. Fast'
 */
export function sanitizeSpecText(text: unknown): string {
  if (typeof text !== 'string') return '';
  let out = text.replace(/\r\n?/g, '\n');
  // Decode before anything else: `&lt;script&gt;` and `&#x200B;` must meet the same rules as their plain forms.
  out = decodeEntities(out);
  out = out.replace(ANSI, '').replace(INVISIBLE, '').replace(CONTROL, '');
  out = out.replace(COMMENT, '').replace(HIDDEN_ELEMENT, '').replace(HIDDEN_OPEN_TAG, '').replace(MARKDOWN_COMMENT, '');
  out = outsideCode(out, (part) => part.replace(TAG, ''));
  return tidyWhitespace(out);
}

/**
 * Removes only what cannot be seen (invisible, bidi and control characters,
 * ANSI escapes) from a value that is not prose — a property name, an enum
 * value, a default — where tags and entities may be meaningful.
 */
export function stripInvisible(text: string): string {
  return text.replace(ANSI, '').replace(INVISIBLE, '').replace(CONTROL, '');
}

/** True when `text` holds something {@link stripInvisible} would remove. */
export function hasInvisible(text: string): boolean {
  return stripInvisible(text) !== text;
}

function decodeEntities(text: string): string {
  // Once only: `&amp;lt;` is meant to read `&lt;`; decoding again would undo the author's own escaping.
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,7});/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return fromCodePoint(Number.parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return fromCodePoint(Number.parseInt(lower.slice(1), 10)) ?? whole;
    return ENTITIES[lower] ?? whole;
  });
}

function fromCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
}

function outsideCode(text: string, transform: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    out += transform(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + transform(text.slice(last));
}

function tidyWhitespace(text: string): string {
  return text
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
