/**
 * `toolwright check` as a user runs it: a child process in a temporary
 * project with generated/<server>/tools.json, compared with an earlier
 * manifest file or with a git revision of a throwaway repository, with and
 * without a major changeset; and the usage errors (exit code 2).
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IrTool, JsonSchema, Manifest } from '@toolwright/codegen';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, killAll, spawnCli } from './support/processes.js';

function tool(name: string, input: JsonSchema): IrTool {
  return {
    name,
    description: `Does ${name} things for the tests.`,
    input,
    annotations: {},
    examples: [],
    source: { kind: 'function', file: 'src/tools.ts', line: 1, column: 1, name },
    binding: { kind: 'function', module: 'src/tools.ts', exportName: name, params: { style: 'object' }, async: true, returns: 'object' },
  };
}

function manifest(server: string, tools: IrTool[], config = 'toolwright.config.ts'): Manifest {
  return {
    manifestVersion: 1,
    generator: 'toolwright test',
    server: { name: server, version: '1.0.0', origin: { kind: 'functions', config } },
    tools,
    resources: [],
    prompts: [],
    toolsets: [],
    env: [],
  };
}

const issueInput = (extra: Record<string, unknown> = {}, required: string[] = ['title']): JsonSchema => ({
  type: 'object',
  properties: { title: { type: 'string', description: 'Issue title.' }, ...extra },
  required,
});
/** v1 of the demo server, and three successors: one breaking, one additive, one with new wording only. */
const V1 = manifest('demo', [tool('create_issue', issueInput({ labels: { type: 'array', items: { type: 'string' } } })), tool('close_issue', issueInput())]);
const BREAKING = manifest('demo', [tool('create_issue', issueInput({ labels: { type: 'array', items: { type: 'string' } } }))]);
const ADDITIVE = manifest('demo', [...V1.tools, tool('reopen_issue', issueInput())]);

const projects: string[] = [];
afterEach(async () => {
  await killAll();
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => killAll());

/** A temporary project: package.json named `demo-tools`, and the given files (objects are written as JSON). */
function project(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'tw-check-'));
  projects.push(root);
  write(root, { 'package.json': { name: 'demo-tools', version: '1.0.0', private: true }, ...files });
  return root;
}

function write(root: string, files: Record<string, unknown>): void {
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof contents === 'string' ? contents : `${JSON.stringify(contents, null, 2)}\n`);
  }
}

const majorChangeset = (pkg: string) => `---\n'${pkg}': major\n---\n\nRemoved close_issue.\n`;

/** Runs `toolwright check <args>` in `cwd` and waits for it to finish and its output to be read. */
async function check(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnCli(['check', ...args], cleanEnv(), { cwd });
  const { code } = await proc.exited(60_000);
  if (proc.child.stdout.readable || proc.child.stderr.readable) await once(proc.child, 'close');
  return { code, stdout: proc.stdoutLines.join('\n'), stderr: proc.stderrLines.join('\n') };
}

/** git in the temporary repository only (never in the Toolwright checkout). */
function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    stdio: 'pipe',
  });
}

describe('toolwright check --against <file>', () => {
  it('fails with exit 1 on a breaking change without a major changeset, and says which changeset to add', async () => {
    const root = project({ 'old.json': V1, 'generated/demo/tools.json': BREAKING });
    const { code, stdout, stderr } = await check(root, '--against', 'old.json');
    expect(code).toBe(1);
    expect(stdout).toContain('demo (generated/demo/tools.json) against old.json:');
    expect(stdout).toContain('Breaking changes (1):');
    expect(stdout).toContain('- tool close_issue: Tool close_issue was removed');
    expect(stdout).toContain('Summary: 1 breaking, 0 additive, 0 description-only: needs a major release; pending changesets for demo-tools: none.');
    expect(stderr).toContain('demo has 1 breaking change, but the pending changesets give demo-tools no bump, not major.');
    expect(stderr).toContain('run `npx changeset`, select demo-tools, choose a major bump');
    expect(stderr).toContain('---\n"demo-tools": major\n---');
  });

  it('passes a breaking change that a pending major changeset covers', async () => {
    const root = project({ 'old.json': V1, 'generated/demo/tools.json': BREAKING, '.changeset/remove-close.md': majorChangeset('demo-tools') });
    const { code, stdout, stderr } = await check(root, '--against', 'old.json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('pending changesets for demo-tools: major.');
  });

  it('still fails when the changeset only gives a minor bump', async () => {
    const root = project({ 'old.json': V1, 'generated/demo/tools.json': BREAKING, '.changeset/x.md': "---\n'demo-tools': minor\n---\n\nX.\n" });
    const { code, stderr } = await check(root, '--against', 'old.json');
    expect(code).toBe(1);
    expect(stderr).toContain('give demo-tools minor, not major');
  });

  it('passes additive changes with exit 0 and groups them by kind', async () => {
    const wordier = structuredClone(ADDITIVE);
    wordier.tools[0]!.description = 'Open a new issue with a title and labels.';
    const root = project({ 'old.json': V1, 'generated/demo/tools.json': wordier });
    const { code, stdout } = await check(root, '--against', 'old.json');
    expect(code).toBe(0);
    expect(stdout).toContain('Additive changes (1):\n    - tool reopen_issue: New tool reopen_issue.');
    expect(stdout).toContain('Description-only changes (1):\n    - tool create_issue: Description changed');
    expect(stdout).toContain('Summary: 0 breaking, 1 additive, 1 description-only: needs a minor release');
  });

  it('prints JSON with --json and takes the package from --package', async () => {
    const root = project({ 'old.json': V1, 'generated/demo/tools.json': BREAKING, '.changeset/x.md': majorChangeset('@acme/other') });
    const { code, stdout } = await check(root, '--against', 'old.json', '--json', '--package', '@acme/other');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      servers: { server: string; package: string; pendingBump: string; summary: { level: string }; changes: unknown[] }[];
    };
    expect(report.ok).toBe(true);
    expect(report.servers).toHaveLength(1);
    expect(report.servers[0]).toMatchObject({ server: 'demo', package: '@acme/other', pendingBump: 'major', summary: { level: 'major' } });
    expect(report.servers[0]!.changes).toEqual([expect.objectContaining({ kind: 'breaking', subject: 'tool close_issue' })]);
  });

  it('takes the package from the nearest package.json above the server config, in a sub-project writing to ../../generated', async () => {
    const root = project({
      'old.json': V1,
      'packages/issues/package.json': { name: '@acme/issues' },
      'packages/issues/toolwright.config.ts': 'export default {};\n',
      'generated/demo/tools.json': BREAKING,
      // The registration module imports the tools relative to itself; binding.module is relative to packages/issues.
      'generated/demo/server.gen.ts': 'import * as S from "./schemas.gen.js";\nimport { createIssue } from "../../packages/issues/src/tools.js";\n',
    });
    const { code, stderr } = await check(root, '--against', 'old.json');
    expect(code).toBe(1);
    expect(stderr).toContain('select @acme/issues, choose a major bump');
  });
});

