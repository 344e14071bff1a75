/**
 * Description lint: a model picks tools and fills in arguments from their
 * descriptions alone, so a missing, placeholder or name-only description
 * makes a tool hard to use well. The rules are few and precise: each one
 * flags text that tells the model nothing the name did not, and none asks
 * for a particular style.
 */
import type { Diagnostic, IrServer, IrTool, JsonSchema } from '../ir/types.js';

/** Stable codes. TW21xx: description lint (all warnings). */
export const DescriptionLintCode = {
  /** A tool with no description. */
  MissingToolDescription: 'TW2101',
  /** A tool description of one word or under 20 characters. */
  ShortToolDescription: 'TW2102',
  /** A tool description that only restates the tool's name ("Create issue." for create_issue). */
  RestatesName: 'TW2103',
  /** A tool description whose first sentence is over 200 characters. */
  LongFirstSentence: 'TW2104',
  /** A placeholder for a description: "TODO", "Helper", "Does stuff"… */
  Placeholder: 'TW2105',
  /** A parameter (top-level input property) with no description. */
  MissingParameterDescription: 'TW2106',
} as const;

/** Below this many characters a tool description cannot say what the tool does and when to use it. */
export const MIN_TOOL_DESCRIPTION_LENGTH = 20;
/** Clients often show only the first sentence; past this it stops being a summary. */
export const MAX_FIRST_SENTENCE_LENGTH = 200;

const PLACEHOLDERS = new Set([
  'todo',
  'tbd',
  'fixme',
  'xxx',
  'wip',
  'placeholder',
  'description',
  'no description',
  'n/a',
  'none',
  'helper',
  'helper function',
  'helper method',
  'utility',
  'utility function',
  'util',
  'misc',
  'stuff',
  'does stuff',
  'does things',
  'do stuff',
  'something',
]);

/** Words that carry no meaning of their own when deciding whether a description only repeats the name. */
const FILLER_WORDS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'to',
  'of',
  'for',
  'in',
  'on',
  'by',
  'with',
  'and',
  'or',
  'it',
  'its',
  'tool',
  'function',
  'operation',
]);

const WRITE_TOOL_DESCRIPTION =
  'Say what the tool does, when to use it (and when not), and what it returns, e.g. "Read a text file from the workspace. Use it to look at source code; files over 1 MiB are refused."';

/**
 * Checks that every tool of a server has a description a model can act on,
 * and that every parameter is described. Returns warnings; never throws.
 *
 * @example
 * const warnings = lintDescriptions(server);
 * for (const d of warnings) console.warn(`${d.file}:${d.line} ${d.code} ${d.message}`);
 */
export function lintDescriptions(server: IrServer): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const tool of server.tools) {
    const warn = (code: string, message: string, hint: string) =>
      diagnostics.push({ code, severity: 'warning', message, hint, subject: tool.name, ...locationOf(tool) });
    const problem = toolDescriptionProblem(tool);
    if (problem) warn(problem.code, problem.message, problem.hint);
    for (const [name, description] of parameterDescriptions(tool.input)) {
      if (description === undefined || description.trim() === '') {
        warn(
          DescriptionLintCode.MissingParameterDescription,
          `Parameter ${name} of tool ${tool.name} has no description: the model has to guess what to pass.`,
          'Describe the value and its format, with an example where it helps, e.g. "File path relative to the workspace root, e.g. \\"src/index.ts\\"." (a @param line for functions).',
        );
      } else if (isPlaceholder(description)) {
        warn(
          DescriptionLintCode.Placeholder,
          `Parameter ${name} of tool ${tool.name} is described only as "${description.trim()}".`,
          'Replace the placeholder with what the value is and its format.',
        );
      }
    }
  }
  return diagnostics;
}

