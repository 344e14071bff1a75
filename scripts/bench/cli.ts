/** Small helpers the benchmark scripts share: medians and their command-line checks. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Prints `<script>: <message>` to stderr and exits with `code`. */
export function failer(script: string, code = 1): (message: string) => never {
  return (message) => {
    console.error(`${script}: ${message}`);
    process.exit(code);
  };
}

/** Parses a `--name` value that must be a positive (or, with allowZero, non-negative) integer. */
export function positiveFlag(fail: (message: string) => never) {
  return (name: string, raw: string | undefined, allowZero = false): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) fail(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}".`);
    return value;
  };
}
