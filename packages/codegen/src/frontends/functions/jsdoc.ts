/**
 * JSDoc → what a tool, resource or prompt says about itself.
 *
 * Tags read on an exported function (names are case-insensitive):
 *
 *   summary and body            the description the model reads
 *   @param name text            the argument's description
 *   @param input.field text     (object parameter) a field's description, when its interface has none
 *   @returns text               the result's description
 *   @example text               one usage example per tag
 *   @readOnly @destructive @idempotent @openWorld [true|false]   annotations
 *   @toolName name              the tool's name (default: the function name in snake_case)
 *   @title text                 a human-readable title
 *   @deprecated [text]          marks the tool deprecated
 *   @internal / @hidden         not a tool at all
 *   @resource uri               a resource; `{var}`s in the URI make it a template and name the parameters
 *   @mimeType type              the resource's MIME type
 *   @prompt [name]              a prompt; string parameters are its arguments
 *
 * Constraints on a positional parameter go inline, inside its `@param` text,
 * as `{@keyword value}` — the same keywords typescript-json-schema reads as
 * tags on interface properties:
 *
 *   @param limit Most issues to return. {@minimum 1} {@maximum 100}
 *   @param since Only issues updated after this date. {@format date}
 *   @param meta Free-form labels. {@schema {"type":"object","additionalProperties":{"type":"string"}}}
 *
 * Inline tags keep each constraint next to the parameter it limits, survive
 * editors' JSDoc rendering as plain text, and cannot be confused with tags
 * about the function. `{@schema …}` replaces the parameter's schema outright
 * (the escape hatch for `any`/`unknown`); on an interface property the same
 * is written as a tag: `@schema {"type":"object"}`.
 */
import { type JSDoc, type JSDocTag, Node } from 'ts-morph';
import type { IrAnnotations, JsonSchema } from '../../ir/types.js';
import { Code, type FunctionsCode } from './diagnostics.js';

export interface ParamDoc {
  /** The text with inline constraints removed. */
  description?: string;
  /** Schema keywords from inline `{@keyword value}` constraints. */
  keywords: JsonSchema;
  tag: JSDocTag;
}

export interface FunctionDoc {
  description: string;
  /** By the name written after `@param` (`limit`, or `input.title`). */
  params: Map<string, ParamDoc>;
  returns?: string;
  examples: string[];
  annotations: IrAnnotations;
  toolName?: { value: string; tag: JSDocTag };
  title?: string;
  deprecated?: string | true;
  hidden: boolean;
  resource?: { uri: string; tag: JSDocTag };
  mimeType?: string;
  prompt?: { name?: string; tag: JSDocTag };
}

export interface DocProblem {
  code: FunctionsCode;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  tag: JSDocTag;
}

const ANNOTATIONS: Record<string, keyof IrAnnotations> = { readonly: 'readOnly', destructive: 'destructive', idempotent: 'idempotent', openworld: 'openWorld' };

/** Tags this frontend reads, by lower-case name → canonical spelling. */
const RECOGNISED = new Map(
  [
    'param',
    'arg',
    'argument',
    'returns',
    'return',
    'example',
    'readOnly',
    'destructive',
    'idempotent',
    'openWorld',
    'toolName',
    'title',
    'deprecated',
    'internal',
    'hidden',
    'resource',
    'mimeType',
    'prompt',
  ].map((tag) => [tag.toLowerCase(), tag]),
);

/** What an unknown tag may be a misspelling of. */
const SUGGESTIONS = [...RECOGNISED.values()].filter((tag) => !['arg', 'argument', 'return'].includes(tag));

/** Standard TSDoc/JSDoc tags: not ours, and never worth a warning. */
const IGNORED = new Set(
  'see since throws exception remarks link type template typeparam async author todo version beta alpha public private protected experimental override category privateremarks defaultvalue packagedocumentation module file fileoverview license summary description virtual inheritdoc sealed label ignore access callback typedef property prop satisfies import overload this enum augments extends implements class constructor function func method memberof eventproperty decorator'.split(
    ' ',
  ),
);

/** Inline constraint keywords, by how their value is read. */
const NUMERIC = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
]);
const TEXT = new Set(['pattern', 'format', 'title', 'contentMediaType', 'contentEncoding']);
const JSON_VALUED = new Set(['default', 'examples', 'const', 'enum', 'schema']);
const FLAGS = new Set(['uniqueItems', 'deprecated']);
const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
export const INLINE_KEYWORDS: readonly string[] = [...NUMERIC, ...TEXT, ...JSON_VALUED, ...FLAGS, 'type'].sort();

