/**
 * Ranking operations for a plain-words query: BM25 (MiniSearch's BM25+) over
 * each tool's name, title, description, toolset and parameters, with field
 * boosts, English stemming (Porter, the `stemmer` package) and a small table
 * of everyday synonyms, so "open a PR" finds `pulls_create`.
 *
 * The index is plain data in, names out: it knows nothing of zod or MCP, so it
 * is tested on its own and built once per server (GitHub's 1223 operations:
 * 0.1–0.5 s to index on a busy two-core machine; a search takes milliseconds).
 */
import MiniSearch, { type Query } from 'minisearch';
import { stemmer } from 'stemmer';

/** What the index reads of one tool. */
export interface SearchDocument {
  readonly name: string;
  readonly title?: string | undefined;
  readonly description: string;
  readonly toolset?: string | undefined;
  /** Argument names and descriptions (top level, and one level into object arguments). */
  readonly parameters: readonly { readonly name: string; readonly description?: string | undefined }[];
}

export interface SearchHit {
  readonly name: string;
  readonly score: number;
}

/**
 * A word in a name or a description means more than the same word among the
 * parameters: `issues_add_labels` is about labels; a tool with a `labels`
 * filter is not. Names weigh most because API names are dense summaries.
 */
const BOOST = { name: 3, action: 2, title: 2, description: 1.5, toolset: 0.5, parameterText: 0.25 } as const;
/** Weight of a synonym relative to the word the user wrote. */
const SYNONYM_WEIGHT = 0.5;
/** Score factor of an operation whose name has none of the query's own words. */
const NAME_MISS = 0.7;

// Words that carry no meaning in a request ("list the runs for a branch"): dropped
// from queries and documents alike. "for", "by", "to" and "from" fill most API names.
// The API's own name joins them per index ("star a GitHub repo": every operation is GitHub's).
const STOP_WORDS = new Set(
  (
    'a an the and or of to in on at for from by with into onto as is are be been was were it its this that these those ' +
    'i me my mine we our us you your yours he she they them their his her please want need would like can could how do does ' +
    'what which who whom whose where when there here some any all every each via using use about over up out so just also'
  ).split(' '),
);

/**
 * Abbreviations and spellings folded to one form before stemming, in documents and
 * queries alike, so "repo", "repos" and "repository" are one term. Only forms whose
 * meaning is not in doubt in an API's vocabulary.
 */
const CANONICAL: Readonly<Record<string, readonly string[]>> = {
  repository: ['repo'],
  repositories: ['repo'],
  organization: ['org'],
  organizations: ['org'],
  organisation: ['org'],
  organisations: ['org'],
  pr: ['pull', 'request'],
  prs: ['pull', 'request'],
  pulls: ['pull', 'request'],
  config: ['configuration'],
  env: ['environment'],
  envs: ['environment'],
  auth: ['authenticated'],
  ci: ['workflow'],
  // "logged in as" is about the caller; no API description says "logged"
  logged: ['authenticated'],
};

/**
 * Everyday verbs and nouns mapped to the words APIs use (CRUD verbs mostly). Applied
 * to queries only, at half weight: the user's own word still counts most.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  open: ['create'],
  new: ['create'],
  make: ['create'],
  start: ['create'],
  add: ['create', 'set'],
  post: ['create'],
  write: ['create', 'update'],
  submit: ['create'],
  file: ['create', 'content'],
  remove: ['delete'],
  drop: ['delete'],
  erase: ['delete'],
  destroy: ['delete'],
  discard: ['delete'],
  edit: ['update'],
  change: ['update'],
  modify: ['update'],
  rename: ['update'],
  set: ['update', 'create'],
  close: ['update', 'state'],
  reopen: ['update', 'state'],
  show: ['get', 'list'],
  fetch: ['get'],
  view: ['get'],
  read: ['get'],
  see: ['get', 'list'],
  retrieve: ['get'],
  look: ['get'],
  check: ['get'],
  find: ['search', 'list'],
  lookup: ['get', 'search'],
  enumerate: ['list'],
  browse: ['list'],
  rerun: ['re', 'run'],
  retry: ['re', 'run'],
  kick: ['create', 'dispatch'],
  trigger: ['dispatch', 'create'],
  run: ['dispatch'],
  comment: ['review'],
  download: ['get'],
  upload: ['create'],
  invite: ['invitation', 'member'],
  permission: ['access'],
  access: ['permission', 'collaborator'],
  user: ['member'],
  people: ['user', 'member'],
  teammate: ['user', 'member', 'reviewer'],
  profile: ['user'],
  me: ['authenticated'],
  my: ['authenticated'],
  myself: ['authenticated'],
  assign: ['assignee', 'add'],
  diff: ['compare', 'files'],
  give: ['add', 'create'],
  grant: ['add', 'permission'],
  left: ['remaining', 'limit'],
  quota: ['rate', 'limit'],
  bug: ['issue'],
  ticket: ['issue'],
  token: ['secret'],
  key: ['secret'],
};

function tokenize(text: string): string[] {
  // camelCase and snake_case both split: "listForRepo", "list_for_repo" → list, for, repo
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const stems = new Map<string, string>();
function stem(term: string): string {
  let result = stems.get(term);
  if (result === undefined) {
    result = stemmer(term);
    stems.set(term, result);
  }
  return result;
}

/** A BM25 index of tools, searched with plain words. */
export class ToolIndex {
  private readonly index: MiniSearch<SearchDocument & { id: string; action: string; parameterText: string }>;
  readonly size: number;
  /** Deprecated operations rank below live ones: a model should not pick them when a live one fits. */
  private readonly deprecated: ReadonlySet<string>;

