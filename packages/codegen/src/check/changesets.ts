/**
 * Pending changesets: the version bump the `.changeset/*.md` files of a
 * project already ask for, so `toolwright check` can tell whether a breaking
 * surface change is covered by a major bump.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type BumpType = 'major' | 'minor' | 'patch';

const RANK: Record<BumpType | 'none', number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** A changeset file that cannot be read as changesets reads it. */
export class ChangesetError extends Error {
  override readonly name = 'ChangesetError';
  constructor(
    message: string,
    /** The changeset file, relative to the project root. */
    readonly file: string,
  ) {
    super(message);
  }
}

/**
 * The largest bump that pending changesets give `packageName`, or undefined
 * when none names it. A package in a `fixed` group of `.changeset/config.json`
 * gets the largest bump of any package in its group, as changesets releases it.
 * Throws a {@link ChangesetError} for a changeset whose front matter is not valid.
 *
 * @example
 * if (pendingBump(process.cwd(), '@acme/tools') !== 'major') console.error('run npx changeset and choose major');
 */
export function pendingBump(projectRoot: string, packageName: string): BumpType | undefined {
  const dir = join(projectRoot, '.changeset');
  if (!existsSync(dir)) return undefined;
  const group = new Set([packageName, ...fixedGroupOf(dir, packageName)]);
  let best: BumpType | 'none' = 'none';
  for (const file of readdirSync(dir).sort()) {
    // changesets itself skips README.md; every other Markdown file is a changeset.
    if (!file.endsWith('.md') || file.toLowerCase() === 'readme.md') continue;
    for (const [name, bump] of readReleases(join(dir, file), `.changeset/${file}`)) {
      if (group.has(name) && RANK[bump] > RANK[best]) best = bump;
    }
  }
  return best === 'none' ? undefined : best;
}

/** The packages and bumps one changeset file names in its front matter (`'pkg': major`). */
function readReleases(path: string, shown: string): [string, BumpType | 'none'][] {
  const text = readFileSync(path, 'utf8');
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)^---[ \t]*\r?$/m.exec(text);
  if (match?.index !== 0) {
    throw new ChangesetError(`${shown} has no front matter: it must start with ---, list "package-name": major|minor|patch lines, and close with ---.`, shown);
  }
  let data: unknown;
  try {
    data = parse(match[1] ?? '');
  } catch (error) {
    throw new ChangesetError(`${shown} has invalid YAML front matter: ${error instanceof Error ? error.message : String(error)}`, shown);
  }
  // An empty changeset (`---\n---`) releases nothing.
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ChangesetError(`${shown}: the front matter must map package names to bumps, e.g. "@acme/tools": major.`, shown);
  }
  return Object.entries(data as Record<string, unknown>).map(([name, bump]) => {
    if (bump !== 'major' && bump !== 'minor' && bump !== 'patch' && bump !== 'none') {
      throw new ChangesetError(`${shown}: "${name}" has bump ${JSON.stringify(bump)}; write major, minor or patch.`, shown);
    }
    return [name, bump];
  });
}

/** The other packages in `packageName`'s fixed group, if config.json has one (exact names; glob patterns are not expanded). */
function fixedGroupOf(dir: string, packageName: string): string[] {
  const configPath = join(dir, 'config.json');
  if (!existsSync(configPath)) return [];
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (error) {
    throw new ChangesetError(`.changeset/config.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, '.changeset/config.json');
  }
  const fixed = (config as { fixed?: unknown } | null)?.fixed;
  if (!Array.isArray(fixed)) return [];
  const group = fixed.find((names): names is string[] => Array.isArray(names) && names.includes(packageName));
  return group ? group.filter((name) => typeof name === 'string' && name !== packageName) : [];
}
