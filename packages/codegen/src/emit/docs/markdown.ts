/**
 * Markdown writing for the docs pages, where most text is untrusted:
 * descriptions come from OpenAPI specs and JSDoc, and the pages are rendered
 * by GitHub, by editors, and by the docs site (VitePress), which compiles
 * every page into a Vue template. So every piece of text goes through one of
 * these helpers, and none of them lets through:
 *
 * - raw HTML (`<script>`, `<img onerror>`): `<` is written as `&lt;`;
 * - a Vue interpolation (`{{ … }}`), which VitePress would run as code:
 *   the first of two braces is written as `&#123;` (VitePress keeps entities
 *   as written, so no `{{` reaches the template);
 * - a VitePress include (`<!--@include: …-->`, read from disk before Markdown
 *   is parsed, even inside code): no `<!--` is ever written;
 * - anything that breaks the page's own structure: a `|` in a table cell, a
 *   line break in a one-line context, a heading mark at the start of a line.
 *
 * Hand-written rather than a Markdown library: the pages are written, not
 * parsed, and what matters is exactly these escapes, tested one by one.
 */

/** A code span or block with this in it is written another way (see above). */
const UNSAFE_IN_CODE = /<!--|\{\{/;

/**
 * Untrusted prose (a description) as Markdown: its own Markdown (emphasis, code spans, absolute links) is kept,
 * everything listed above is neutralised. Images and links that are not `http(s):`/`mailto:` become plain text:
 * they would load from, or point into, a site they were not written for.
 */
export function prose(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  return escapeSegments(lines.map(neutraliseLineStart).join('\n'));
}

/** A heading mark, a setext underline, a container fence or a link definition at the start of a line: made literal. */
function neutraliseLineStart(line: string): string {
  return line.replace(/^(\s{0,3})(#{1,6}(?=\s|$)|={2,}(?=\s*$)|-{3,}(?=\s*$)|:{3,}|\[(?=[^\]]*\]:))/, '$1\\$2');
}

/** Prose on one line (a table cell, a list item): line breaks become spaces and `|` is escaped. */
export function inlineProse(text: string): string {
  return cell(prose(text.replace(/\s*[\r\n]+\s*/g, ' ')));
}

/** Escapes the `|` that would end a table cell (also inside code spans: GFM tables split before inline parsing). */
export function cell(markdown: string): string {
  return markdown.replace(/\\?\|/g, (match) => (match === '|' ? '\\|' : match)).replace(/\n/g, ' ');
}

/** A literal string (a name, a value) that renders exactly as written, Markdown punctuation and all. */
export function literal(text: string): string {
  return escapeEntities(
    text
      .replace(/[\r\n]+/g, ' ')
      .replace(/[\\`*[\]~!|]/g, '\\$&')
      // `_` between letters or digits never starts emphasis (snake_case names stay readable)
      .replace(/_/g, (_m, at: number, all: string) => (/[A-Za-z0-9]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + 1] ?? '') ? '_' : '\\_')),
  );
}

/**
 * An inline code span of a literal value. A value a code span cannot hold safely (see the module comment) or
 * that spans lines is written as escaped text instead.
 */
export function code(text: string): string {
  const value = text.replace(/[\r\n]+/g, ' ');
  if (UNSAFE_IN_CODE.test(value) || value.trim() === '') return literal(value) || '(empty)';
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || (value.startsWith(' ') && value.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A fenced code block; `<!--` in it is broken up (as `\u003c!--` in JSON, where it means the same). */
export function fence(language: string, text: string): string {
  const body = text.replace(/<!--/g, language === 'json' ? '\\u003c!--' : '<!\u200b--');
  const longest = Math.max(0, ...[...body.matchAll(/^ {0,3}(`{3,}|~{3,})/gm)].map((m) => m[1]!.length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}${language}\n${body.replace(/\n$/, '')}\n${marks}`;
}

/** A value as indented JSON in a fenced block. */
export function jsonBlock(value: unknown): string {
  return fence('json', JSON.stringify(value, null, 2) ?? 'null');
}

/** A link; the text is Markdown already (escaped by the caller), the target a relative path or an http(s) URL. */
export function link(text: string, target: string): string {
  return `[${text}](${encodeURI(target).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`;
}

/** A GFM table. Cells are Markdown already; they must be one-line (use `cell`/`inlineProse`). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `1234567` → `1,234,567` (fixed, not the machine's locale: pages must not differ between machines). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The first sentence of a description, for lists (at most `max` characters). */
export function firstSentence(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s|$)/.exec(flat);
  const sentence = end ? flat.slice(0, end.index + 1) : flat;
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}

/**
 * Splits Markdown into code spans and the text between them as CommonMark does (a backtick run opens a span only
 * when a run of the same length closes it), keeps safe code spans as they are and escapes the rest.
 */
function escapeSegments(markdown: string): string {
  // Code spans are set aside (as private-use placeholders) while the text around them is escaped, so that a link
  // whose label holds a code span is still seen as one link.
  const spans: string[] = [];
  let text = '';
  let i = 0;
  while (i < markdown.length) {
    const ch = markdown[i]!;
    if (ch === '\\' && i + 1 < markdown.length) {
      text += markdown.slice(i, i + 2);
      i += 2;
    } else if (ch === '\uE000' || ch === '\uE001') {
      i++; // the placeholder marks themselves never come through
    } else if (ch !== '`') {
      text += ch;
      i++;
    } else {
      let run = 1;
      while (markdown[i + run] === '`') run++;
      const close = findClosingRun(markdown, i + run, run);
      if (close === -1) {
        text += '\\`'.repeat(run);
        i += run;
        continue;
      }
      const content = markdown.slice(i + run, close);
      spans.push(UNSAFE_IN_CODE.test(content) ? literal(content) : markdown.slice(i, close + run));
      text += `\uE000${spans.length - 1}\uE001`;
      i = close + run;
    }
  }
  return escapeText(text).replace(/\uE000(\d+)\uE001/g, (_m, n: string) => spans[Number(n)]!);
}

function findClosingRun(markdown: string, from: number, length: number): number {
  for (let j = from; j < markdown.length; j++) {
    if (markdown[j] !== '`') continue;
    let run = 1;
    while (markdown[j + run] === '`') run++;
    if (run === length) return j;
    j += run - 1;
  }
  return -1;
}

/** Text (not code): images and non-web links made plain, then the entities. */
function escapeText(text: string): string {
  return escapeEntities(
    text
      .replace(/!\[([^\]]*)\]\(([^)]*)\)/g, (_m, alt: string, target: string) => `${alt} (image: ${target})`)
      .replace(/\[([^\]]*)\]\(([^)\s]*)(\s+"[^"]*")?\)/g, (match, label: string, target: string) =>
        /^(https?:\/\/|mailto:)/i.test(target) ? match : `${label} (${target})`,
      ),
  );
}

/** `<` as an entity, and the first of two braces (also across a backslash escape: `\{\{` renders as `{{`). */
function escapeEntities(text: string): string {
  return text.replace(/</g, '&lt;').replace(/\\?\{(?=\\?\{)/g, '&#123;');
}
