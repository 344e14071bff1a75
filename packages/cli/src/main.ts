/** The `toolwright` command line: argument handling and output only; the work is in the packages. */
import { createProgram } from './program.js';

const program = createProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`toolwright: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = process.exitCode || 1;
}
