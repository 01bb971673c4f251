// `npm run bench`: measures `check` and `build` at several sizes against a bare Astro baseline.
//
//   npm run bench -- [--sizes 1000,5000,10000] [--runs 3] [--keep] [--no-git] [--skip baseline,check,build] [--work <dir>]
//   npm run bench -- --guard     the regression guard alone (bench/guard.ts): 200 packets, exit 1 beyond its bound
//
// For each size it generates valid content (bench/generate-content.ts), runs `check` and then,
// alternately, our build and the bare Astro baseline (bench/baseline.ts), each run a whole cold
// process with its own output and cache folders, measured by /usr/bin/time -v. Medians, the
// ratios ours/baseline with their spread over the pairs of runs and the load average before each
// run go to tables on stdout, and every run to bench/results/<timestamp>.json. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baselineBuild, createBaselineProject } from './baseline.ts';
import { runGuard } from './guard.ts';
import { generateContent } from './generate-content.ts';
import { baseEnv, hasGnuTime, measure, median, projectRoot, tail, type Measurement } from './measure.ts';

interface Options {
  sizes: number[];
  runs: number;
  keep: boolean;
  git: boolean;
  skip: Set<string>;
  work: string;
}

interface Run extends Omit<Measurement, 'logFile'> {
  /** Phase timings our build printed (PACKET_TIMINGS=1), ms. */
  phases?: Record<string, number>;
  /** The machine's 1-minute load average just before the run started: how busy the neighbours were. */
  loadBefore?: number;
  /** The same when the run ended. */
  load?: number;
}

/** Ours/baseline of one pair of runs (our run i and the baseline's run i, taken one after the other). */
interface PairRatio {
  wall: number;
  cpu: number;
}

interface Series {
  runs: Run[];
  median: { wallSeconds: number; cpuSeconds: number; userSeconds: number; systemSeconds: number; peakRssMb: number };
  pages?: number;
  files?: number;
}

interface SizeResult {
  packets: number;
  contentFiles: number;
  generateSeconds: number;
  check?: Series;
  build?: Series;
  baseline?: Series;
  /** Ratio of the medians, each pair's ratio, and their spread (lowest–highest of the pairs). */
  ratio?: { wall: number; cpu: number; pairs: PairRatio[]; spread: { wall: [number, number]; cpu: [number, number] } };
}

const today = '2026-11-24';

function parseOptions(argv: readonly string[]): Options {
  const timestamp = new Date().toISOString().replace(/[:.]/g, '-');
  const options: Options = {
    sizes: [1000, 5000, 10000],
    runs: 3,
    keep: false,
    git: true,
    skip: new Set(),
    // Inside the project on purpose: when Astro's outDir lies outside the working directory, it
    // writes its prerender bundle to <project>/.astro/.prerender/, which every such build shares.
    work: path.join(projectRoot, 'bench/.tmp', timestamp),
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--sizes')
      options.sizes = value()
        .split(',')
        .map((size) => Number(size.trim()));
    else if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--no-git') options.git = false;
    else if (flag === '--skip') options.skip = new Set(value().split(','));
    else if (flag === '--work') options.work = path.resolve(value(), timestamp);
    else
      throw new Error(
        `Unknown argument ${flag}. Usage: npm run bench -- [--sizes 1000,5000,10000] [--runs 3] [--keep] [--no-git] [--skip baseline,check,build] [--work <dir>]`,
      );
  }
  if (options.sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error('--sizes takes positive integers, e.g. 200,1000');
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs takes a positive integer');
  return options;
}

function summarize(runs: Run[]): Series['median'] {
  return {
    wallSeconds: median(runs.map((run) => run.wallSeconds)),
    cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
    userSeconds: median(runs.map((run) => run.userSeconds)),
    systemSeconds: median(runs.map((run) => run.systemSeconds)),
    peakRssMb: median(runs.map((run) => run.peakRssMb ?? Number.NaN)),
  };
}

function countFiles(dir: string): { pages: number; files: number } {
  let pages = 0;
  let files = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(folder, entry.name));
      else {
        files += 1;
        if (entry.name.endsWith('.html')) pages += 1;
      }
    }
  };
  walk(dir);
  return { pages, files };
}

