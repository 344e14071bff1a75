/**
 * Benchmark server, Toolwright side: one no-op tool served the way a
 * production user serves it — `serve()` with default settings, so the call
 * pipeline runs in full (rate-limit check, zod validation, timeout, metrics)
 * and default logging is on: one JSON line per call on stderr.
 *
 * Started by scripts/bench-runtime.ts as
 *   node --conditions=@toolwright/source --import tsx scripts/bench/toolwright-server.ts [stdio|http]
 * On http it prints `{"url": …}` as the only line on stdout once it listens.
 */
import { defineServer, defineTool, serve } from '@toolwright/runtime';
import { z } from 'zod';

const transport = process.argv[2] === 'http' ? 'http' : 'stdio';

const noop = defineTool({
  name: 'noop',
  description: 'Does nothing and answers "ok". Benchmark tool.',
  input: z.object({ n: z.number().int() }),
  // async like the SDK side's handler (and like most real handlers).
  handler: async () => 'ok',
});

const running = await serve(defineServer({ name: 'bench-toolwright', version: '1.0.0', tools: [noop] }), {
  transport,
  http: { host: '127.0.0.1', port: 0 },
  dotenv: false,
});
if (running.url) process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
