/**
 * `toolwright openapi <spec>` on a user's own spec: phase-by-phase progress,
 * the generated server served and listed by the SDK Client, and a clear
 * failure for a spec that cannot be read.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, killAll, ROOT, spawnCli } from './support/processes.js';

// Inside the repository, so the generated server resolves @toolwright/runtime and zod.
const scratch = mkdtempSync(resolve(ROOT, 'tests/.openapi-'));
afterAll(async () => {
  await killAll();
  rmSync(scratch, { recursive: true, force: true });
});

/** The tool names `toolwright serve <file>` lists to the SDK client over stdio. */
async function servedToolNames(serverFile: string): Promise<string[]> {
  const client = new Client({ name: 'cli-openapi-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve', serverFile], env: cleanEnv() as Record<string, string>, stderr: 'ignore' }),
  );
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

describe('toolwright openapi', () => {
  it('generates a server from a YAML spec, printing each phase, and the server answers tools/list', async () => {
    const out = join(scratch, 'petstore');
    const proc = spawnCli(['openapi', 'packages/codegen/test/fixtures/openapi/petstore.yaml', '--out', out]);
    const exit = await proc.exited(60_000);
    const stderr = proc.stderrLines.join('\n');
    expect(exit.code, stderr).toBe(0);
    expect(stderr).toMatch(/toolwright: reading .*petstore\.yaml and generating petstore/);
    // split by toolset (one per tag): server.gen.ts, api.gen.ts, toolsets/*, tools.json, types.gen.ts and the docs pages
    expect(stderr).toMatch(
      /toolwright: \d+ tool\(s\) → .*petstore \(wrote server\.gen\.ts, api\.gen\.ts, toolsets\/\w+\.schemas\.gen\.ts, .* and \d+ more\) \(\d+\.\d s\)/,
    );
    for (const file of ['server.gen.ts', 'api.gen.ts', 'tools.json', 'docs/index.md']) expect(existsSync(join(out, file))).toBe(true);

    const names = await servedToolNames(join(out, 'server.gen.ts'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_]+$/);
  });

  it("types.gen.ts holds openapi-typescript's types, and every tool is checked against them", async () => {
    const out = join(scratch, 'mapping');
    const proc = spawnCli(['openapi', 'packages/codegen/test/fixtures/openapi/discriminator-mapping.json', '--out', out]);
    const exit = await proc.exited(60_000);
    const stderr = proc.stderrLines.join('\n');
    expect(exit.code, stderr).toBe(0);
    expect(stderr).not.toContain('TW3004');
    expect(readFileSync(join(out, 'types.gen.ts'), 'utf8')).toMatch(/export interface operations \{\s+createPet: \{/);
    expect(readFileSync(join(out, 'server.gen.ts'), 'utf8')).toContain('from "./types.gen.js"');
  });

  it('a spec openapi-typescript rejects still builds, without types.gen.ts and the checks against it, and says so', async () => {
    // A discriminator mapping by bare schema name: the importer reads it, openapi-typescript cannot resolve it.
    const out = join(scratch, 'bare-mapping');
    const proc = spawnCli(['openapi', 'packages/codegen/test/fixtures/openapi/bare-discriminator-mapping.json', '--out', out]);
    const exit = await proc.exited(60_000);
    const stderr = proc.stderrLines.join('\n');
    expect(exit.code, stderr).toBe(0);
    expect(stderr).toMatch(/warning TW3004: openapi-typescript could not read the spec \(.*mapping.*\), so the server has no types\.gen\.ts/);
    expect(existsSync(join(out, 'types.gen.ts'))).toBe(false);
    const generated = [
      join(out, 'server.gen.ts'),
      ...(existsSync(join(out, 'toolsets')) ? readdirSync(join(out, 'toolsets')).map((f) => join(out, 'toolsets', f)) : []),
    ];
    for (const file of generated) expect(readFileSync(file, 'utf8'), file).not.toContain('types.gen.js');

    expect(await servedToolNames(join(out, 'server.gen.ts'))).toEqual(['create_pet']);
  });

  it('a spec that does not exist, or does not parse, fails with a message and writes nothing', async () => {
    const missing = spawnCli(['openapi', 'no/such/spec.json', '--out', join(scratch, 'missing')]);
    expect((await missing.exited(60_000)).code).toBe(1);
    expect(missing.stderrLines.join('\n')).toMatch(/Cannot read the spec .*no\/such\/spec\.json/);

    const broken = spawnCli(['openapi', 'packages/codegen/test/fixtures/openapi/broken.yaml', '--out', join(scratch, 'broken')]);
    const exit = await broken.exited(60_000);
    expect(exit.code).toBe(1);
    expect(broken.stderrLines.join('\n')).toMatch(/error TW\d{4}/);
    expect(existsSync(join(scratch, 'broken', 'server.gen.ts'))).toBe(false);
  });
});
