/**
 * Names from a spec: tool names (`[a-z0-9_]`, from the operationId, short
 * enough for the prefixed form clients build) and argument names.
 */
import { createHash } from 'node:crypto';

/** What an OpenAPI tool name may contain. */
export const OPENAPI_TOOL_NAME = /^[a-z0-9_]+$/;

/**
 * `issues/create` → `issues_create`, `repos/get-content` → `repos_get_content`,
 * `post-search` → `post_search`, `listPetsByID` → `list_pets_by_id`.
 * Empty when nothing usable is left.
 */
export function snakeName(text: string): string {
  const out = text
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return /^[0-9]/.test(out) ? `op_${out}` : out;
}

/** The name of an operation without an operationId: `get /users/{id}/repos` → `get_users_id_repos`. */
export function methodPathName(method: string, path: string): string {
  return snakeName(`${method} ${path.replace(/[{}]/g, '')}`) || method;
}

/** Whole words shortened first: the long words of REST operation names, to their usual short forms. */
const ABBREVIATIONS: Record<string, string> = {
  authenticated: 'auth',
  organization: 'org',
  organizations: 'orgs',
  repository: 'repo',
  repositories: 'repos',
  configuration: 'config',
  configurations: 'configs',
  environment: 'env',
  environments: 'envs',
  information: 'info',
  application: 'app',
  applications: 'apps',
  permissions: 'perms',
  permission: 'perm',
  administrator: 'admin',
  directory: 'dir',
  specification: 'spec',
};
/** Words a name reads the same without. */
const FILLER = new Set(['a', 'an', 'the', 'for', 'of', 'by', 'with']);

export interface ShortenedName {
  name: string;
  /** The name was changed to fit. */
  shortened: boolean;
}

/**
 * Fits `name` within `max` characters, deterministically, changing as little
 * as it can: long words to their usual short forms (`authenticated` → `auth`,
 * `organization` → `org`), then filler words (`for`, `the`…) dropped, then a
 * word repeated later in the name dropped (`actions_get_actions_cache` →
 * `actions_get_cache`), then the longest middle words one by one (the first
 * two — namespace and verb — and the last stay); each step is taken only if
 * the previous ones did not fit. If that leaves nothing that fits (or
 * `forceHash`: the gentler steps made two names equal), the name is cut at a
 * word boundary and ends with `_` and 6 hex digits of the hash of `key` (the
 * operation), which keeps names unique.
 */
export function shortenName(name: string, max: number, key: string, forceHash = false): ShortenedName {
  if (name.length <= max && !forceHash) return { name, shortened: false };
  let words = name.split('_').filter(Boolean);
  const steps: ((w: string[]) => string[])[] = [
    (w) => w.map((word) => ABBREVIATIONS[word] ?? word),
    // the first word is the namespace (`issues_…`) and the last the object: filler only goes between them
    (w) => w.filter((word, i) => i === 0 || i === w.length - 1 || !FILLER.has(word)),
    (w) => {
      // a middle word that the name says elsewhere anyway: `actions_get_actions_cache` → `actions_get_cache`
      const seen = new Set([w[0], w.at(-1)]);
      return w.filter((word, i) => {
        if (i === 0 || i === w.length - 1) return true;
        if (seen.has(word)) return false;
        seen.add(word);
        return true;
      });
    },
  ];
  /** Then the longest word between the first two (namespace, verb) and the last (the object) goes, one at a time; the rightmost of equals. */
  const dropLongest = (w: string[]): string[] | undefined => {
    let at = -1;
    for (let i = 2; i < w.length - 1; i++) if (at < 0 || w[i]!.length >= w[at]!.length) at = i;
    return at < 0 ? undefined : [...w.slice(0, at), ...w.slice(at + 1)];
  };
  if (!forceHash) {
    for (const step of steps) {
      words = step(words);
      const candidate = words.join('_');
      if (candidate.length <= max) return { name: candidate, shortened: true };
    }
    for (let fewer = dropLongest(words); fewer; fewer = dropLongest(fewer)) {
      if (fewer.join('_').length <= max) return { name: fewer.join('_'), shortened: true };
    }
  }
  const suffix = `_${createHash('sha256').update(key).digest('hex').slice(0, 6)}`;
  const room = max - suffix.length;
  const joined = words.join('_');
  let head = joined.slice(0, room);
  const boundary = head.lastIndexOf('_');
  if (joined.length > room && joined[room] !== '_' && boundary >= room / 2) head = head.slice(0, boundary);
  return { name: `${head.replace(/_+$/, '')}${suffix}`, shortened: true };
}

/**
 * An argument name for a wire name: kept when it is already an identifier
 * (`per_page`, `owner`, `camelCase`); otherwise runs of other characters
 * become `_` (`enterprise-team` → `enterprise_team`, `X-Request-Id` →
 * `X_Request_Id`, `fields[]` → `fields`).
 */
export function argName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  const out = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (out === '') return 'arg';
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** Hands out unique names: a name already taken gets `_2`, `_3`… */
export class UniqueNames {
  private readonly taken = new Set<string>();

  take(name: string): string {
    let candidate = name;
    for (let i = 2; this.taken.has(candidate); i++) candidate = `${name}_${i}`;
    this.taken.add(candidate);
    return candidate;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}