describe('toolwright check --against <git revision>', () => {
  it('compares each generated manifest with the committed one: changed, new and removed servers', async () => {
    const root = project({ 'generated/demo/tools.json': V1, 'generated/old/tools.json': manifest('old', [tool('ping', issueInput())]) });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'v1');
    rmSync(join(root, 'generated/old'), { recursive: true });
    write(root, { 'generated/demo/tools.json': BREAKING, 'generated/fresh/tools.json': manifest('fresh', [tool('hello', issueInput())]) });

    const { code, stdout, stderr } = await check(root, '--against', 'HEAD');
    expect(code).toBe(1);
    expect(stdout).toContain('demo (generated/demo/tools.json) against HEAD:generated/demo/tools.json:');
    expect(stdout).toContain('- tool close_issue: Tool close_issue was removed');
    expect(stdout).toContain('fresh (generated/fresh/tools.json) against HEAD:generated/fresh/tools.json:');
    expect(stdout).toContain('- server fresh: New server fresh (not in HEAD).');
    expect(stdout).toContain('- tool hello: New tool hello.');
    expect(stdout).toContain('- server old: Server old was removed');
    expect(stdout).toContain('- tool ping: Tool ping was removed');
    expect(stderr).toContain('demo has 1 breaking change');
    expect(stderr).toContain('old has 2 breaking changes');
    expect(stderr).not.toContain('fresh has');

    write(root, { '.changeset/major.md': majorChangeset('demo-tools') });
    expect((await check(root, '--against', 'HEAD')).code).toBe(0);
  });

  it('checks just the manifest given with --manifest', async () => {
    const root = project({ 'generated/demo/tools.json': V1 });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'v1');
    write(root, { 'generated/demo/tools.json': ADDITIVE });
    const { code, stdout } = await check(root, '--against', 'HEAD', '--manifest', 'generated/demo/tools.json');
    expect(code).toBe(0);
    expect(stdout).toContain('- tool reopen_issue: New tool reopen_issue.');
  });

  it('exits 2 on a revision git does not know', async () => {
    const root = project({ 'generated/demo/tools.json': V1 });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'v1');
    const { code, stderr } = await check(root, '--against', 'no-such-branch');
    expect(code).toBe(2);
    expect(stderr).toContain('toolwright check: --against no-such-branch is neither a file nor a git revision known here');
    expect(stderr).toContain('e.g. main, HEAD~1, v1.2.0');
  });
});

describe('usage errors (exit 2)', () => {
  it.each<[string, Record<string, unknown>, string[], RegExp]>([
    ['no --against', { 'generated/demo/tools.json': V1 }, [], /--against is required/],
    [
      'an unknown revision outside any git repository',
      { 'generated/demo/tools.json': V1 },
      ['--against', 'v9'],
      /--against v9 is neither a file nor a git revision/,
    ],
    ['an --against file that is not JSON', { 'generated/demo/tools.json': V1, 'old.json': '{ nope' }, ['--against', 'old.json'], /old\.json is not valid JSON/],
    [
      'an --against file that is not a manifest',
      { 'generated/demo/tools.json': V1, 'old.json': { hello: 1 } },
      ['--against', 'old.json'],
      /old\.json is not a Toolwright manifest/,
    ],
    [
      'no generated manifests',
      { 'old.json': V1 },
      ['--against', 'old.json'],
      /No generated\/<server>\/tools\.json under .*: run npx toolwright build first, or pass --manifest/,
    ],
    ['a missing --manifest', { 'old.json': V1 }, ['--against', 'old.json', '--manifest', 'nope.json'], /--manifest nope\.json: no such file/],
    [
      'an --against manifest of another server',
      { 'old.json': manifest('other', []), 'generated/a/tools.json': manifest('a', []), 'generated/b/tools.json': manifest('b', []) },
      ['--against', 'old.json'],
      /old\.json describes server "other", and no current manifest does/,
    ],
    [
      'an invalid changeset',
      { 'old.json': V1, 'generated/demo/tools.json': BREAKING, '.changeset/bad.md': 'no front matter\n' },
      ['--against', 'old.json'],
      /\.changeset\/bad\.md has no front matter/,
    ],
  ])('%s', async (_name, files, args, message) => {
    const root = project(files);
    const { code, stderr } = await check(root, ...args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});
