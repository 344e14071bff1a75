/**
 * The workspace server: file-system tools confined to one root folder
 * (`WORKSPACE_ROOT`, default the current directory), written as plain typed
 * functions. `npx toolwright build` turns them into an MCP server in
 * generated/workspace; `npx toolwright serve workspace` serves it.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, readFile as readFileBytes, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ToolError, ValidationError } from '@toolwright/runtime';
import { resolveInside, toPosix } from './paths.js';

/** Largest file read_file returns, in bytes. */
const MAX_READ_BYTES = 1024 * 1024;
/** Largest file search_files looks inside, in bytes. */
const MAX_SEARCH_BYTES = 512 * 1024;

export interface FileContent {
  /** Path relative to the workspace root. */
  path: string;
  /** The file's text (UTF-8). */
  content: string;
  /** Size in bytes. */
  size: number;
}

export interface WriteResult {
  /** Path relative to the workspace root. */
  path: string;
  /** Size in bytes after the write. */
  size: number;
  /** Whether the file existed before. */
  created: boolean;
}

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface DirectoryEntry {
  /** Path relative to the workspace root. */
  path: string;
  type: EntryType;
  /** Size in bytes (files only). */
  size?: number;
}

export interface DirectoryListing {
  /** The folder listed, relative to the workspace root. */
  path: string;
  entries: DirectoryEntry[];
  /** True when more entries exist than were returned. */
  truncated: boolean;
}

export interface SearchMatch {
  /** File path relative to the workspace root. */
  path: string;
  /** 1-based line number. */
  line: number;
  /** The matching line, trimmed to 200 characters. */
  text: string;
}

export interface SearchResult {
  matches: SearchMatch[];
  /** Files whose contents were searched. */
  filesSearched: number;
  /** True when the search stopped at maxResults. */
  truncated: boolean;
}

export interface FileInfo {
  /** Path relative to the workspace root. */
  path: string;
  type: EntryType;
  /** Size in bytes. */
  size: number;
  /** Last modification time. */
  modified: Date;
}

export interface MoveResult {
  from: string;
  to: string;
}

/**
 * Read a text file from the workspace. Use it to look at source code, notes or
 * configuration; binary files and files over 1 MiB are refused.
 *
 * @param path File path relative to the workspace root, e.g. "src/index.ts".
 * @returns The file's text and size.
 * @example read_file({ "path": "README.md" })
 * @readOnly
 * @idempotent
 */
export async function readFile(path: string): Promise<FileContent> {
  const target = await resolveInside(path, { mustExist: true });
  const info = await stat(target.absolute);
  if (!info.isFile())
    throw new ValidationError(`"${target.relative}" is a ${info.isDirectory() ? 'folder' : 'special file'}, not a file. Use list_directory for folders.`);
  if (info.size > MAX_READ_BYTES) {
    throw new ValidationError(
      `"${target.relative}" is ${info.size} bytes; read_file returns at most ${MAX_READ_BYTES}. Use search_files to find the lines you need.`,
    );
  }
  const bytes = await readFileBytes(target.absolute);
  const text = decodeText(bytes);
  if (text === undefined) throw new ValidationError(`"${target.relative}" is a binary file; read_file only returns text.`);
  return { path: target.relative, content: text, size: bytes.length };
}

/**
 * Create or replace a text file in the workspace. The write is atomic: the file
 * is either fully written or left as it was.
 *
 * @param path File path relative to the workspace root, e.g. "notes/todo.md".
 * @param content The complete new text of the file.
 * @param createDirectories Create missing parent folders (default false).
 * @destructive
 * @idempotent
 */
export async function writeFile(path: string, content: string, createDirectories = false): Promise<WriteResult> {
  const target = await resolveInside(path);
  const created = !(await exists(target.absolute));
  if (createDirectories) await mkdir(dirname(target.absolute), { recursive: true });
  await atomicWrite(target.absolute, content, target.relative);
  return { path: target.relative, size: Buffer.byteLength(content), created };
}

/**
 * Append text to the end of a file in the workspace, creating the file if it
 * does not exist. Atomic like write_file.
 *
 * @param path File path relative to the workspace root, e.g. "logs/notes.md".
 * @param content Text to add at the end (include a trailing newline if you want one).
 */
export async function appendFile(path: string, content: string): Promise<WriteResult> {
  const target = await resolveInside(path);
  const created = !(await exists(target.absolute));
  let before = '';
  if (!created) {
    const info = await stat(target.absolute);
    if (!info.isFile()) throw new ValidationError(`"${target.relative}" is not a file.`);
    if (info.size > MAX_READ_BYTES) throw new ValidationError(`"${target.relative}" is over ${MAX_READ_BYTES} bytes; append_file works on smaller files.`);
    const text = decodeText(await readFileBytes(target.absolute));
    if (text === undefined) throw new ValidationError(`"${target.relative}" is a binary file; append_file only appends to text files.`);
    before = text;
  }
  const next = before + content;
  await atomicWrite(target.absolute, next, target.relative);
  return { path: target.relative, size: Buffer.byteLength(next), created };
}

/**
 * List the files and folders in a workspace folder, sorted by path.
 *
 * @param path Folder relative to the workspace root; "." is the root itself.
 * @param recursive Also list the contents of sub-folders (default false).
 * @param limit Most entries to return, 1 to 1000 (default 200).
 * @readOnly
 * @idempotent
 */
