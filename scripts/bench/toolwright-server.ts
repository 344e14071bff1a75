/**
 * Benchmark server, Toolwright side: the benchmark tools (scripts/bench/tools.ts)
 * served the way a production user serves them — `serve()` with default
 * settings, so the call pipeline runs in full (rate-limit check, zod
 * validation, timeout, metrics) and default logging is on: one JSON line per
 * call on stderr.
 *
 * Started by scripts/bench-runtime.ts as
 *   node --conditions=@toolwright/source --import tsx scripts/bench/toolwright-server.ts [stdio|http|http-stateless]
 * On HTTP it prints `{"url": …}` as the only line on stdout once it listens.
 */
import { defineServer, defineTool, serve } from '@toolwright/runtime';
import { z } from 'zod';
import { answer, BENCH_TOOLS, DESCRIPTIONS, INPUT_SHAPES } from './tools.js';

const mode = process.argv[2] ?? 'stdio';

// async like the SDK side's handlers (and like most real handlers).
const tools = BENCH_TOOLS.map((name) =>
  defineTool({ name, description: DESCRIPTIONS[name], input: z.object(INPUT_SHAPES[name]), handler: async (args: object) => answer(name, args) }),
);

const running = await serve(defineServer({ name: 'bench-toolwright', version: '1.0.0', tools }), {
  transport: mode === 'stdio' ? 'stdio' : 'http',
  http: { host: '127.0.0.1', port: 0, stateless: mode === 'http-stateless' },
  dotenv: false,
});
if (running.url) process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
