/**
 * `toolwright check --against <git-ref|manifest-file>`: compares each
 * generated server's manifest (`tools.json`) with an earlier one and fails
 * when a breaking surface change has no major changeset to go with it.
 * The comparison and the changeset reading are in @toolwright/codegen; this
 * file finds the files, runs git, prints, and sets the exit code.
 */
import { execFile } from 'node:child_process';
import { type Dirent, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import {
  type BumpType,
  ChangesetError,
  compareManifests,
  type Manifest,
  pendingBump,
  type SurfaceChange,
  type SurfaceChangeKind,
  type SurfaceSummary,
  summarize,
} from '@toolwright/codegen';

const run = promisify(execFile);

export interface CheckFlags {
  /** A git revision (branch, tag, commit) or a manifest file to compare against. */
  against?: string;
  /** The current manifest; default: every generated/<server>/tools.json under the current directory. */
  manifest?: string;
  /** The package whose pending changesets must carry a major bump; default: the package the server's source belongs to. */
  package?: string;
  json?: boolean;
}

/** Exit codes: 0 fine, 1 breaking changes without a major changeset, 2 the command could not run as asked. */
export const CHECK_EXIT = { ok: 0, breaking: 1, usage: 2 } as const;

/** A problem with the arguments or the files they name: exit code 2. */
class CheckUsageError extends Error {}

export interface ServerCheck {
  /** The current manifest, relative to the current directory (POSIX). */
  manifest: string;
  server: string;
  /** What it was compared with: a file, or `<ref>:<path>`. */
  against: string;
  /** `new`: absent in the earlier version; `removed`: absent now. */
  status: 'changed' | 'new' | 'removed';
  package?: string;
  pendingBump?: BumpType;
  changes: SurfaceChange[];
  summary: SurfaceSummary;
  /** False when it has breaking changes and no pending major bump. */
  ok: boolean;
}

/** `toolwright check`: prints the surface changes of every server and sets the exit code. */
export async function checkCommand(flags: CheckFlags): Promise<void> {
  let checks: ServerCheck[];
  try {
    checks = await runCheck(flags, process.cwd());
  } catch (error) {
    if (!(error instanceof CheckUsageError || error instanceof ChangesetError)) throw error;
    process.stderr.write(`toolwright check: ${error.message}\n`);
    process.exitCode = CHECK_EXIT.usage;
    return;
  }
  const ok = checks.every((c) => c.ok);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ok, servers: checks }, null, 2)}\n`);
  } else {
    process.stdout.write(checks.map(formatCheck).join('\n'));
  }
  for (const check of checks.filter((c) => !c.ok)) process.stderr.write(`toolwright check: ${missingChangesetMessage(check)}\n`);
  process.exitCode = ok ? CHECK_EXIT.ok : CHECK_EXIT.breaking;
}

/** Compares every current manifest with its earlier version; throws CheckUsageError for anything that stops the comparison. */
export async function runCheck(flags: CheckFlags, root: string): Promise<ServerCheck[]> {
  const against = flags.against?.trim();
  if (!against) throw new CheckUsageError('--against is required: a git revision (e.g. main, HEAD~1, v1.2.0) or an earlier tools.json.');
  const current = findCurrent(flags.manifest, root);
  const pairs: { path: string; now?: Manifest; before?: Manifest; against: string }[] = [];

  const againstFile = resolve(root, against);
  if (existsSync(againstFile) && statSync(againstFile).isFile()) {
    const before = readManifest(againstFile, against);
    const match = current.length === 1 ? current[0] : current.find((c) => c.manifest.server?.name === before.server?.name);
    if (!match) {
      throw new CheckUsageError(
        `${against} describes server "${before.server?.name}", and no current manifest does (found: ${current.map((c) => show(root, c.path)).join(', ')}). Pass --manifest <path to its tools.json>.`,
      );
    }
    pairs.push({ path: match.path, now: match.manifest, before, against });
  } else {
    const commit = await resolveRevision(against, root);
    for (const { path, manifest } of current) {
      const text = await readAtRevision(commit, dirname(path), basename(path));
      const shown = `${against}:${show(root, path)}`;
      pairs.push({ path, now: manifest, against: shown, ...(text === undefined ? {} : { before: parseManifest(text, shown) }) });
    }
    // A whole server whose manifest is gone removes every tool it had (only when scanning, not for one --manifest).
    if (!flags.manifest) {
      const known = new Set(current.map((c) => c.path));
      for (const rel of await manifestsAtRevision(commit, root)) {
        const path = resolve(root, rel);
        if (known.has(path)) continue;
        const shown = `${against}:${rel}`;
        pairs.push({ path, before: parseManifest((await readAtRevision(commit, root, rel)) ?? '', shown), against: shown });
      }
    }
  }

  return pairs.map(({ path, now, before, against: shownAgainst }) => {
    const reference = (now ?? before)!;
    const status: ServerCheck['status'] = !before ? 'new' : !now ? 'removed' : 'changed';
    const server = reference.server?.name ?? basename(dirname(path));
    const changes = compareManifests(before ?? emptyManifest(reference), now ?? emptyManifest(reference));
    if (status === 'new') changes.unshift({ kind: 'additive', subject: `server ${server}`, message: `New server ${server} (not in ${against}).` });
    if (status === 'removed') {
      changes.unshift({ kind: 'breaking', subject: `server ${server}`, message: `Server ${server} was removed: its manifest ${show(root, path)} is gone.` });
    }
    const summary = summarize(changes);
    const packageName = flags.package ?? packageOf(reference, path, root);
    const bump = packageName ? pendingBump(root, packageName) : undefined;
    return {
      manifest: show(root, path),
      server,
      against: shownAgainst,
      status,
      ...(packageName ? { package: packageName } : {}),
      ...(bump ? { pendingBump: bump } : {}),
      changes,
      summary,
      ok: summary.breaking === 0 || bump === 'major',
    };
  });
}

// ---------------------------------------------------------------------------
// Manifests on disk

interface CurrentManifest {
  path: string;
  manifest: Manifest;
}

function findCurrent(manifestFlag: string | undefined, root: string): CurrentManifest[] {
  if (manifestFlag) {
    const path = resolve(root, manifestFlag);
    if (!existsSync(path) || !statSync(path).isFile()) throw new CheckUsageError(`--manifest ${manifestFlag}: no such file.`);
    return [{ path, manifest: readManifest(path, manifestFlag) }];
  }
  const paths = findManifests(root);
  if (paths.length === 0) {
    throw new CheckUsageError(`No generated/<server>/tools.json under ${root}: run npx toolwright build first, or pass --manifest <path to tools.json>.`);
  }
  return paths.map((path) => ({ path, manifest: readManifest(path, show(root, path)) }));
}

/** Every `generated/<server>/tools.json` below `root`, skipping node_modules and dot-folders. */
function findManifests(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.name === 'generated') {
        for (const server of readdirSync(full, { withFileTypes: true })) {
          const manifest = join(full, server.name, 'tools.json');
          if (server.isDirectory() && existsSync(manifest)) found.push(manifest);
        }
      }
      walk(full);
    }
  };
  walk(root);
  return [...new Set(found)].sort();
}

function readManifest(path: string, shown: string): Manifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CheckUsageError(`Cannot read ${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseManifest(text, shown);
}

