/**
 * Spec prose → the descriptions a model reads. API docs are written for a
 * browser: links, tables, code samples, and paragraphs that every endpoint
 * repeats ("For more information, see …", token scopes, rate-limit notes).
 * A model needs what the operation does and what an argument takes, so the
 * text is sanitized (sanitize.ts), reduced to plain sentences, stripped of
 * that boilerplate, and capped.
 */
import { sanitizeSpecText } from './sanitize.js';

/** Sentences that only send the reader elsewhere or repeat what every endpoint says. */
const BOILERPLATE: readonly RegExp[] = [
  /^for more (?:information|details|info)\b/i,
  /\bfor more (?:information|details)\b[^.]*\bsee\b/i,
  /^see\b[^.]*\b(?:docs?|documentation|guides?|reference|articles?|api)\b/i,
  /^(?:refer to|learn more|read more)\b/i,
  /\brefer to\b[^.]*\bfor (?:more )?(?:details|information)\b/i,
  /\bsupports the following custom media types\b/i,
  /^`?application\/vnd\.[^`\s]*`?\s*:/i,
  /\b(?:oauth app tokens|oauth tokens|personal access tokens \(classic\)|fine-grained (?:personal )?access tokens)\b[^.]*\b(?:scopes?|permissions?)\b/i,
  /\bsecondary rate limit/i,
  /^this endpoint triggers notifications\b/i,
];

/**
 * Paragraphs from which the rest of a description is reference material (GitHub's list of custom media types
 * closes many of its descriptions): that paragraph and everything after it are dropped.
 */
const TRAILERS: readonly RegExp[] = [
  /\bsupports the following custom media types\b/i,
  /^`?application\/vnd\.[^`\s]*`?\s*:/i,
  /\bworks with the following fine-grained token types\b/i,
];

/**
 * Sanitized, Markdown-reduced text as paragraphs of single-line sentences, boilerplate removed; each paragraph
 * ends with a full stop (or `?`, `!`, `:`) unless `terminate` is false.
 */
export function sentences(text: unknown, terminate = true): string[][] {
  const plain = reduceMarkdown(sanitizeSpecText(text));
  const out: string[][] = [];
  for (const block of plain.split(/\n\s*\n/)) {
    const paragraph = block
      .split('\n')
      .map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
      .filter(Boolean)
      .join(' ');
    if (TRAILERS.some((pattern) => pattern.test(paragraph))) break;
    const kept = splitSentences(paragraph).filter((sentence) => !BOILERPLATE.some((pattern) => pattern.test(sentence)));
    // a paragraph ends a sentence even when its author left off the full stop
    if (kept.length > 0) out.push(terminate ? [...kept.slice(0, -1), endSentence(kept.at(-1)!)] : kept);
  }
  return out;
}

/** One line of plain text (e.g. a summary or a title), punctuated as written. */
export function plainLine(text: unknown): string {
  return sentences(text, false)
    .map((p) => p.join(' '))
    .join(' ')
    .trim();
}

/**
 * A tool description: the summary, then the description's sentences (minus a
 * first sentence that repeats the summary), capped at `max` characters.
 */
export function toolDescription(summary: unknown, description: unknown, max: number): string {
  let head = plainLine(summary);
  const body = sentences(description).flat();
  // "Query a data source." before "Query a data source (database) using filters and sorts." says nothing more
  if (head && body.length > 0 && beginsWith(normalized(body[0]!), normalized(head))) head = '';
  const parts = head ? [endSentence(head), ...body] : body;
  const text = parts.join(' ');
  return text.length <= max ? endSentence(text) : cap(text, max);
}

/**
 * A parameter or property description: plain sentences, capped at `max`,
 * then the spec's example when it has a short scalar one.
 */
export function shortDescription(text: unknown, max: number, example?: unknown): string {
  let out = cap(sentences(text).flat().join(' '), max);
  const shown = exampleText(example);
  if (shown && !mentions(out, shown)) out = out ? `${endSentence(out)} Example: \`${shown}\`.` : `Example: \`${shown}\`.`;
  return out;
}

/**
 * Cuts `text` to at most `max` characters: at the last sentence end when that
 * keeps at least 60 % of the room, else at a word boundary with an ellipsis.
 */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max);
  let sentenceEnd = -1;
  for (const match of room.matchAll(/[.!?](?=\s|$)/g)) sentenceEnd = match.index + 1;
  if (sentenceEnd >= max * 0.6) return room.slice(0, sentenceEnd);
  const words = room.slice(0, max - 1);
  const space = words.lastIndexOf(' ');
  const cut = (space >= max * 0.5 ? words.slice(0, space) : words).replace(/[\s,;:.(\-–—]+$/, '');
  return `${cut}…`;
}

function reduceMarkdown(text: string): string {
  return (
    text
      // code samples and tables say nothing a one-paragraph description can use
      .replace(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[^\n]*$|(?![\s\S]))/gm, '')
      .replace(/^[ \t]*\|.*\|[ \t]*$/gm, '')
      // images keep their alt text, links their text
      .replace(/!\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/^[ \t]*\[[^\]]+\]:[ \t]+\S+.*$/gm, '')
      .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
      // headings (`## Parameters`, or a line that is all bold) are navigation, not content; GitHub alerts and quotes keep their text
      .replace(/^[ \t]*#{1,6}[ \t].*$/gm, '')
      .replace(/^[ \t]*\*\*[^*\n]+\*\*:?[ \t]*$/gm, '')
      .replace(/\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*/gi, '')
      .replace(/^[ \t]*>[ \t]?/gm, '')
      .replace(/(`+)[\s\S]*?\1|\*\*([^*\n]+)\*\*|(^|[^\w`])(__?)([^_\n`]+)\4(?![\w`])/g, (whole, code, bold, before, _marker, italic) => {
        // emphasis markers only cost tokens; inside code spans they are literal and stay
        if (code) return whole;
        if (bold !== undefined) return bold;
        return `${before}${italic}`;
      })
  );
}

/** Splits at `.`, `!` or `?` followed by a space and something that can start a sentence. */
function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?]["')\]]?)\s+(?=["'(`*[]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function normalized(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.!?:]+$/, '')
    .trim();
}

/** `text` is `start` or begins with it as whole words ("Query a data source (database)…", not "Lists" for "List"). */
function beginsWith(text: string, start: string): boolean {
  return text.startsWith(start) && (text.length === start.length || /\W/.test(text[start.length]!));
}

function endSentence(text: string): string {
  return text === '' || /[.!?…:]$/.test(text) ? text : `${text}.`;
}

/** `text` has `token` as a whole word (so `10` is not found in `max 100`). */
function mentions(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\w])${escaped}(?:$|[^\\w])`).test(text);
}

function exampleText(example: unknown): string | undefined {
  if (example === undefined || example === null) return undefined;
  const text = sanitizeSpecText(typeof example === 'string' ? example : typeof example === 'object' ? JSON.stringify(example) : String(example));
  if (text === '' || text.length > 60 || text.includes('`') || text.includes('\n')) return undefined;
  return text;
}
