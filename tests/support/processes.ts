/**
 * Spawning the `toolwright` CLI from tests: line readers for its output,
 * bounded waits, and cleanup of every process a test started.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'packages/cli/bin/toolwright.js');
export const fixture = (name: string) => resolve(ROOT, 'tests/fixtures', name);

/** Environment for spawned servers: the test's own, minus any TOOLWRIGHT_* setting that would change behaviour. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('TOOLWRIGHT_')) env[key] = value;
  return { ...env, ...extra };
}

export interface Spawned {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every stdout / stderr line so far. */
  readonly stdoutLines: string[];
  readonly stderrLines: string[];
  /** Waits for a stderr line matching `test`. */
  waitForStderr(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Waits for a stdout line matching `test`. */
  waitForStdout(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Waits for the process to exit. */
  exited(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Starts `toolwright <args>` in the repository root, or in `options.cwd`. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv(), options: { cwd?: string } = {}): Spawned {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      done({ code, signal });
    });
  });
  const stdoutLines: string[] = [];
  const stderrLines: string[] = [];
  const waiters: { lines: string[]; test: (line: string) => boolean; done: (line: string) => void }[] = [];
  const collect = (stream: NodeJS.ReadableStream, lines: string[]) => {
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.lines === lines && waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.done(line);
        }
      }
    });
  };
  collect(child.stdout, stdoutLines);
  collect(child.stderr, stderrLines);
  const waitFor =
    (lines: string[], name: string) =>
    (test: (line: string) => boolean, timeoutMs = 15_000) => {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((done, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`no matching ${name} line within ${timeoutMs} ms; stderr so far:\n${stderrLines.join('\n')}`)),
          timeoutMs,
        );
        const waiter = {
          lines,
          test,
          done: (line: string) => {
            clearTimeout(timer);
            done(line);
          },
        };
        waiters.push(waiter);
        void exit.then(({ code, signal }) => {
          if (!waiters.includes(waiter)) return;
          clearTimeout(timer);
          fail(new Error(`process exited (code ${code}, signal ${signal}) before a matching ${name} line; stderr:\n${stderrLines.join('\n')}`));
        });
      });
    };
  return {
    child,
    stdoutLines,
    stderrLines,
    waitForStderr: waitFor(stderrLines, 'stderr'),
    waitForStdout: waitFor(stdoutLines, 'stdout'),
    exited: (timeoutMs = 15_000) =>
      Promise.race([
        exit,
        new Promise<never>((_, fail) =>
          setTimeout(() => fail(new Error(`process did not exit within ${timeoutMs} ms; stderr:\n${stderrLines.join('\n')}`)), timeoutMs).unref(),
        ),
      ]),
  };
}

/** Kills every process {@link spawnCli} started that is still running (call from afterEach). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

/** Parses a JSON log line, or returns undefined for anything else. */
export function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
