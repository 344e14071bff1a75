/**
 * The two benchmark tools both servers of scripts/bench-runtime.ts offer, with
 * one zod 4 schema each so the two sides validate exactly the same input:
 *
 * - `noop`: one integer, answers "ok" — the pipeline's fixed cost per call.
 * - `create_issue`: a realistic nested input (the shape of an issue-tracker
 *   "create" call: strings with limits and a pattern, an enum, arrays of
 *   objects, optional nested objects, a record, defaults) — what validation
 *   and JSON-Schema-shaped arguments cost when the input is not trivial.
 *
 * `argumentsFor(tool, n)` builds the arguments of call n (they vary with n, so
 * no layer can cache a parse).
 */
import { z } from 'zod';

export type BenchTool = 'noop' | 'create_issue';
export const BENCH_TOOLS: readonly BenchTool[] = ['noop', 'create_issue'];

export const DESCRIPTIONS: Record<BenchTool, string> = {
  noop: 'Does nothing and answers "ok". Benchmark tool.',
  create_issue: 'Creates an issue (benchmark tool: validates its nested input and answers with the new issue number).',
};

export const noopShape = { n: z.number().int() };

const label = z.object({
  name: z.string().min(1).max(50),
  color: z
    .string()
    .regex(/^[0-9a-f]{6}$/)
    .optional(),
  description: z.string().max(100).optional(),
});

export const createIssueShape = {
  owner: z.string().min(1).max(39).describe('Account that owns the repository.'),
  repo: z.string().min(1).max(100).describe('Repository name.'),
  title: z.string().min(1).max(256),
  body: z.string().max(65536).optional(),
  labels: z.array(label).max(20).default([]),
  assignees: z.array(z.string().min(1)).max(10).optional(),
  milestone: z
    .object({
      number: z.number().int().positive(),
      due_on: z.iso.datetime().optional(),
    })
    .optional(),
  project: z
    .object({
      id: z.string(),
      column: z.enum(['todo', 'in_progress', 'done']),
      position: z.number().int().min(0).default(0),
      fields: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })).optional(),
    })
    .optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  notify: z.boolean().default(true),
};

export const INPUT_SHAPES = { noop: noopShape, create_issue: createIssueShape } as const;

/** The answer both sides give: the same text for the same input, so the response bytes match too. */
export function answer(tool: BenchTool, args: object): string {
  return tool === 'noop' ? 'ok' : JSON.stringify({ number: 1347, title: (args as { title?: unknown }).title, state: 'open' });
}

export function argumentsFor(tool: BenchTool, n: number): Record<string, unknown> {
  if (tool === 'noop') return { n };
  return {
    owner: 'octo-org',
    repo: 'hello-world',
    title: `Crash when saving a draft (#${n})`,
    body: 'Steps to reproduce:\n1. Open the editor\n2. Type a title\n3. Press save twice\n\nExpected: one draft. Actual: an error dialog.',
    labels: [{ name: 'bug', color: 'd73a4a', description: 'Something is not working' }, { name: 'editor', color: '0e8a16' }, { name: `triage-${n % 7}` }],
    assignees: ['octocat', 'hubot'],
    milestone: { number: 1 + (n % 12), due_on: '2026-09-30T00:00:00Z' },
    project: {
      id: 'PVT_kwDOAB',
      column: 'todo',
      position: n % 50,
      fields: [
        { name: 'Estimate', value: 3 },
        { name: 'Team', value: 'Platform' },
        { name: 'Customer facing', value: true },
      ],
    },
    metadata: { source: 'benchmark', run: String(n) },
    notify: n % 2 === 0,
  };
}
