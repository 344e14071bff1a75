import { readFile as fsReadFile, writeFile as fsWriteFile, mkdir, mkdtemp, readdir, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendFile, fileInfo, listDirectory, makeDirectory, moveFile, readFile, searchFiles, writeFile } from '../src/tools.js';

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'tw-workspace-')));
  root = join(base, 'root');
  outside = join(base, 'root-evil');
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(outside);
  await fsWriteFile(join(root, 'README.md'), '# Hello\nTODO: write docs\n');
  await fsWriteFile(join(root, 'src', 'index.ts'), 'export const x = 1; // todo later\n');
  await fsWriteFile(join(outside, 'secret.txt'), 'TOP SECRET');
  await fsWriteFile(join(base, 'sibling.txt'), 'sibling secret');
  vi.stubEnv('WORKSPACE_ROOT', root);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(base, { recursive: true, force: true });
});

describe('path confinement', () => {
  const escapes: [string, () => Promise<unknown>][] = [
    ['.. segments', () => readFile('../sibling.txt')],
    ['nested .. segments', () => readFile('src/../../sibling.txt')],
    ['backslash .. segments', () => readFile('src\\..\\..\\sibling.txt')],
    ['an absolute path', () => readFile('/etc/passwd')],
    ['an absolute path to the sibling folder (prefix trick)', () => readFile(join(base, 'root-evil', 'secret.txt'))],
    ['a NUL byte', () => readFile('README.md\u0000.txt')],
    ['writing through ..', () => writeFile('../pwned.txt', 'x')],
    ['moving a file out', () => moveFile('README.md', '../moved.md')],
    ['moving a file in from outside', () => moveFile('../sibling.txt', 'stolen.txt')],
    ['listing the parent', () => listDirectory('..')],
    ['searching the parent', () => searchFiles('secret', '..')],
  ];
  it.each(escapes)('refuses %s', async (_name, attempt) => {
    await expect(attempt()).rejects.toMatchObject({ code: expect.stringMatching(/permission_denied|invalid_arguments/) });
    expect(await readdir(base)).toEqual(['root', 'root-evil', 'sibling.txt']);
  });

  it('refuses a symlink that points outside the root, for reads and writes', async () => {
    await symlink(outside, join(root, 'link'));
    await expect(readFile('link/secret.txt')).rejects.toMatchObject({ code: 'permission_denied', message: expect.stringContaining('symbolic link') });
    await expect(writeFile('link/new.txt', 'x')).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(readdir(outside)).resolves.toEqual(['secret.txt']);
  });

  it('refuses a file symlink that points outside the root', async () => {
    await symlink(join(outside, 'secret.txt'), join(root, 'innocent.txt'));
    await expect(readFile('innocent.txt')).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(writeFile('innocent.txt', 'overwrite')).rejects.toMatchObject({ code: 'permission_denied' });
    expect(await fsReadFile(join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET');
  });

  it('follows a symlink that stays inside the root', async () => {
    await symlink(join(root, 'src'), join(root, 'code'));
    await expect(readFile('code/index.ts')).resolves.toMatchObject({ path: 'src/index.ts' });
  });

  it('treats a root given with a trailing slash or through a symlink the same', async () => {
    await symlink(root, join(base, 'root-link'));
    vi.stubEnv('WORKSPACE_ROOT', join(base, 'root-link') + '/');
    await expect(readFile('README.md')).resolves.toMatchObject({ path: 'README.md' });
    await expect(readFile('../root-evil/secret.txt')).rejects.toMatchObject({ code: 'permission_denied' });
  });
});

describe('reading', () => {
  it('reads text with its size', async () => {
    await expect(readFile('README.md')).resolves.toEqual({ path: 'README.md', content: '# Hello\nTODO: write docs\n', size: 25 });
  });
  it('refuses binary files', async () => {
    await fsWriteFile(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await expect(readFile('image.png')).rejects.toMatchObject({ code: 'invalid_arguments', message: expect.stringContaining('binary') });
  });
  it('refuses files over 1 MiB', async () => {
    await fsWriteFile(join(root, 'big.txt'), 'a'.repeat(1024 * 1024 + 1));
    await expect(readFile('big.txt')).rejects.toMatchObject({ code: 'invalid_arguments', message: expect.stringContaining('at most') });
  });
  it('says a missing file is missing', async () => {
    await expect(readFile('nope.txt')).rejects.toMatchObject({ code: 'not_found' });
  });
  it('refuses to read a folder as a file', async () => {
    await expect(readFile('src')).rejects.toMatchObject({ code: 'invalid_arguments' });
  });
});

describe('writing', () => {
  it('creates and replaces files, reporting which', async () => {
    await expect(writeFile('notes.md', 'one')).resolves.toEqual({ path: 'notes.md', size: 3, created: true });
    await expect(writeFile('notes.md', 'two!')).resolves.toEqual({ path: 'notes.md', size: 4, created: false });
    expect(await fsReadFile(join(root, 'notes.md'), 'utf8')).toBe('two!');
  });
  it('needs createDirectories for a missing folder, and leaves no temporary file behind', async () => {
    await expect(writeFile('a/b/c.txt', 'x')).rejects.toMatchObject({ code: 'invalid_arguments', message: expect.stringContaining('createDirectories') });
    await expect(writeFile('a/b/c.txt', 'x', true)).resolves.toMatchObject({ path: 'a/b/c.txt' });
    expect(await readdir(join(root, 'a', 'b'))).toEqual(['c.txt']);
  });
  it('keeps the old content when a write fails', async () => {
    await mkdir(join(root, 'dir.txt'));
    await expect(writeFile('dir.txt', 'x')).rejects.toMatchObject({ code: 'invalid_arguments' });
    await expect(writeFile('README.md/child', 'x')).rejects.toMatchObject({ code: 'invalid_arguments', message: expect.stringContaining('is a file') });
    expect(await fsReadFile(join(root, 'README.md'), 'utf8')).toBe('# Hello\nTODO: write docs\n');
    expect((await readdir(root)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
  it('appends, creating the file when needed', async () => {
    await appendFile('log.txt', 'a\n');
    await expect(appendFile('log.txt', 'b\n')).resolves.toEqual({ path: 'log.txt', size: 4, created: false });
    expect(await fsReadFile(join(root, 'log.txt'), 'utf8')).toBe('a\nb\n');
  });
});

describe('listing, searching, info, moving', () => {
  it('lists sorted entries, recursively on request, with a limit', async () => {
    const flat = await listDirectory('.');
    expect(flat.entries.map((e) => e.path)).toEqual(['README.md', 'src']);
    const deep = await listDirectory('.', true);
    expect(deep.entries).toEqual([
      { path: 'README.md', type: 'file', size: 25 },
      { path: 'src', type: 'directory' },
      { path: 'src/index.ts', type: 'file', size: 34 },
    ]);
    await expect(listDirectory('.', true, 1)).resolves.toMatchObject({ truncated: true, entries: [{ path: 'README.md' }] });
    await expect(listDirectory('.', false, 0)).rejects.toMatchObject({ code: 'invalid_arguments' });
  });
  it('does not descend through symlinks when listing', async () => {
    await symlink(outside, join(root, 'link'));
    const deep = await listDirectory('.', true);
    expect(deep.entries.map((e) => e.path)).not.toContain('link/secret.txt');
    expect(deep.entries).toContainEqual({ path: 'link', type: 'symlink' });
  });
  it('searches case-insensitively and reports lines', async () => {
    const result = await searchFiles('todo');
    expect(result.matches).toEqual([
      { path: 'README.md', line: 2, text: 'TODO: write docs' },
      { path: 'src/index.ts', line: 1, text: 'export const x = 1; // todo later' },
    ]);
    await expect(searchFiles('  ')).rejects.toMatchObject({ code: 'invalid_arguments' });
  });
  it('gives file info with an ISO-serialisable date', async () => {
    const info = await fileInfo('README.md');
    expect(info).toMatchObject({ path: 'README.md', type: 'file', size: 25 });
    expect(info.modified).toBeInstanceOf(Date);
  });
  it('moves files and refuses to overwrite unless asked', async () => {
    await writeFile('b.txt', 'b');
    await expect(moveFile('README.md', 'b.txt')).rejects.toMatchObject({ code: 'conflict' });
    await expect(moveFile('README.md', 'b.txt', true)).resolves.toEqual({ from: 'README.md', to: 'b.txt' });
    await expect(moveFile('b.txt', 'docs/readme.md')).resolves.toEqual({ from: 'b.txt', to: 'docs/readme.md' });
    await expect(moveFile('.', 'elsewhere')).rejects.toMatchObject({ code: 'invalid_arguments' });
  });
  it('makes folders idempotently', async () => {
    await expect(makeDirectory('x/y')).resolves.toEqual({ path: 'x/y', type: 'directory' });
    await expect(makeDirectory('x/y')).resolves.toEqual({ path: 'x/y', type: 'directory' });
    await expect(makeDirectory('README.md')).rejects.toMatchObject({ code: 'conflict' });
  });
});