/** At most one problem with a tool's own description: the most basic one. */
function toolDescriptionProblem(tool: IrTool): { code: string; message: string; hint: string } | undefined {
  const text = (tool.description ?? '').trim();
  if (text === '') {
    return {
      code: DescriptionLintCode.MissingToolDescription,
      message: `Tool ${tool.name} has no description: the model sees only its name.`,
      hint: `${WRITE_TOOL_DESCRIPTION} For functions, write it as the JSDoc summary.`,
    };
  }
  if (isPlaceholder(text)) {
    return { code: DescriptionLintCode.Placeholder, message: `Tool ${tool.name} is described only as "${text}".`, hint: WRITE_TOOL_DESCRIPTION };
  }
  if (restatesName(text, tool.name)) {
    return {
      code: DescriptionLintCode.RestatesName,
      message: `The description of tool ${tool.name} ("${text}") only restates its name.`,
      hint: WRITE_TOOL_DESCRIPTION,
    };
  }
  if (text.length < MIN_TOOL_DESCRIPTION_LENGTH || !/\s/.test(text)) {
    return {
      code: DescriptionLintCode.ShortToolDescription,
      message: `The description of tool ${tool.name} ("${text}") is too short to say what it does and when to use it.`,
      hint: WRITE_TOOL_DESCRIPTION,
    };
  }
  const first = firstSentence(text);
  if (first.length > MAX_FIRST_SENTENCE_LENGTH) {
    return {
      code: DescriptionLintCode.LongFirstSentence,
      message: `The first sentence of tool ${tool.name}'s description is ${first.length} characters; clients that show only the first sentence cut it off.`,
      hint: `Open with one sentence of at most ${MAX_FIRST_SENTENCE_LENGTH} characters that says what the tool does; put details in later sentences.`,
    };
  }
  return undefined;
}

function isPlaceholder(text: string): boolean {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/[.!:;…\s]+$/, '');
  // An upper-case TODO/FIXME opening the text marks it unwritten ("TODO: describe"); "Todo list…" is a real description.
  return PLACEHOLDERS.has(normalized) || /^(TODO|FIXME|TBD|XXX)(?![A-Za-z0-9])/.test(text.trim());
}

/** True when every meaningful word of the description is a word of the name (allowing plurals and verb endings: "Creates issues" for create_issue). */
function restatesName(description: string, name: string): boolean {
  const nameWords = words(name);
  const content = words(description).filter((w) => !FILLER_WORDS.has(w));
  return content.length > 0 && content.every((word) => nameWords.some((n) => sameWord(word, n)));
}

/** Lower-case words of an identifier or sentence: snake_case, kebab-case, camelCase and spaces all split. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // "create"/"creates", "file"/"files", "list"/"listing": one word is the other plus an ending.
  return short.length >= 3 && long.startsWith(short) && long.length - short.length <= 3;
}

/** The text up to the first sentence end (". ", "! ", "? " or a blank line). */
function firstSentence(text: string): string {
  const end = /[.!?](?=\s|$)|\n\s*\n/.exec(text);
  return end ? text.slice(0, end.index + 1).trim() : text;
}

/** Each top-level input property with its description, looking through a `$ref` to the definition's own description. */
function parameterDescriptions(input: JsonSchema): [string, string | undefined][] {
  const properties = input.properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return [];
  return Object.entries(properties as Record<string, unknown>).map(([name, schema]) => [name, describe(schema, input)]);
}

function describe(schema: unknown, root: JsonSchema): string | undefined {
  const seen = new Set<string>();
  let node = schema;
  while (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    const record = node as Record<string, unknown>;
    if (typeof record.description === 'string' && record.description.trim() !== '') return record.description;
    const ref = record.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/') || seen.has(ref)) return undefined;
    seen.add(ref);
    node = ref
      .slice(2)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>(
        (at, segment) => (at !== null && typeof at === 'object' && Object.hasOwn(at, segment) ? (at as Record<string, unknown>)[segment] : undefined),
        root,
      );
  }
  return undefined;
}

function locationOf(tool: IrTool): Pick<Diagnostic, 'file' | 'line' | 'column' | 'pointer'> {
  const source = tool.source;
  if (!source) return {};
  if (source.kind === 'function') return { file: source.file, line: source.line, column: source.column };
  return { file: source.spec, pointer: source.pointer };
}