/** Reads the JSDoc block closest to a declaration (the last one). */
export function readFunctionDoc(docs: readonly JSDoc[], problems: DocProblem[]): FunctionDoc {
  const doc: FunctionDoc = { description: '', params: new Map(), examples: [], annotations: {}, hidden: false };
  const jsDoc = docs.at(-1);
  if (!jsDoc) return doc;
  doc.description = prose(cleanText(jsDoc.getDescription()));
  // TypeScript reads `@param limit {@minimum 1} Most.` as a param tag with a broken `{` type followed by a
  // "@minimum" tag. Such "tags" (an "@" right after "{") are part of the @param text, which is therefore read
  // from the source, up to the next real tag.
  const tags = jsDoc.getTags().filter((tag) => !isInlineFragment(tag));
  tags.forEach((tag, i) => {
    const written = tag.getTagName();
    const name = written.toLowerCase();
    const text = cleanText(tag.getCommentText() ?? '');
    if (Node.isJSDocParameterTag(tag)) {
      const raw = paramText(tag, tags[i + 1]?.getStart() ?? jsDoc.getEnd());
      const { description, keywords } = readInlineConstraints(prose(cleanText(raw)), tag, problems);
      doc.params.set(tag.getName(), { ...(description ? { description } : {}), keywords, tag });
      return;
    }
    if (name in ANNOTATIONS) {
      const key = ANNOTATIONS[name]!;
      if (text === '' || text === 'true') doc.annotations[key] = true;
      else if (text === 'false') doc.annotations[key] = false;
      else
        problems.push({
          code: Code.InvalidTag,
          severity: 'error',
          message: `@${written} takes no value, or true or false (got "${text}").`,
          hint: `Write @${key} or @${key} false.`,
          tag,
        });
      return;
    }
    switch (name) {
      case 'returns':
      case 'return':
        if (text) doc.returns = prose(text);
        break;
      case 'example':
        if (text) doc.examples.push(text);
        break;
      case 'toolname':
        doc.toolName = { value: text, tag };
        break;
      case 'title':
        if (text) doc.title = text;
        break;
      case 'deprecated':
        doc.deprecated = text || true;
        break;
      case 'internal':
      case 'hidden':
        doc.hidden = true;
        break;
      case 'resource':
        doc.resource = { uri: text, tag };
        break;
      case 'mimetype':
        if (text) doc.mimeType = text;
        break;
      case 'prompt':
        doc.prompt = text ? { name: text, tag } : { tag };
        break;
      default:
        unknownTag(written, tag, problems);
    }
  });
  return doc;
}

/** A "tag" TypeScript split out of an inline `{@keyword …}`. */
function isInlineFragment(tag: JSDocTag): boolean {
  return tag.getSourceFile().getFullText()[tag.getStart() - 1] === '{';
}

/** The text of a `@param` tag after its name, from the source: up to `end`, without the comment's `*` margins. */
function paramText(tag: JSDocTag, end: number): string {
  const raw = tag
    .getSourceFile()
    .getFullText()
    .slice(tag.getStart(), end)
    .replace(/\s*\*\/\s*$/, '');
  return raw
    .split(/\r?\n/)
    .map((line, i) => (i === 0 ? line : line.replace(/^\s*\* ?/, '')))
    .join('\n')
    .replace(/^@\w+\s*/, '')
    .replace(/^\{(?!@)[^}]*\}\s*/, '') // `@param {string} name`: a JSDoc type before the name
    .replace(/^\[?[\w$.]+(?:=[^\]\s]*)?\]?/, '') // the name, or `[name]` / `[name=default]`
    .replace(/^\s*\{(?!@)[^}]*\}/, ''); // `@param name {string}`
}

function unknownTag(written: string, tag: JSDocTag, problems: DocProblem[]): void {
  const name = written.toLowerCase();
  if (IGNORED.has(name)) return;
  if (name === 'name' || name === 'tool') {
    problems.push({ code: Code.UnknownTag, severity: 'warning', message: `@${written} is not read.`, hint: 'Name a tool with @toolName my_tool.', tag });
    return;
  }
  const keyword = INLINE_KEYWORDS.find((k) => k.toLowerCase() === name);
  if (keyword) {
    problems.push({
      code: Code.UnknownTag,
      severity: 'warning',
      message: `@${written} on a function is not read: constraints belong to a parameter.`,
      hint: `Put it inside the parameter's @param text, e.g. @param limit Most results. {@${keyword} 100}; for an object parameter, tag the interface property.`,
      tag,
    });
    return;
  }
  const close = SUGGESTIONS.find((known) => editDistance(known.toLowerCase(), name) <= (known.length <= 5 ? 1 : 2));
  if (close) problems.push({ code: Code.UnknownTag, severity: 'warning', message: `Unknown JSDoc tag @${written}.`, hint: `Did you mean @${close}?`, tag });
}

/**
 * Splits `{@keyword value}` constraints out of a `@param` text. Braces nest,
 * so `{@pattern ^[a-z]{2}$}` and `{@schema {"type":"object"}}` read whole.
 */
