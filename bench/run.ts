// `npm run bench`: measures `check` and `build` at several sizes against a bare Astro baseline.
//
//   npm run bench -- [--sizes 20,500,1000,10000] [--build-sizes 1000,10000] [--runs 3] [--check-runs 5]
//                    [--keep] [--no-git] [--skip baseline,all-pages,check,build] [--work <dir>]
//   BENCH_SIZES=20,500 BENCH_BUILD_SIZES=20 npm run bench     the same sizes from the environment
//   npm run bench -- --guard     the regression guard alone (bench/guard.ts): 200 packets, exit 1 beyond its bound
//
// For each size it generates valid content (bench/generate-content.ts), runs `check` and then, at
// the build sizes, alternately our build and the two bare Astro baselines (bench/baseline.ts: the
// PRD pages alone, and every page the packet site has per item), each run a whole cold
// process with its own output and cache folders, measured by /usr/bin/time -v. Medians, the
// ratios ours/baseline with their spread over the pairs of runs and the load average before each
// run go to tables on stdout, and every run to bench/results/<timestamp>.json. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baselineBuild, createBaselineProject, type BaselineVariant } from './baseline.ts';
import { runGuard } from './guard.ts';
import { generateContent } from './generate-content.ts';
import { baseEnv, hasGnuTime, measure, median, projectRoot, tail, type Measurement } from './measure.ts';

interface Options {
  sizes: number[];
  /** Sizes at which the builds run too (the others are checked only). */
  buildSizes: number[];
  runs: number;
  checkRuns: number;
  keep: boolean;
  git: boolean;
  skip: Set<string>;
  work: string;
  /** Write the tables, with the commit, into bench/README.md's latest-run section. */
  updateReadme: boolean;
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
  /** Bare Astro, the PRD pages alone. */
  baseline?: Series;
  /** Bare Astro, every packet, work-item and evidence page. */
  allPages?: Series;
  /** Ours/baseline: ratio of the medians, each pair's ratio, and their spread (lowest–highest of the pairs). */
  ratio?: Ratio;
  /** Ours/all-pages baseline, the same way. */
  ratioAll?: Ratio;
}

interface Ratio {
  wall: number;
  cpu: number;
  pairs: PairRatio[];
  spread: { wall: [number, number]; cpu: [number, number] };
}

const today = '2026-11-24';
const usageLine =
  'Usage: npm run bench -- [--sizes 20,500,1000,10000] [--build-sizes 1000,10000] [--runs 3] [--check-runs 5] [--keep] [--no-git] [--skip baseline,all-pages,check,build] [--work <dir>] [--update-readme]';

const sizeList = (text: string) => text.split(',').map((size) => Number(size.trim()));

