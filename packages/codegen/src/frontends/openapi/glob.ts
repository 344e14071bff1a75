/**
 * operationId globs for `include`, `exclude` and toolsets: `*` matches any
 * run of characters (`/` included: `issues/*`, `*-page`), `?` one character,
 * everything else itself. Hand-written (a dozen lines) because path-glob
 * libraries give `/` a meaning operationIds do not have.
 */
export function globToRegExp(glob: string): RegExp {
  const source = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's');
}

/** True when `glob` has no wildcard: it names one operation exactly. */
export function isLiteral(glob: string): boolean {
  return !/[*?]/.test(glob);
}

export class GlobSet {
  private readonly patterns: { glob: string; re: RegExp }[];

  constructor(globs: readonly string[] | undefined) {
    this.patterns = (globs ?? []).map((glob) => ({ glob, re: globToRegExp(glob) }));
  }

  get size(): number {
    return this.patterns.length;
  }

  matches(key: string): boolean {
    return this.patterns.some((p) => p.re.test(key));
  }

  /** Globs that match none of `keys`. */
  unmatched(keys: readonly string[]): string[] {
    return this.patterns.filter((p) => !keys.some((key) => p.re.test(key))).map((p) => p.glob);
  }
}