function phasesOf(logFile: string): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const match of readFileSync(logFile, 'utf8').matchAll(/^decision-packet timing: (.+?) (\d+) ms \(at (\d+) ms\)$/gm)) {
    const [, phase, ms, at] = match;
    if (phase!.startsWith('astro:')) phases[`${phase} (at)`] = Number(at);
    // Batches of item pages are written as they render: their sum.
    else if (phase!.startsWith('item pages ')) phases['item pages'] = (phases['item pages'] ?? 0) + Number(ms);
    // The search index's shards are written as they fill (most during the render): their sum.
    else if (phase!.startsWith('pagefind write shard '))
      phases['pagefind shard writes'] = (phases['pagefind shard writes'] ?? 0) + Number(ms);
    else phases[phase!] = Number(ms);
  }
  // Astro's own build lies between astro:build:start and astro:build:done: bundling until it asks
  // for the prerenderer (astro:prerender), then rendering every page.
  const start = phases['astro:build:start (at)'];
  const prerender = phases['astro:prerender (at)'];
  const done = phases['astro:build:done (at)'];
  if (start !== undefined && prerender !== undefined) phases['astro bundle'] = prerender - start;
  if (done !== undefined && (prerender ?? start) !== undefined) phases['astro render'] = done - (prerender ?? start)!;
  return phases;
}

function fail(what: string, measurement: Measurement): never {
  throw new Error(`${what} exited with ${measurement.exitCode}; the last lines of its output:\n${tail(measurement.logFile)}`);
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));

const spreadOf = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];
const ratioCell = (ratio: number, spread: [number, number]) => `${fixed(ratio, 2)}× (${fixed(spread[0], 2)}–${fixed(spread[1], 2)})`;