  private readonly stopWords: ReadonlySet<string>;

  /** `stopWords`: words every operation shares, such as the API's name ("github"). */
  constructor(documents: readonly SearchDocument[], options: { stopWords?: readonly string[] } = {}) {
    this.stopWords = new Set([...STOP_WORDS, ...(options.stopWords ?? []).flatMap(tokenize)]);
    const processTerm = (word: string) => {
      const result = this.terms(word);
      return result.length ? result : null;
    };
    this.index = new MiniSearch({
      idField: 'id',
      fields: ['name', 'action', 'title', 'description', 'toolset', 'parameterText'],
      storeFields: [],
      tokenize,
      processTerm,
      searchOptions: { boost: BOOST },
    });
    this.index.addAll(
      documents.map((document) => ({
        ...document,
        id: document.name,
        // Descriptions start with what the operation does ("Star a repository…", "List stargazers…"): that
        // verb, weighed on its own, tells "star a repo" from the many operations that list starred repos.
        action: /^\s*([A-Za-z]+)/.exec(document.description)?.[1] ?? '',
        parameterText: document.parameters.map((parameter) => `${parameter.name} ${parameter.description ?? ''}`).join(' '),
      })),
    );
    this.size = documents.length;
    this.deprecated = new Set(documents.filter((document) => /^deprecated\b/i.test(document.description)).map((document) => document.name));
  }

  /** The best `limit` tools for `query`, best first; `fuzzy` also matches misspelt words (for "did you mean"). */
  search(query: string, limit: number, options: { fuzzy?: boolean } = {}): SearchHit[] {
    const words = tokenize(query);
    const own = words.flatMap((word) => this.terms(word));
    if (own.length === 0) return [];
    const ownSet = new Set(own);
    const extra = [...new Set(words.flatMap((word) => (SYNONYMS[word] ?? []).flatMap((synonym) => this.terms(synonym))))].filter((term) => !ownSet.has(term));
    const queries: Query[] = [{ queries: own, combineWith: 'OR' }];
    if (extra.length) {
      const scaled = Object.fromEntries(Object.entries(BOOST).map(([field, boost]) => [field, boost * SYNONYM_WEIGHT]));
      queries.push({ queries: extra, combineWith: 'OR', boost: scaled });
    }
    const results = this.index.search(
      { queries, combineWith: 'OR' },
      {
        // Words already processed above: the index must not process them again.
        tokenize: (text) => [text],
        processTerm: (term) => term,
        // A short prefix ("label" → "labels") helps; a long one only adds noise.
        prefix: (term) => term.length >= 4,
        weights: { fuzzy: 0.3, prefix: 0.3 },
        fuzzy: (term) => (options.fuzzy && term.length >= 5 ? 0.2 : false),
      },
    );
    const ranked = results.map((result) => {
      let score = result.score;
      // Deprecated operations rank below live ones: a model should not pick them when a live one fits.
      if (this.deprecated.has(result.id as string)) score *= 0.5;
      // An operation's name says what it acts on. One whose name has none of the user's own words
      // (only synonyms, or words found in its parameters) is less likely the one meant: "open an issue"
      // is issues_create, not pulls_create, whose description says "open" and whose parameters say "issue".
      const inName = Object.entries(result.match).some(([term, fields]) => fields.includes('name') && own.some((word) => term.startsWith(word)));
      if (!inName) score *= NAME_MISS;
      return { name: result.id as string, score };
    });
    return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /** One raw word → the indexed terms (none for a stop word). */
  private terms(word: string): string[] {
    if (this.stopWords.has(word) || word.length > 40) return [];
    return (CANONICAL[word] ?? [word]).map(stem);
  }
}
