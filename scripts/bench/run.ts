/**
 * Runs a child process to completion and measures it: wall time from spawn to
 * exit, and peak memory (the largest resident set of the process or any of its
 * descendants, from GNU time's %M — wait4's rusage covers the waited-for
 * children too, so a JS shim that spawns a native binary, like tsgo, is
 * measured by its binary). Without /usr/bin/time (not Linux) the memory is
 * left out rather than guessed.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const canMeasureMemory = process.platform === 'linux' && existsSync(GNU_TIME);

export interface Measured {
  ms: number;
  /** Peak resident set size in MiB (largest single process of the tree), when measurable. */
  peakMb?: number;
  result: SpawnSyncReturns<string>;
}

let scratch: string | undefined;

export function measured(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Measured {
  const spawnOptions = { cwd: options.cwd, encoding: 'utf8' as const, maxBuffer: 256 * 1024 * 1024, ...(options.env ? { env: options.env } : {}) };
  if (!canMeasureMemory) {
    const t0 = performance.now();
    const result = spawnSync(command, args, spawnOptions);
    return { ms: performance.now() - t0, result };
  }
  scratch ??= mkdtempSync(join(tmpdir(), 'toolwright-bench-rss-'));
  const out = join(scratch, 'rss');
  rmSync(out, { force: true });
  const t0 = performance.now();
  // -o keeps GNU time's report out of the command's own stderr.
  const result = spawnSync(GNU_TIME, ['-f', '%M', '-o', out, command, ...args], spawnOptions);
  const ms = performance.now() - t0;
  const kb = existsSync(out) ? Number.parseInt(readFileSync(out, 'utf8').trim().split('\n').at(-1) ?? '', 10) : Number.NaN;
  return { ms, ...(Number.isFinite(kb) ? { peakMb: kb / 1024 } : {}), result };
}

process.on('exit', () => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});