function table(results: SizeResult[]): string {
  const header = [
    'packets',
    'command',
    'wall s',
    'CPU s',
    'peak RSS MB',
    'pages',
    'ours/baseline wall (pairs)',
    'ours/baseline CPU (pairs)',
  ];
  const rows: string[][] = [];
  for (const result of results) {
    for (const [name, series] of [
      ['check', result.check],
      ['build', result.build],
      ['baseline', result.baseline],
    ] as const) {
      if (!series) continue;
      rows.push([
        String(result.packets),
        name,
        fixed(series.median.wallSeconds),
        fixed(series.median.cpuSeconds),
        fixed(series.median.peakRssMb, 0),
        series.pages === undefined ? '' : String(series.pages),
        name === 'build' && result.ratio ? ratioCell(result.ratio.wall, result.ratio.spread.wall) : '',
        name === 'build' && result.ratio ? ratioCell(result.ratio.cpu, result.ratio.spread.cpu) : '',
      ]);
    }
  }
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width, column) => (column < 2 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Every run in the order it ran, with the load average before it: ours and the baseline alternate. */
function pairTable(results: SizeResult[]): string {
  const lines = [
    '| packets | pair | ours wall s | ours CPU s | load before | baseline wall s | baseline CPU s | load before | wall ratio | CPU ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const result of results) {
    const count = Math.max(result.build?.runs.length ?? 0, result.baseline?.runs.length ?? 0);
    for (let index = 0; index < count; index += 1) {
      const ours = result.build?.runs[index];
      const baseline = result.baseline?.runs[index];
      const pair = result.ratio?.pairs[index];
      lines.push(
        `| ${result.packets} | ${index + 1} | ${fixed(ours?.wallSeconds)} | ${fixed(ours?.cpuSeconds)} | ${fixed(ours?.loadBefore, 2)} | ${fixed(baseline?.wallSeconds)} | ${fixed(baseline?.cpuSeconds)} | ${fixed(baseline?.loadBefore, 2)} | ${pair ? `${fixed(pair.wall, 2)}×` : '–'} | ${pair ? `${fixed(pair.cpu, 2)}×` : '–'} |`,
      );
    }
  }
  return lines.join('\n');
}

function phaseTable(results: SizeResult[]): string {
  // Pages are scanned (on workers) and indexed (Pagefind's process) as Astro renders them; batches
  // of item pages are written within Astro's render; after it, the index is written and scanned
  // beside the machine-readable files, the end of the page scan and the check of every output file.
  const names = [
    'validate',
    'timelines',
    'render PRDs',
    'site data',
    'astro bundle',
    'astro render',
    'item pages',
    'pagefind (last pages)',
    'pagefind write',
    'index scan (worker)',
    'machine-readable files',
    'page scan (finish)',
    'output secret scan',
    'index secret scan',
  ];
  const lines = [`| packets | ${names.join(' | ')} |`, `|---:|${names.map(() => '---:').join('|')}|`];
  for (const result of results) {
    if (!result.build) continue;
    const cells = names.map((name) => fixed(median(result.build!.runs.map((run) => (run.phases?.[name] ?? Number.NaN) / 1000))));
    lines.push(`| ${result.packets} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function memoryTable(results: SizeResult[]): string {
  const lines = ['| packets | command | peak RSS per program, MB (highest of the runs) |', '|---:|:---|:---|'];
  for (const result of results) {
    for (const [name, series] of [
      ['build', result.build],
      ['baseline', result.baseline],
    ] as const) {
      if (!series) continue;
      const peaks: Record<string, number> = {};
      for (const run of series.runs)
        for (const [program, mb] of Object.entries(run.peakRssByProgramMb ?? {})) peaks[program] = Math.max(peaks[program] ?? 0, mb);
      const shown = Object.entries(peaks)
        .filter(([, mb]) => mb >= 50)
        .sort((a, b) => b[1] - a[1])
        .map(([program, mb]) => `${program} ${mb}`);
      lines.push(`| ${result.packets} | ${name} | ${shown.join(', ') || '–'} |`);
    }
  }
  return lines.join('\n');
}

/** The targets of the scale issue (2 cores, ratios in one sitting). */
function targets(results: SizeResult[]): string[] {
  const bySize = new Map(results.map((result) => [result.packets, result]));
  const verdicts: string[] = [];
  const verdict = (ok: boolean, text: string) => verdicts.push(`${ok ? 'holds ' : 'misses'}  ${text}`);
  const r10k = bySize.get(10000);
  const r1k = bySize.get(1000);
  if (r1k?.ratio) {
    const { wall, cpu, spread } = r1k.ratio;
    verdict(
      wall <= 2 && cpu <= 2,
      `build 1,000 packets ≤ 2.0× the bare Astro baseline, wall and CPU: ${ratioCell(wall, spread.wall)} wall, ${ratioCell(cpu, spread.cpu)} CPU`,
    );
  }
  if (r10k?.build)
    verdict(r10k.build.median.wallSeconds <= 120, `build 10,000 packets ≤ 120 s wall: ${fixed(r10k.build.median.wallSeconds)} s`);
  if (r10k?.build && r10k.baseline) {
    const ours = r10k.build.median.peakRssMb;
    const bare = r10k.baseline.median.peakRssMb;
    verdict(
      ours <= 1.1 * bare,
      `build 10,000 packets peak ≤ 1.1× the baseline's own peak: ${fixed(ours, 0)} MB vs ${fixed(bare, 0)} MB (${fixed(ours / bare, 2)}×)`,
    );
  }
  if (r10k?.build && r1k?.build) {
    const growth = r10k.build.median.wallSeconds / r1k.build.median.wallSeconds;
    verdict(growth <= 11, `build grows linearly, 10,000 ≤ 11× 1,000: ${fixed(growth, 2)}×`);
  }
  if (r10k?.check) {
    const { wallSeconds, peakRssMb } = r10k.check.median;
    verdict(
      wallSeconds <= 5 && peakRssMb <= 700,
      `check 10,000 packets ≤ 5 s and ≤ 700 MB: ${fixed(wallSeconds)} s, ${fixed(peakRssMb, 0)} MB`,
    );
  }
  return verdicts;
}

function machine() {
  const gitOut = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  const astro = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/astro/package.json'), 'utf8')) as { version: string };
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    astro: astro.version,
    commit: gitOut(['rev-parse', 'HEAD']),
    uncommittedChanges: (gitOut(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    gnuTime: hasGnuTime(),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (text: string) => process.stderr.write(`${text}\n`);
  mkdirSync(options.work, { recursive: true });
  const cleanup = () => {
    if (!options.keep) rmSync(options.work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const results: SizeResult[] = [];
  // The JSON is rewritten after every size, so a run that is stopped keeps what it measured.
  const date = new Date().toISOString();
  const resultsDir = path.join(projectRoot, 'bench/results');
  const file = path.join(resultsDir, `${date.replace(/[:.]/g, '-')}.json`);
  const save = () => {
    const report = { date, machine: machine(), options: { sizes: options.sizes, runs: options.runs, git: options.git, today }, results };
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  };
  try {
    const baselineProject = createBaselineProject(path.join(options.work, 'baseline-project'));
    for (const size of options.sizes) {
      const sizeDir = path.join(options.work, `packets-${size}`);
      log(`[${size}] generating content…`);
      const started = performance.now();
      const content = generateContent(sizeDir, size, { git: options.git });
      const result: SizeResult = { packets: size, contentFiles: content.files, generateSeconds: (performance.now() - started) / 1000 };
      // Flush the generated files to disk first, so their write-back does not land in the runs.
      try {
        execFileSync('sync');
      } catch {
        // No sync(1): measure anyway.
      }
      results.push(result);
      const runsDir = path.join(options.work, `runs-${size}`);
      mkdirSync(runsDir, { recursive: true });

      // check: also proves the generated content is valid (exit 0), so a build cannot pass on nothing.
      const checkRuns: Run[] = [];
      for (let run = 0; run < (options.skip.has('check') ? 1 : options.runs); run += 1) {
        const loadBefore = loadavg()[0];
        const measured = await measure(process.execPath, [path.join(projectRoot, 'src/cli/check.ts')], {
          cwd: projectRoot,
          env: baseEnv({ PACKET_CONTENT_DIR: content.contentDir, PACKET_TODAY: today }),
          logFile: path.join(runsDir, `check-${run}.log`),
        });
        if (measured.exitCode !== 0) fail(`check of ${size} generated packets`, measured);
        const { logFile: _, ...rest } = measured;
        checkRuns.push({ ...rest, loadBefore, load: loadavg()[0] });
        log(
          `[${size}] check ${run + 1}: ${fixed(measured.wallSeconds)} s wall, ${fixed(measured.cpuSeconds)} s CPU, ${fixed(measured.peakRssMb, 0)} MB`,
        );
      }
      if (!options.skip.has('check')) result.check = { runs: checkRuns, median: summarize(checkRuns) };

      const buildRuns: Run[] = [];
      const baselineRuns: Run[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        if (!options.skip.has('build')) {
          const dir = path.join(runsDir, `build-${run}`);
          const loadBefore = loadavg()[0];
          const measured = await measure(process.execPath, [path.join(projectRoot, 'src/cli/build.ts')], {
            cwd: projectRoot,
            env: baseEnv({
              PACKET_CONTENT_DIR: content.contentDir,
              PACKET_OUT_DIR: path.join(dir, 'dist'),
              PACKET_CACHE_DIR: path.join(dir, 'cache'),
              PACKET_TODAY: today,
              PACKET_TIMINGS: '1',
              ASTRO_TELEMETRY_DISABLED: '1',
            }),
            logFile: path.join(runsDir, `build-${run}.log`),
          });
          if (measured.exitCode !== 0) fail(`build of ${size} packets`, measured);
          const { logFile, ...rest } = measured;
          buildRuns.push({ ...rest, phases: phasesOf(logFile), loadBefore, load: loadavg()[0] });
          if (run === 0) result.build = { runs: buildRuns, median: summarize(buildRuns), ...countFiles(path.join(dir, 'dist')) };
          if (!options.keep) rmSync(dir, { recursive: true, force: true });
          log(
            `[${size}] build ${run + 1}: ${fixed(measured.wallSeconds)} s wall, ${fixed(measured.cpuSeconds)} s CPU, ${fixed(measured.peakRssMb, 0)} MB`,
          );
        }
        if (!options.skip.has('baseline')) {
          const dir = path.join(baselineProject, `run-${size}-${run}`);
          const { args, env } = baselineBuild(baselineProject, content.contentDir, path.join(dir, 'dist'), path.join(dir, 'cache'));
          const loadBefore = loadavg()[0];
          const measured = await measure(process.execPath, args, {
            cwd: baselineProject,
            env: baseEnv(env),
            logFile: path.join(runsDir, `baseline-${run}.log`),
          });
          if (measured.exitCode !== 0) fail(`bare Astro baseline build of ${size} PRDs`, measured);
          const { logFile: _, ...rest } = measured;
          baselineRuns.push({ ...rest, loadBefore, load: loadavg()[0] });
          if (run === 0) result.baseline = { runs: baselineRuns, median: summarize(baselineRuns), ...countFiles(path.join(dir, 'dist')) };
          if (!options.keep) rmSync(dir, { recursive: true, force: true });
          log(
            `[${size}] baseline ${run + 1}: ${fixed(measured.wallSeconds)} s wall, ${fixed(measured.cpuSeconds)} s CPU, ${fixed(measured.peakRssMb, 0)} MB`,
          );
        }
      }
      if (result.build) result.build.median = summarize(buildRuns);
      if (result.baseline) result.baseline.median = summarize(baselineRuns);
      if (result.build && result.baseline) {
        // Run i of ours and run i of the baseline ran one after the other: each pair saw about the same neighbours.
        const pairs = buildRuns.map((ours, index) => ({
          wall: ours.wallSeconds / baselineRuns[index]!.wallSeconds,
          cpu: ours.cpuSeconds / baselineRuns[index]!.cpuSeconds,
        }));
        result.ratio = {
          wall: result.build.median.wallSeconds / result.baseline.median.wallSeconds,
          cpu: result.build.median.cpuSeconds / result.baseline.median.cpuSeconds,
          pairs,
          spread: { wall: spreadOf(pairs.map((pair) => pair.wall)), cpu: spreadOf(pairs.map((pair) => pair.cpu)) },
        };
      }
      if (!options.keep) rmSync(sizeDir, { recursive: true, force: true });
      save();
    }
  } finally {
    cleanup();
  }
  const report = save();

  const out = [
    `Decision Packet benchmark: ${report.machine.cpus} cores, ${report.machine.memoryGb} GB, Node ${report.machine.node}, Astro ${report.machine.astro}; median of ${options.runs} run(s).`,
    '',
    table(results),
    '',
    'Each pair of runs, in the order they ran (ratios in brackets above: lowest–highest of the pairs):',
    '',
    pairTable(results),
    '',
    'Our build, phases (median s):',
    '',
    phaseTable(results),
    '',
    memoryTable(results),
    '',
    ...targets(results),
    '',
    `Every run: ${path.relative(process.cwd(), file)}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (options.keep) log(`Kept ${options.work}`);
}

try {
  statSync(path.join(projectRoot, 'node_modules/astro'));
  if (process.argv.slice(2).includes('--guard')) process.exitCode = await runGuard();
  else await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