function parseManifest(text: string, shown: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CheckUsageError(
      `${shown} is not valid JSON (${error instanceof Error ? error.message : String(error)}); expected a tools.json written by toolwright build.`,
    );
  }
  const manifest = value as Partial<Manifest> | null;
  if (!manifest || typeof manifest !== 'object' || !Array.isArray(manifest.tools)) {
    throw new CheckUsageError(`${shown} is not a Toolwright manifest: expected a tools.json written by toolwright build, with a "tools" array.`);
  }
  return { resources: [], prompts: [], toolsets: [], env: [], ...manifest } as Manifest;
}

function emptyManifest(like: Manifest): Manifest {
  return { ...like, tools: [], resources: [], prompts: [], toolsets: [], env: [] };
}

/**
 * The package a server belongs to: the nearest package.json above its source
 * (the config file or the OpenAPI spec named in the manifest), else the
 * project's own package.json. The source path is relative to the server's
 * project, which may be a sub-folder (packages/workspace) writing to
 * ../../generated/<name>: that folder is found through the registration
 * module next to the manifest, which imports the tool functions.
 */
function packageOf(manifest: Manifest, manifestPath: string, root: string): string | undefined {
  const origin = manifest.server?.origin;
  const source = origin?.kind === 'functions' ? origin.config : origin?.kind === 'openapi' ? origin.spec : undefined;
  const projects = [projectRootOf(manifest, manifestPath), root].filter((p): p is string => p !== undefined);
  const sourceDir = source ? projects.map((project) => resolve(project, source)).find((file) => existsSync(file)) : undefined;
  for (const start of [...(sourceDir ? [dirname(sourceDir)] : []), ...projects]) {
    const name = nearestPackageName(start, root);
    if (name) return name;
  }
  return undefined;
}

/**
 * The project folder of a function-backed server: server.gen.ts beside the
 * manifest imports each tool module by a path relative to itself, and the
 * manifest names the same module relative to the project (binding.module).
 */
function projectRootOf(manifest: Manifest, manifestPath: string): string | undefined {
  const registration = join(dirname(manifestPath), 'server.gen.ts');
  if (!existsSync(registration)) return undefined;
  const withoutExtension = (path: string) => path.replace(/\.[cm]?[jt]sx?$/, '');
  const modules = [...(manifest.tools ?? []), ...(manifest.resources ?? []), ...(manifest.prompts ?? [])]
    .map((item) => item.binding)
    .filter((binding) => binding?.kind === 'function')
    .map((binding) => withoutExtension(binding.module));
  for (const [, specifier] of readFileSync(registration, 'utf8').matchAll(/from\s+["'](\.\.?\/[^"']+)["']/g)) {
    const target = withoutExtension(resolve(dirname(registration), specifier!));
    for (const module of modules) {
      const suffix = `${sep}${module.split('/').join(sep)}`;
      if (target.endsWith(suffix)) return target.slice(0, -suffix.length);
    }
  }
  return undefined;
}

