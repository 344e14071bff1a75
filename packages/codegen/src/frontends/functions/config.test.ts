/**
 * toolwright.config.ts, as the functions frontend's input: finding and
 * loading it (TypeScript included), defaults, and what an invalid one says.
 * The fixtures are in test/fixtures/functions/config/<case>/.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, defineConfig, loadConfig, validateConfig, withDefaults } from '../../config.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/functions/config/${name}`, import.meta.url));

describe('loadConfig', () => {
  it('finds toolwright.config.ts in the root and compiles it, imports included', async () => {
    await expect(loadConfig({ root: fixture('basic') })).resolves.toEqual({
      file: 'toolwright.config.ts',
      config: { name: 'basic', version: '1.2.3', title: 'Basic', include: ['src/tools/**/*.ts'], exclude: [], outDir: 'generated/basic' },
    });
  });

  it('finds a JavaScript config and fills in the defaults', async () => {
    await expect(loadConfig({ root: fixture('plain') })).resolves.toEqual({
      file: 'toolwright.config.mjs',
      config: { name: 'plain', version: '0.1.0', include: ['src/**/*.ts'], exclude: [], outDir: 'generated/plain' },
    });
  });

  it('loads a named file, relative to the root or absolute', async () => {
    const want = {
      file: 'servers.config.ts',
      config: { name: 'custom', version: '2.0.0', include: ['src/**/*.ts'], exclude: ['src/legacy/**'], outDir: 'out/custom' },
    };
    await expect(loadConfig({ root: fixture('custom'), file: 'servers.config.ts' })).resolves.toEqual(want);
    await expect(loadConfig({ root: fixture('custom'), file: resolve(fixture('custom'), 'servers.config.ts') })).resolves.toEqual(want);
  });

  // [case, root, file, code, message words]
  const FAILURES: [string, string, string | undefined, string, string[]][] = [
    ['no config file in the root', 'custom', undefined, 'TW1901', ['No config file in', 'create toolwright.config.ts']],
    ['a named file that does not exist', 'custom', 'nope.config.ts', 'TW1901', ['Config file nope.config.ts does not exist.']],
    ['a config that throws while loading', 'throws', undefined, 'TW1902', ['Could not load toolwright.config.ts', 'the config could not decide']],
    ['no default export', 'no-default', undefined, 'TW1903', ['has no default export', 'export default defineConfig']],
    [
      'invalid fields, every one listed',
      'invalid',
      undefined,
      'TW1903',
      [
        '"name" must be',
        '"version" must be a semver version',
        '"include" must be an array of glob strings',
        '"outDir" must be relative',
        'Unknown key "colour"',
      ],
    ],
  ];
  it.each(FAILURES)('%s', async (_case, root, file, code, words) => {
    const error = await loadConfig({ root: fixture(root), ...(file ? { file } : {}) }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe(code);
    for (const word of words) expect((error as ConfigError).message).toContain(word);
  });
});

describe('validateConfig', () => {
  // [config, problems]
  const CASES: [unknown, string[]][] = [
    [{ name: 'ok', version: '1.0.0' }, []],
    [
      {
        name: '@scope/server',
        version: '1.0.0-beta.1+build.5',
        include: ['a/**/*.ts'],
        exclude: [],
        outDir: 'gen',
        tsconfig: 'tsconfig.build.json',
        title: 't',
        description: 'd',
        instructions: 'i',
      },
      [],
    ],
    [null, ['The config must be an object: export default defineConfig({ name, version, include }).']],
    [{ version: '1.0.0' }, ['"name" must be a non-empty string of letters, digits, "_", "-", ".", "@" or "/" (got undefined).']],
    [{ name: 'x', version: '1.0' }, ['"version" must be a semver version such as "1.0.0" (got "1.0").']],
    [{ name: 'x', version: '1.0.0', include: [''] }, ['"include" must be an array of glob strings relative to the project root, e.g. ["src/tools/**/*.ts"].']],
    [{ name: 'x', version: '1.0.0', title: 3 }, ['"title" must be a string when set.']],
  ];
  it.each(CASES)('%j', (config, problems) => expect(validateConfig(config)).toEqual(problems));
});

describe('defineConfig and withDefaults', () => {
  it('returns the config unchanged, and defaults include and outDir', () => {
    const config = defineConfig({ name: 'x', version: '1.0.0' });
    expect(config).toEqual({ name: 'x', version: '1.0.0' });
    expect(withDefaults(config)).toEqual({ name: 'x', version: '1.0.0', include: ['src/**/*.ts'], exclude: [], outDir: 'generated/x' });
    expect(withDefaults({ ...config, include: [] }).include).toEqual(['src/**/*.ts']);
  });
});