function parseOptions(argv: readonly string[]): Options {
  const timestamp = new Date().toISOString().replace(/[:.]/g, '-');
  const options: Options = {
    sizes: sizeList(process.env.BENCH_SIZES || '20,500,1000,10000'),
    buildSizes: sizeList(process.env.BENCH_BUILD_SIZES || '1000,10000'),
    runs: 3,
    checkRuns: 5,
    keep: false,
    git: true,
    skip: new Set(),
    // Inside the project on purpose: when Astro's outDir lies outside the working directory, it
    // writes its prerender bundle to <project>/.astro/.prerender/, which every such build shares.
    work: path.join(projectRoot, 'bench/.tmp', timestamp),
    updateReadme: false,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--sizes') options.sizes = sizeList(value());
    else if (flag === '--build-sizes') options.buildSizes = sizeList(value());
    else if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--check-runs') options.checkRuns = Number(value());
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--no-git') options.git = false;
    else if (flag === '--skip') options.skip = new Set(value().split(','));
    else if (flag === '--work') options.work = path.resolve(value(), timestamp);
    else if (flag === '--update-readme') options.updateReadme = true;
    else throw new Error(`Unknown argument ${flag}. ${usageLine}`);
  }
  for (const sizes of [options.sizes, options.buildSizes])
    if (sizes.some((size) => !Number.isInteger(size) || size < 1))
      throw new Error(`Sizes are positive integers, e.g. 200,1000. ${usageLine}`);
  for (const runs of [options.runs, options.checkRuns])
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs and --check-runs take a positive integer. ${usageLine}`);
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

/** Ours/baseline: run i of ours and run i of the baseline ran one after the other, so each pair saw about the same neighbours. */
function ratioOf(ours: Run[], baseline: Run[]): Ratio {
  const pairs = ours.map((run, index) => ({
    wall: run.wallSeconds / baseline[index]!.wallSeconds,
    cpu: run.cpuSeconds / baseline[index]!.cpuSeconds,
  }));
  const wall = median(ours.map((run) => run.wallSeconds)) / median(baseline.map((run) => run.wallSeconds));
  const cpu = median(ours.map((run) => run.cpuSeconds)) / median(baseline.map((run) => run.cpuSeconds));
  return { wall, cpu, pairs, spread: { wall: spreadOf(pairs.map((pair) => pair.wall)), cpu: spreadOf(pairs.map((pair) => pair.cpu)) } };
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
    'ours/bare PRDs wall (pairs)',
    'ours/bare PRDs CPU (pairs)',
    'ours/bare all pages wall (pairs)',
    'ours/bare all pages CPU (pairs)',
  ];
  const rows: string[][] = [];
  for (const result of results) {
    for (const [name, series] of [
      ['check', result.check],
      ['build', result.build],
      ['baseline', result.baseline],
      ['all-pages', result.allPages],
    ] as const) {
      if (!series) continue;
      const ratios = name === 'build' ? [result.ratio, result.ratioAll] : [];
      rows.push([
        String(result.packets),
        name,
        fixed(series.median.wallSeconds),
        fixed(series.median.cpuSeconds),
        fixed(series.median.peakRssMb, 0),
        series.pages === undefined ? '' : String(series.pages),
        ...[0, 1].flatMap((index) => {
          const ratio = ratios[index];
          return ratio ? [ratioCell(ratio.wall, ratio.spread.wall), ratioCell(ratio.cpu, ratio.spread.cpu)] : ['', ''];
        }),
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

/** Every run in the order it ran, with the load average before it: ours and the baselines alternate. */
function pairTable(results: SizeResult[]): string {
  const lines = [
    '| packets | pair | ours wall s | ours CPU s | load | bare PRDs wall s | CPU s | load | bare all pages wall s | CPU s | load | wall ratios | CPU ratios |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const both = (pairs: (PairRatio | undefined)[], key: keyof PairRatio) =>
    pairs.map((pair) => (pair ? `${fixed(pair[key], 2)}×` : '–')).join(' / ');
  for (const result of results) {
    const count = Math.max(result.build?.runs.length ?? 0, result.baseline?.runs.length ?? 0, result.allPages?.runs.length ?? 0);
    for (let index = 0; index < count; index += 1) {
      const cells = [result.build, result.baseline, result.allPages].flatMap((series) => {
        const run = series?.runs[index];
        return [fixed(run?.wallSeconds), fixed(run?.cpuSeconds), fixed(run?.loadBefore, 2)];
      });
      const pairs = [result.ratio?.pairs[index], result.ratioAll?.pairs[index]];
      lines.push(`| ${result.packets} | ${index + 1} | ${cells.join(' | ')} | ${both(pairs, 'wall')} | ${both(pairs, 'cpu')} |`);
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
      ['all-pages', result.allPages],
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

/** The targets of issue 24 (2 cores, ratios in one sitting). */
function targets(results: SizeResult[]): string[] {
  const verdicts: string[] = [];
  const verdict = (ok: boolean, text: string) => verdicts.push(`${ok ? 'holds ' : 'misses'}  ${text}`);
  const checkLimits: [number, number, number?][] = [
    [20, 0.4],
    [500, 0.7],
    [10000, 5, 700],
  ];
  for (const [packets, seconds, mb] of checkLimits) {
    const check = results.find((result) => result.packets === packets)?.check?.median;
    if (!check) continue;
    const memory = mb === undefined ? '' : ` and ≤ ${mb} MB`;
    verdict(
      check.wallSeconds <= seconds && (mb === undefined || check.peakRssMb <= mb),
      `check ${packets.toLocaleString('en')} packets ≤ ${seconds} s wall${memory}: ${fixed(check.wallSeconds, 2)} s, ${fixed(check.peakRssMb, 0)} MB`,
    );
  }
  for (const result of results) {
    const { ratio, ratioAll, build, baseline } = result;
    const size = result.packets.toLocaleString('en');
    if (result.packets === 1000 && ratio)
      verdict(ratio.wall <= 2.8, `build ${size} packets ≤ 2.8× bare Astro (PRDs) wall: ${ratioCell(ratio.wall, ratio.spread.wall)}`);
    if ((result.packets === 1000 || result.packets === 10000) && ratioAll)
      verdict(
        ratioAll.wall <= 1.2,
        `build ${size} packets ≤ 1.2× bare Astro (all pages) wall: ${ratioCell(ratioAll.wall, ratioAll.spread.wall)}`,
      );
    if (result.packets === 10000 && build) {
      verdict(build.median.wallSeconds <= 290, `build ${size} packets ≤ 290 s wall: ${fixed(build.median.wallSeconds)} s`);
      if (baseline)
        verdict(
          build.median.peakRssMb <= baseline.median.peakRssMb,
          `build ${size} packets peak ≤ bare Astro's: ${fixed(build.median.peakRssMb, 0)} MB vs ${fixed(baseline.median.peakRssMb, 0)} MB`,
        );
    }
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
    const { sizes, buildSizes, runs, checkRuns, git } = options;
    const report = { date, machine: machine(), options: { sizes, buildSizes, runs, checkRuns, git, today }, results };
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  };
  try {
    const baselineProjects = {
      prds: createBaselineProject(path.join(options.work, 'baseline-project'), 'prds'),
      'all-pages': createBaselineProject(path.join(options.work, 'all-pages-project'), 'all-pages'),
    };
    const bin = path.join(projectRoot, 'bin/decision-packet.js');
    let warm = false;
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

      // check, as `npm run check` and `npx decision-packet check` run it: also proves the generated
      // content is valid (exit 0), so a build cannot pass on nothing. The first check of the bench
      // is not measured: it fills Node's compile cache, as any earlier run on that machine has.
      const checkRuns: Run[] = [];
      const checkEnv = baseEnv({ PACKET_CONTENT_DIR: content.contentDir, PACKET_TODAY: today });
      if (!warm) {
        const warmUp = await measure(process.execPath, [bin, 'check'], {
          cwd: projectRoot,
          env: checkEnv,
          logFile: path.join(runsDir, 'check-warm-up.log'),
        });
        if (warmUp.exitCode !== 0) fail(`check of ${size} generated packets`, warmUp);
        warm = true;
      }
      for (let run = 0; run < (options.skip.has('check') ? 1 : options.checkRuns); run += 1) {
        const loadBefore = loadavg()[0];
        const measured = await measure(process.execPath, [bin, 'check'], {
          cwd: projectRoot,
          env: checkEnv,
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
      const baselineRuns: Record<BaselineVariant, Run[]> = { prds: [], 'all-pages': [] };
      const builds = options.buildSizes.includes(size) ? options.runs : 0;
      for (let run = 0; run < builds; run += 1) {
        if (!options.skip.has('build')) {
          const dir = path.join(runsDir, `build-${run}`);
          const loadBefore = loadavg()[0];
          const measured = await measure(process.execPath, [bin, 'build'], {
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
        for (const variant of ['prds', 'all-pages'] as const) {
          if (options.skip.has(variant === 'prds' ? 'baseline' : 'all-pages')) continue;
          const project = baselineProjects[variant];
          const dir = path.join(project, `run-${size}-${run}`);
          const { args, env } = baselineBuild(project, content.contentDir, path.join(dir, 'dist'), path.join(dir, 'cache'));
          const loadBefore = loadavg()[0];
          const measured = await measure(process.execPath, args, {
            cwd: project,
            env: baseEnv(env),
            logFile: path.join(runsDir, `baseline-${variant}-${run}.log`),
          });
          if (measured.exitCode !== 0) fail(`bare Astro baseline (${variant}) build of ${size} packets`, measured);
          const { logFile: _, ...rest } = measured;
          const runs = baselineRuns[variant];
          runs.push({ ...rest, loadBefore, load: loadavg()[0] });
          const series = { runs, median: summarize(runs), ...(run === 0 ? countFiles(path.join(dir, 'dist')) : {}) };
          if (variant === 'prds') result.baseline = { ...result.baseline, ...series };
          else result.allPages = { ...result.allPages, ...series };
          if (!options.keep) rmSync(dir, { recursive: true, force: true });
          log(
            `[${size}] bare Astro (${variant}) ${run + 1}: ${fixed(measured.wallSeconds)} s wall, ${fixed(measured.cpuSeconds)} s CPU, ${fixed(measured.peakRssMb, 0)} MB`,
          );
        }
      }
      if (result.build) result.build.median = summarize(buildRuns);
      if (result.build && result.baseline) result.ratio = ratioOf(buildRuns, baselineRuns.prds);
      if (result.build && result.allPages) result.ratioAll = ratioOf(buildRuns, baselineRuns['all-pages']);
      if (!options.keep) rmSync(sizeDir, { recursive: true, force: true });
      save();
    }
  } finally {
    cleanup();
  }
  const report = save();

  const out = [
    `Decision Packet benchmark: ${report.machine.cpus} cores, ${report.machine.memoryGb} GB, Node ${report.machine.node}, Astro ${report.machine.astro}; check: median of ${options.checkRuns} run(s), builds: of ${options.runs}; load average now ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}.`,
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
  if (options.updateReadme)
    writeLatestRun(report, options, [
      table(results),
      pairTable(results),
      memoryTable(results),
      targets(results)
        .map((line) => `- ${line}`)
        .join('\n'),
    ]);
  if (options.keep) log(`Kept ${options.work}`);
}

const latestStart = '<!-- bench:latest:start -->';
const latestEnd = '<!-- bench:latest:end -->';

/** Replaces bench/README.md's latest-run section with this run's tables, its commit and its load. */
function writeLatestRun(
  report: { date: string; machine: ReturnType<typeof machine>; results: SizeResult[] },
  options: Options,
  tables: string[],
): void {
  const readme = path.join(projectRoot, 'bench/README.md');
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(latestStart);
  const end = text.indexOf(latestEnd);
  if (start < 0 || end < start) throw new Error(`bench/README.md has no ${latestStart} … ${latestEnd} section to update.`);
  const { machine: m, date, results } = report;
  const known = results
    .flatMap((result) => [result.check, result.build, result.baseline, result.allPages])
    .flatMap((series) => series?.runs ?? [])
    .flatMap((run) => (run.loadBefore === undefined ? [] : [run.loadBefore]));
  const commit = `${m.commit?.slice(0, 7) ?? 'unknown'}${m.uncommittedChanges ? ' with uncommitted changes' : ''}`;
  const section = [
    latestStart,
    '',
    `\`npm run bench -- --sizes ${options.sizes.join(',')} --build-sizes ${options.buildSizes.join(',')} --runs ${options.runs} --check-runs ${options.checkRuns}${options.skip.size ? ` --skip ${[...options.skip].join(',')}` : ''} --update-readme\`` +
      ` on ${date.slice(0, 10)} at commit ${commit}: ${m.cpus} cores, ${m.memoryGb} GB, Node ${m.node}, Astro ${m.astro};` +
      ` load average ${known.length ? `${fixed(Math.min(...known), 1)}–${fixed(Math.max(...known), 1)}` : 'unknown'} before the runs.`,
    '',
    ...tables.flatMap((part) => [part, '']),
    latestEnd,
  ].join('\n');
  writeFileSync(readme, `${text.slice(0, start)}${section}${text.slice(end + latestEnd.length)}`);
}

try {
  statSync(path.join(projectRoot, 'node_modules/astro'));
  if (process.argv.slice(2).includes('--guard')) process.exitCode = await runGuard();
  else await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
