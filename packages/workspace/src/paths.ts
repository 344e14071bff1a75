/**
 * Path confinement for the workspace server. Every path an argument names is
 * resolved here, and nothing outside the root is ever opened.
 *
 * The known escapes of file-system MCP servers, and what stops each:
 * - `..` segments and absolute paths: refused before resolution, and the
 *   resolved path is checked with `path.relative` (never `startsWith`, which
 *   lets `/root-evil` pass as inside `/root`).
 * - symlinks that leave the root: the real path (`fs.realpath`) of the target,
 *   or of its nearest existing ancestor for a path that does not exist yet,
 *   must be inside the real path of the root.
 * - NUL bytes and other control characters: refused.
 */
import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { NotFoundError, PermissionError, ValidationError } from '@toolwright/runtime';

/** The workspace root: `WORKSPACE_ROOT`, default the current directory; read at call time. */
export async function workspaceRoot(): Promise<string> {
  const configured = process.env.WORKSPACE_ROOT || process.cwd();
  try {
    return await realpath(resolve(configured));
  } catch {
    throw new NotFoundError(`The workspace root "${configured}" does not exist. Set WORKSPACE_ROOT to an existing folder.`);
  }
}

export interface ResolvedPath {
  /** Absolute real path on disk. */
  absolute: string;
  /** Path relative to the root, with `/` separators (what results show). */
  relative: string;
  root: string;
}

/**
 * Resolves a user-supplied path inside the root, or throws a PermissionError
 * that says what to send instead.
 */
export async function resolveInside(userPath: string, options: { mustExist?: boolean } = {}): Promise<ResolvedPath> {
  const root = await workspaceRoot();
  if (typeof userPath !== 'string' || userPath.length === 0)
    throw new ValidationError('path must be a non-empty path relative to the workspace root, e.g. "src/index.ts".');
  if (/[\u0000-\u001f]/.test(userPath)) throw new ValidationError(`path contains control characters; send a plain relative path.`);
  if (isAbsolute(userPath) || /^[A-Za-z]:[\\/]/.test(userPath) || userPath.startsWith('\\\\')) {
    throw new PermissionError(`"${userPath}" is an absolute path. Paths are relative to the workspace root, e.g. "docs/readme.md".`);
  }
  const segments = userPath.split(/[\\/]+/);
  if (segments.includes('..')) throw new PermissionError(`"${userPath}" uses "..", which could leave the workspace. Send a path inside the workspace root.`);
  const lexical = resolve(root, userPath);
  if (!isWithin(root, lexical)) throw new PermissionError(`"${userPath}" is outside the workspace root.`);

  // Follow symlinks: the real location must stay inside the root too.
  let existing = lexical;
  let missing = '';
  for (;;) {
    try {
      await lstat(existing);
      break;
    } catch {
      if (existing === root) break;
      const parent = resolve(existing, '..');
      missing = missing ? join(relative(parent, existing), missing) : relative(parent, existing);
      existing = parent;
    }
  }
  if (options.mustExist && missing)
    throw new NotFoundError(`"${userPath}" does not exist in the workspace. List a folder with list_directory to see what is there.`);
  let real: string;
  try {
    real = await realpath(existing);
  } catch {
    // A dangling symlink: refuse rather than guess where it points.
    throw new PermissionError(`"${userPath}" goes through a broken symbolic link.`);
  }
  if (!isWithin(root, real)) throw new PermissionError(`"${userPath}" resolves through a symbolic link to a place outside the workspace root.`);
  const absolute = missing ? join(real, missing) : real;
  return { absolute, relative: toPosix(relative(root, absolute)) || '.', root };
}

/** True when `target` is `root` or inside it (no prefix tricks). */
export function isWithin(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function toPosix(path: string): string {
  return path.split(sep).join('/');
}
