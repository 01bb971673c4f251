// Phase timings of a build, for profiling and the benchmark: with PACKET_TIMINGS=1 each phase
// prints one line to stderr, `decision-packet timing: <phase> <ms> ms (at <ms since start> ms)`.
// Without it nothing is printed and the cost is one comparison.

const enabled = () => process.env.PACKET_TIMINGS === '1';

function print(phase: string, ms: number): void {
  process.stderr.write(`decision-packet timing: ${phase} ${Math.round(ms)} ms (at ${Math.round(performance.now())} ms)\n`);
}

/** Runs `work` and prints how long it took. */
export async function timed<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
  if (!enabled()) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    print(phase, performance.now() - started);
  }
}

/** Runs synchronous `work` and prints how long it took. */
export function timedSync<T>(phase: string, work: () => T): T {
  if (!enabled()) return work();
  const started = performance.now();
  try {
    return work();
  } finally {
    print(phase, performance.now() - started);
  }
}

/** Prints a point in time (a hook reached). */
export function mark(phase: string): void {
  if (enabled()) print(phase, 0);
}
