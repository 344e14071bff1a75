/** Which files the frontend reads, with which compiler options, and what it says when that goes wrong. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ToolwrightConfig } from '../../config.js';
import { readFunctions } from './index.js';

const ROOT = fileURLToPath(new URL('../../../test/fixtures/functions/program', import.meta.url));
const config = (extra: Partial<ToolwrightConfig> = {}): ToolwrightConfig => ({ name: 'program', version: '1.0.0', ...extra });

describe('source files', () => {
  // [case, config, files option, the functions read]
  const CASES: [string, Partial<ToolwrightConfig>, string[] | undefined, string[]][] = [
    ['default include src/**/*.ts, without test files', {}, undefined, ['alpha', 'beta', 'gamma']],
    ['include globs', { include: ['src/nested/**/*.ts', 'other/*.ts'] }, undefined, ['delta', 'gamma']],
    ['exclude globs', { exclude: ['src/b.ts', 'src/nested/'] }, undefined, ['alpha']],
    ['an explicit file list wins over the globs', { include: ['src/**/*.ts'] }, ['other/d.ts', resolve(ROOT, 'src/b.ts')], ['beta', 'delta']],
  ];
  it.each(CASES)('%s', async (_case, extra, files, want) => {
    const { server, diagnostics } = await readFunctions({ root: ROOT, config: config(extra), ...(files ? { files } : {}) });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(server.tools.map((t) => t.source.kind === 'function' && t.source.name).sort()).toEqual(want);
  });
});

describe('the program', () => {
  it('turns strictNullChecks on even when the tsconfig turns it off, so `| null` survives', async () => {
    const { server } = await readFunctions({ root: ROOT, config: config(), files: ['src/a.ts'] });
    expect(server.tools[0]?.input.properties).toEqual({ x: { description: 'A value or null.', type: ['null', 'string'] } });
  });

  it('reads the server identity from the config and records the config file', async () => {
    const { server } = await readFunctions({
      root: ROOT,
      config: config({ title: 'Program', description: 'Tests.', instructions: 'Call beta first.' }),
      files: ['src/b.ts'],
      configFile: 'configs/program.config.ts',
    });
    expect(server).toMatchObject({
      name: 'program',
      version: '1.0.0',
      title: 'Program',
      description: 'Tests.',
      instructions: 'Call beta first.',
      toolsets: [],
      env: [],
      origin: { kind: 'functions', config: 'configs/program.config.ts' },
    });
  });
});

describe('project problems', () => {
  // [case, config, files option, code, severity, message words, hint words]
  const CASES: [string, Partial<ToolwrightConfig>, string[] | undefined, string, string, string, string][] = [
    ['a named file that does not exist', {}, ['src/missing.ts'], 'TW1201', 'error', 'File src/missing.ts does not exist.', 'relative to the project root'],
    [
      'include globs that match nothing',
      { include: ['lib/**/*.ts'] },
      undefined,
      'TW1201',
      'error',
      'No source files match include ["lib/**/*.ts"]',
      '"include"',
    ],
    [
      'a tsconfig that does not exist',
      { tsconfig: 'tsconfig.missing.json' },
      ['src/b.ts'],
      'TW1202',
      'error',
      'tsconfig tsconfig.missing.json does not exist',
      '"tsconfig"',
    ],
    ['files with no exported functions', {}, ['empty/e.ts'], 'TW1203', 'warning', 'No exported functions found in 1 file(s)', 'Export the functions'],
  ];
  it.each(CASES)('%s', async (_case, extra, files, code, severity, message, hint) => {
    const { diagnostics } = await readFunctions({ root: ROOT, config: config(extra), ...(files ? { files } : {}) });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, severity });
    expect(diagnostics[0]!.message).toContain(message);
    expect(diagnostics[0]!.hint).toContain(hint);
  });
});