function nearestPackageName(start: string, root: string): string | undefined {
  let dir = start;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
        if (typeof name === 'string' && name !== '') return name;
      } catch {
        // An unreadable package.json names nothing; keep looking further up.
      }
    }
    const parent = dirname(dir);
    // Stop at the project root (when started inside it) or at the top of the file system.
    if (dir === root || parent === dir) return undefined;
    dir = parent;
  }
}

// ---------------------------------------------------------------------------
// git

async function git(args: string[], cwd: string): Promise<{ ok: true; stdout: string } | { ok: false; stderr: string }> {
  try {
    const { stdout } = await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    return { ok: true, stdout };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') return { ok: false, stderr: 'git is not installed or not on PATH' };
    return { ok: false, stderr: (failure.stderr ?? failure.message).trim() };
  }
}

async function resolveRevision(ref: string, root: string): Promise<string> {
  if (ref.startsWith('-')) throw new CheckUsageError(`--against ${ref}: not a file, and a git revision cannot start with "-".`);
  const result = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (!result.ok || result.stdout.trim() === '') {
    const why = result.ok ? '' : result.stderr ? ` (${result.stderr.split('\n')[0]})` : '';
    throw new CheckUsageError(
      `--against ${ref} is neither a file nor a git revision known here${why}. Pass a branch, tag or commit (e.g. main, HEAD~1, v1.2.0) or the path of an earlier tools.json.`,
    );
  }
  return result.stdout.trim();
}

/**
 * A file's contents at a commit, or undefined when it did not exist there.
 * `file` is relative to `cwd` (git's `<rev>:./<path>` form), so no repository-root arithmetic is needed.
 */
async function readAtRevision(commit: string, cwd: string, file: string): Promise<string | undefined> {
  const object = await git(['rev-parse', '--verify', '--quiet', `${commit}:./${file}`], cwd);
  if (!object.ok || object.stdout.trim() === '') return undefined;
  const blob = await git(['cat-file', 'blob', object.stdout.trim()], cwd);
  if (!blob.ok) throw new CheckUsageError(`Cannot read ${file} at ${commit.slice(0, 12)}: ${blob.stderr}`);
  return blob.stdout;
}

/** Manifest paths (relative to root, POSIX) in the commit's tree below root. */
async function manifestsAtRevision(commit: string, root: string): Promise<string[]> {
  const tree = await git(['ls-tree', '-r', '--name-only', '-z', commit], root);
  if (!tree.ok) throw new CheckUsageError(`Cannot list the files of ${commit.slice(0, 12)}: ${tree.stderr}`);
  return tree.stdout
    .split('\0')
    .filter((p) => /(^|\/)generated\/[^/]+\/tools\.json$/.test(p) && !p.split('/').some((part) => part === 'node_modules' || part.startsWith('.')))
    .sort();
}

// ---------------------------------------------------------------------------
// Output

const HEADINGS: Record<SurfaceChangeKind, string> = { breaking: 'Breaking changes', additive: 'Additive changes', description: 'Description-only changes' };

function formatCheck(check: ServerCheck): string {
  const lines = [`${check.server} (${check.manifest}) against ${check.against}:`];
  for (const kind of ['breaking', 'additive', 'description'] as const) {
    const changes = check.changes.filter((c) => c.kind === kind);
    if (changes.length === 0) continue;
    lines.push(`  ${HEADINGS[kind]} (${changes.length}):`);
    for (const change of changes) lines.push(`    - ${change.subject}: ${change.message}`);
  }
  if (check.changes.length === 0) lines.push('  No changes to the tool surface.');
  const { breaking, additive, description, level } = check.summary;
  const needs = level === 'none' ? 'no release needed' : `needs a ${level} release`;
  const pending = check.package ? `; pending changesets for ${check.package}: ${check.pendingBump ?? 'none'}` : '';
  lines.push(`  Summary: ${breaking} breaking, ${additive} additive, ${description} description-only: ${needs}${pending}.`);
  return `${lines.join('\n')}\n`;
}

function missingChangesetMessage(check: ServerCheck): string {
  const count = `${check.summary.breaking} breaking change${check.summary.breaking === 1 ? '' : 's'}`;
  if (!check.package) {
    return `${check.server} has ${count} and no package to check changesets for. Pass --package <name>, then add a changeset with a major bump for it (npx changeset).`;
  }
  return [
    `${check.server} has ${count}, but the pending changesets give ${check.package} ${check.pendingBump ?? 'no bump'}, not major.`,
    `Add a changeset: run \`npx changeset\`, select ${check.package}, choose a major bump, and describe the breaking changes for users;`,
    `or write .changeset/<name>.md containing:\n---\n${JSON.stringify(check.package)}: major\n---\n\n<what changed and what users must do>`,
  ].join('\n');
}

/** A path relative to the root with POSIX separators, for messages. */
function show(root: string, path: string): string {
  return relative(root, path).split(sep).join('/') || '.';
}
