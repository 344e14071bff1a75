/**
 * Refreshes the pinned OpenAPI specs in specs/ from their npm packages.
 *
 *   npx tsx scripts/refresh-specs.ts            # re-download the pinned versions
 *   npx tsx scripts/refresh-specs.ts --check    # verify the committed files match their recorded sha256
 *
 * To move a pin, change `version` below, run the script, regenerate
 * (`npx toolwright build`) and commit everything together.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface PinnedSpec {
  /** Folder under specs/. */
  api: string;
  npmPackage: string;
  version: string;
  /** Path of the spec inside the package. */
  pathInPackage: string;
  /** File name under specs/<api>/. */
  file: string;
  license: string;
}

export const PINNED: PinnedSpec[] = [
  {
    api: 'github',
    npmPackage: '@octokit/openapi',
    version: '23.0.2',
    pathInPackage: 'generated/api.github.com.json',
    file: 'api.github.com.json',
    license: 'MIT',
  },
  {
    api: 'notion',
    npmPackage: '@notionhq/notion-mcp-server',
    version: '2.5.2',
    pathInPackage: 'scripts/notion-openapi.json',
    file: 'notion-openapi.json',
    license: 'MIT',
  },
];

const root = resolve(import.meta.dirname, '..');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function refresh(spec: PinnedSpec): void {
  const dir = mkdtempSync(join(tmpdir(), 'tw-spec-'));
  try {
    const tarball = execFileSync('npm', ['pack', `${spec.npmPackage}@${spec.version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir, `package/${spec.pathInPackage}`]);
    const bytes = readFileSync(join(dir, 'package', spec.pathInPackage));
    JSON.parse(bytes.toString('utf8'));
    writeFileSync(join(root, 'specs', spec.api, spec.file), bytes);
    const provenance = {
      source: `npm:${spec.npmPackage}@${spec.version}`,
      path: spec.pathInPackage,
      license: spec.license,
      sha256: sha256(bytes),
      refresh: 'npx tsx scripts/refresh-specs.ts',
    };
    writeFileSync(join(root, 'specs', spec.api, 'PROVENANCE.json'), `${JSON.stringify(provenance, null, 2)}\n`);
    console.log(`${spec.api}: ${provenance.source} → specs/${spec.api}/${spec.file} (${bytes.length} bytes, sha256 ${provenance.sha256.slice(0, 12)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function check(spec: PinnedSpec): boolean {
  const provenance = JSON.parse(readFileSync(join(root, 'specs', spec.api, 'PROVENANCE.json'), 'utf8')) as { sha256: string };
  const actual = sha256(readFileSync(join(root, 'specs', spec.api, spec.file)));
  const ok = actual === provenance.sha256;
  console.log(
    `${spec.api}: ${ok ? 'ok' : `MISMATCH (file ${actual.slice(0, 12)}, recorded ${provenance.sha256.slice(0, 12)}); run npx tsx scripts/refresh-specs.ts`}`,
  );
  return ok;
}

if (process.argv.includes('--check')) {
  process.exitCode = PINNED.map(check).every(Boolean) ? 0 : 1;
} else {
  for (const spec of PINNED) refresh(spec);
}
