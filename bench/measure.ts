// Runs a command as a whole process and measures it: wall time, user and system CPU time of the
// process and every child it waited for (Pagefind, git, …), and peak resident memory. Uses GNU
// `/usr/bin/time -v`; without it, bash's `times` gives the CPU time (no peak memory).
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Measurement {
  exitCode: number | null;
  wallSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  /** user + system. */
  cpuSeconds: number;
  /** Peak resident set size of the largest process in the tree, MB (undefined without /usr/bin/time). */
  peakRssMb?: number;
  /** Peak RSS per program in the tree (node, pagefind, git, …), MB, sampled every second (Linux). */
  peakRssByProgramMb?: Record<string, number>;
  /** Where the command's stdout and stderr went. */
  logFile: string;
}

export interface MeasureOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr of the command go here (one file). */
  logFile: string;
}

const gnuTime = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return existsSync(gnuTime);
}

/** A small environment for child processes: no PACKET_* or test-runner variables leak in. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, ...extra };
}

export async function measure(command: string, args: readonly string[], options: MeasureOptions): Promise<Measurement> {
  const timesFile = `${options.logFile}.time`;
  rmSync(timesFile, { force: true });
  const useGnuTime = hasGnuTime();
  const [file, fileArgs] = useGnuTime
    ? [gnuTime, ['-v', '-o', timesFile, command, ...args]]
    : ['bash', ['-c', '"$@"; code=$?; times > "$BENCH_TIMES_FILE"; exit $code', 'bash', command, ...args]];
  const log = openSync(options.logFile, 'w');
  const started = performance.now();
  const peaks: Record<string, number> = {};
  let sampler: NodeJS.Timeout | undefined;
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(file, fileArgs, {
      cwd: options.cwd,
      env: useGnuTime ? options.env : { ...options.env, BENCH_TIMES_FILE: timesFile },
      stdio: ['ignore', log, log],
    });
    if (child.pid !== undefined && existsSync('/proc'))
      sampler = setInterval(() => {
        sampleTree(child.pid!, peaks);
      }, 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      resolve(code);
    });
  });
  clearInterval(sampler);
  const wallSeconds = (performance.now() - started) / 1000;
  closeSync(log);
  const times = existsSync(timesFile) ? readFileSync(timesFile, 'utf8') : '';
  rmSync(timesFile, { force: true });
  const parsed = useGnuTime ? parseGnuTime(times) : parseBashTimes(times);
  return {
    exitCode,
    wallSeconds,
    ...parsed,
    cpuSeconds: parsed.userSeconds + parsed.systemSeconds,
    ...(Object.keys(peaks).length > 0 ? { peakRssByProgramMb: peaks } : {}),
    logFile: options.logFile,
  };
}

// One `ps` snapshot: the RSS of every process under `root`, kept per program name when higher.
function sampleTree(root: number, peaks: Record<string, number>): void {
  execFile('ps', ['-e', '-o', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' }, (error, stdout) => {
    if (error) return;
    const children = new Map<number, number[]>();
    const info = new Map<number, { rss: number; name: string }>();
    for (const line of stdout.split('\n')) {
      const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.+)$/.exec(line);
      if (!match) continue;
      const [pid, ppid, rss] = [Number(match[1]), Number(match[2]), Number(match[3])];
      info.set(pid, { rss, name: match[4]!.trim() });
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    }
    const stack = [root];
    while (stack.length > 0) {
      const pid = stack.pop()!;
      const process = info.get(pid);
      if (process) {
        // Node names its main thread "MainThread" in ps; call it node.
        const name = process.name === 'MainThread' ? 'node' : process.name;
        peaks[name] = Math.max(peaks[name] ?? 0, Math.round(process.rss / 1024));
      }
      stack.push(...(children.get(pid) ?? []));
    }
  });
}

function parseGnuTime(text: string): { userSeconds: number; systemSeconds: number; peakRssMb?: number } {
  const number = (label: string) => {
    const match = new RegExp(`${label}:\\s*([0-9.]+)`).exec(text);
    return match ? Number(match[1]) : Number.NaN;
  };
  const rssKb = number('Maximum resident set size \\(kbytes\\)');
  return {
    userSeconds: number('User time \\(seconds\\)'),
    systemSeconds: number('System time \\(seconds\\)'),
    peakRssMb: Number.isNaN(rssKb) ? undefined : rssKb / 1024,
  };
}

// bash `times`: the shell's own user/system, then its children's: "0m1.234s 0m0.567s".
function parseBashTimes(text: string): { userSeconds: number; systemSeconds: number } {
  const lines = text.trim().split('\n');
  const children = lines[1] ?? '';
  const seconds = (value: string | undefined) => {
    const match = /(\d+)m([0-9.]+)s/.exec(value ?? '');
    return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  };
  const [user, system] = children.trim().split(/\s+/);
  return { userSeconds: seconds(user), systemSeconds: seconds(system) };
}

/** The last lines of a log, for a failure message. */
export function tail(logFile: string, lines = 30): string {
  if (!existsSync(logFile)) return '';
  return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const projectRoot = path.resolve(import.meta.dirname, '..');