export function readInlineConstraints(text: string, tag: JSDocTag, problems: DocProblem[]): { description: string; keywords: JsonSchema } {
  const keywords: JsonSchema = {};
  let rest = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('{@', i);
    if (start < 0) {
      rest += text.slice(i);
      break;
    }
    const match = /^\{@([A-Za-z]+)/.exec(text.slice(start));
    const keyword = match?.[1];
    if (!keyword || keyword.startsWith('link')) {
      rest += text.slice(i, start + 2);
      i = start + 2;
      continue;
    }
    let depth = 0;
    let end = -1;
    for (let j = start; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) {
        end = j;
        break;
      }
    }
    if (end < 0) {
      problems.push({
        code: Code.InvalidTag,
        severity: 'error',
        message: `Unclosed {@${keyword} … in @param ${tagParamName(tag)}.`,
        hint: 'Close it with }.',
        tag,
      });
      rest += text.slice(i);
      break;
    }
    rest += text.slice(i, start);
    const raw = text.slice(start + 2 + keyword.length, end).trim();
    const value = keywordValue(keyword, raw);
    if ('error' in value)
      problems.push({
        code: Code.InvalidTag,
        severity: 'error',
        message: `{@${keyword} ${raw}} in @param ${tagParamName(tag)}: ${value.error}`,
        hint: value.hint,
        tag,
      });
    else keywords[keyword] = value.value;
    i = end + 1;
  }
  const description = rest
    .replace(/^\s*-\s+/, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .trim();
  return { description, keywords };
}

function tagParamName(tag: JSDocTag): string {
  return Node.isJSDocParameterTag(tag) ? tag.getName() : '';
}

function keywordValue(keyword: string, raw: string): { value: unknown } | { error: string; hint: string } {
  if (NUMERIC.has(keyword)) {
    const n = Number(raw);
    return raw !== '' && Number.isFinite(n) ? { value: n } : { error: 'expects a number.', hint: `Write {@${keyword} 10}.` };
  }
  if (FLAGS.has(keyword)) {
    if (raw === '' || raw === 'true') return { value: true };
    if (raw === 'false') return { value: false };
    return { error: 'expects nothing, true or false.', hint: `Write {@${keyword}}.` };
  }
  if (keyword === 'type') {
    return JSON_TYPES.has(raw) ? { value: raw } : { error: `expects a JSON Schema type (${[...JSON_TYPES].join(', ')}).`, hint: 'Write {@type integer}.' };
  }
  if (keyword === 'pattern') {
    try {
      new RegExp(raw, 'u');
      return { value: raw };
    } catch (error) {
      return {
        error: `is not a valid regular expression (${(error as Error).message}).`,
        hint: 'Write an ECMAScript regular expression without slashes, e.g. {@pattern ^[a-z-]+$}.',
      };
    }
  }
  if (TEXT.has(keyword)) return raw ? { value: raw } : { error: 'expects a value.', hint: `Write {@${keyword} value}.` };
  if (JSON_VALUED.has(keyword)) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      if (keyword === 'default' || keyword === 'const') return { value: raw }; // a bare word: a string
      return { error: 'expects JSON.', hint: keyword === 'schema' ? 'Write {@schema {"type":"object"}}.' : `Write {@${keyword} ["a","b"]}.` };
    }
    if ((keyword === 'examples' || keyword === 'enum') && !Array.isArray(value))
      return { error: 'expects a JSON array.', hint: `Write {@${keyword} ["a","b"]}.` };
    if (keyword === 'schema' && (typeof value !== 'object' || value === null || Array.isArray(value)))
      return { error: 'expects a JSON object.', hint: 'Write {@schema {"type":"object"}}.' };
    return { value };
  }
  return { error: 'is not a known constraint.', hint: `Known: ${INLINE_KEYWORDS.join(', ')}.` };
}

/**
 * Joins the lines of a paragraph that the comment's width wrapped, as
 * Markdown reads them, so the model gets sentences rather than the source's
 * line breaks. Blank lines, list items, headings, tables, quotes, indented
 * lines and fenced code keep their line breaks.
 */
export function prose(text: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    const previous = out.at(-1);
    const structural = /^\s*([-*+]\s|\d+[.)]\s|#|\||>)/.test(line) || /^\s{2,}\S/.test(line);
    const join =
      !fenced && previous !== undefined && previous.trim() !== '' && line.trim() !== '' && !structural && !/^\s*```/.test(line) && !/^\s*```/.test(previous);
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (join) out[out.length - 1] = `${previous} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}

/** Normalises JSDoc text: CRLF → LF, `{@link X}` → X (the model does not follow links), trimmed. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g, (_m, target: string, label: string) => label.trim() || target)
    .trim();
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