export async function listDirectory(path = '.', recursive = false, limit = 200): Promise<DirectoryListing> {
  checkRange('limit', limit, 1, 1000);
  const target = await resolveInside(path, { mustExist: true });
  const info = await stat(target.absolute);
  if (!info.isDirectory()) throw new ValidationError(`"${target.relative}" is a file, not a folder. Use read_file or file_info for files.`);
  const entries: DirectoryEntry[] = [];
  let truncated = false;
  const walk = async (dir: string, rel: string): Promise<void> => {
    const items = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const item of items) {
      if (entries.length >= limit) {
        truncated = true;
        return;
      }
      const itemRel = rel === '.' ? item.name : `${rel}/${item.name}`;
      const type: EntryType = item.isSymbolicLink() ? 'symlink' : item.isDirectory() ? 'directory' : item.isFile() ? 'file' : 'other';
      const entry: DirectoryEntry = { path: itemRel, type };
      if (type === 'file') entry.size = (await stat(join(dir, item.name))).size;
      entries.push(entry);
      // Never descend through symlinks: they may lead out of the workspace.
      if (recursive && type === 'directory') await walk(join(dir, item.name), itemRel);
    }
  };
  await walk(target.absolute, target.relative);
  return { path: target.relative, entries, truncated };
}

/**
 * Search the text of workspace files for a plain substring (case-insensitive)
 * and return matching lines. Skips binary files, files over 512 KiB, and
 * node_modules and .git folders.
 *
 * @param query Text to look for, e.g. "TODO".
 * @param path Folder to search in, relative to the workspace root (default ".").
 * @param maxResults Most matching lines to return, 1 to 500 (default 50).
 * @readOnly
 * @idempotent
 */
export async function searchFiles(query: string, path = '.', maxResults = 50): Promise<SearchResult> {
  if (query.trim() === '') throw new ValidationError('query must contain some text to search for, e.g. "TODO".');
  checkRange('maxResults', maxResults, 1, 500);
  const target = await resolveInside(path, { mustExist: true });
  const needle = query.toLowerCase();
  const matches: SearchMatch[] = [];
  let filesSearched = 0;
  let truncated = false;
  const visit = async (dir: string, rel: string): Promise<void> => {
    const items = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const item of items) {
      if (truncated) return;
      const itemRel = rel === '.' ? item.name : `${rel}/${item.name}`;
      const full = join(dir, item.name);
      if (item.isDirectory()) {
        if (item.name !== 'node_modules' && item.name !== '.git') await visit(full, itemRel);
        continue;
      }
      if (!item.isFile()) continue;
      if ((await stat(full)).size > MAX_SEARCH_BYTES) continue;
      const text = decodeText(await readFileBytes(full));
      if (text === undefined) continue;
      filesSearched++;
      const lines = text.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        if (!line.toLowerCase().includes(needle)) continue;
        if (matches.length >= maxResults) {
          truncated = true;
          return;
        }
        matches.push({ path: itemRel, line: i + 1, text: line.trim().slice(0, 200) });
      }
    }
  };
  const info = await stat(target.absolute);
  if (info.isFile()) {
    await visit(dirname(target.absolute), toPosix(dirname(target.relative)));
  } else {
    await visit(target.absolute, target.relative);
  }
  return { matches, filesSearched, truncated };
}

/**
 * Get the type, size and modification time of a file or folder.
 *
 * @param path Path relative to the workspace root.
 * @readOnly
 * @idempotent
 */
export async function fileInfo(path: string): Promise<FileInfo> {
  const target = await resolveInside(path, { mustExist: true });
  const info = await stat(target.absolute);
  const type: EntryType = info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
  return { path: target.relative, type, size: info.size, modified: info.mtime };
}

/**
 * Move or rename a file or folder inside the workspace. Refuses to replace an
 * existing destination unless overwrite is true.
 *
 * @param source Current path, relative to the workspace root.
 * @param destination New path, relative to the workspace root.
 * @param overwrite Replace an existing file at the destination (default false).
 * @destructive
 */
export async function moveFile(source: string, destination: string, overwrite = false): Promise<MoveResult> {
  const from = await resolveInside(source, { mustExist: true });
  const to = await resolveInside(destination);
  if (from.relative === '.') throw new ValidationError('The workspace root itself cannot be moved.');
  if (await exists(to.absolute)) {
    if (!overwrite) throw new ToolError('conflict', `"${to.relative}" already exists. Pass overwrite: true to replace it, or choose another destination.`);
    if ((await stat(to.absolute)).isDirectory()) throw new ToolError('conflict', `"${to.relative}" is a folder; it is never replaced.`);
  }
  await mkdir(dirname(to.absolute), { recursive: true });
  await rename(from.absolute, to.absolute);
  return { from: from.relative, to: to.relative };
}

/**
 * Create a folder (and any missing parents) in the workspace. Succeeds if it already exists.
 *
 * @param path Folder path relative to the workspace root, e.g. "docs/guides".
 * @idempotent
 */
export async function makeDirectory(path: string): Promise<DirectoryEntry> {
  const target = await resolveInside(path);
  if ((await exists(target.absolute)) && !(await stat(target.absolute)).isDirectory()) {
    throw new ToolError('conflict', `"${target.relative}" exists and is a file.`);
  }
  await mkdir(target.absolute, { recursive: true });
  return { path: target.relative, type: 'directory' };
}

/** UTF-8 text, or undefined for binary content (NUL bytes or invalid UTF-8). */
function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Write to a temporary file beside the target, flush it to disk, then rename over the target. */
async function atomicWrite(absolute: string, content: string, shown: string): Promise<void> {
  if ((await exists(absolute)) && !(await stat(absolute)).isFile()) throw new ValidationError(`"${shown}" is a folder; choose a file path.`);
  const temp = join(dirname(absolute), `.${basename(absolute)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, absolute);
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new ValidationError(`A parent of "${shown}" is a file, not a folder.`);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ValidationError(`The folder of "${shown}" does not exist. Pass createDirectories: true, or call make_directory first.`);
    }
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(`${name} must be an integer from ${min} to ${max}; got ${value}.`);
}
