/**
 * The fast path `toolwright dev` uses: after an edit, re-read only the changed
 * file when that gives the same output as reading everything — and read
 * everything when it might not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildCache, buildProject } from '../packages/cli/src/commands/build.js';
import { ROOT } from './support/processes.js';

const project = mkdtempSync(resolve(ROOT, 'tests/.build-inc-'));
const file = (name: string) => join(project, 'src', name);

const TYPES = `export interface Note {\n  /** The note's text. */\n  text: string;\n}\n`;
const NOTES = `import type { Note } from './types.js';\n\n/**\n * Make a note from a text. Use it to save a thought.\n * @param text The text, e.g. "buy milk".\n */\nexport function makeNote(text: string): Note {\n  return { text };\n}\n`;
const TAGS = `/**\n * Count the tags in a text. Use it to see how a note is tagged.\n * @param text The text, e.g. "#a #b".\n */\nexport function countTags(text: string): number {\n  return text.split('#').length - 1;\n}\n`;

async function full() {
  return buildProject(project, { write: false });
}

beforeAll(() => {
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'toolwright.config.ts'), `export default { name: 'inc', version: '1.0.0' };\n`);
  writeFileSync(file('types.ts'), TYPES);
  writeFileSync(file('notes.ts'), NOTES);
  writeFileSync(file('tags.ts'), TAGS);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('buildProject with a cache', () => {
  let cache: BuildCache;

  it('re-reads only an edited tool module, with the same output as a full build', async () => {
    const first = await full();
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    cache = first.cache!;
    writeFileSync(
      file('tags.ts'),
      TAGS.replace('countTags(text: string)', 'countTags(text: string, unique = false)').replace(
        ' * @param text',
        ' * @param unique Count each tag once.\n * @param text',
      ),
    );
    const fast = await buildProject(project, { cache, changed: [file('tags.ts')] });
    expect(fast.incremental).toBe(true);
    const slow = await full();
    expect(fast.files).toEqual(slow.files);
    expect(JSON.parse(fast.files.find((f) => f.path === 'tools.json')!.contents).tools.map((t: { name: string }) => t.name)).toEqual([
      'count_tags',
      'make_note',
    ]);
    cache = fast.cache!;
  });

  it('reads everything when a changed file defines no tools (its types may be used elsewhere)', async () => {
    writeFileSync(file('types.ts'), TYPES.replace('text: string;', 'text: string;\n  /** When it was made. */\n  at?: string;'));
    const result = await buildProject(project, { cache, changed: [file('types.ts')] });
    expect(result.incremental).toBe(false);
    const output = JSON.parse(result.files.find((f) => f.path === 'tools.json')!.contents).tools.find((t: { name: string }) => t.name === 'make_note').output;
    expect(Object.keys(output.properties)).toEqual(['text', 'at']);
    cache = result.cache!;
  });

  it('reads everything when the changed file now clashes with another file, and reports the clash', async () => {
    writeFileSync(file('tags.ts'), TAGS.replace('export function countTags', '/** @toolName make_note */\nexport function countTags'));
    const result = await buildProject(project, { cache, changed: [file('tags.ts')] });
    expect(result.incremental).toBe(false);
    expect(result.diagnostics.some((d) => d.severity === 'error' && /Duplicate tool "make_note"/.test(d.message))).toBe(true);
  });

  it('reloads the config when it changed', async () => {
    writeFileSync(file('tags.ts'), TAGS);
    writeFileSync(join(project, 'toolwright.config.ts'), `export default { name: 'inc', version: '2.0.0' };\n`);
    const result = await buildProject(project, { cache, changed: [join(project, 'toolwright.config.ts')] });
    expect(result.incremental).toBe(false);
    expect(JSON.parse(result.files.find((f) => f.path === 'tools.json')!.contents).server.version).toBe('2.0.0');
  });
});
