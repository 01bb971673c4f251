// Regression guard for build speed (`npm run bench -- --guard`, a step of .ci/run): 200 generated
// packets are checked (they must be valid, so the guard cannot pass on an empty build), then built
// once by us and once by the bare Astro baseline (bench/baseline.ts), each a whole cold process.
// It fails when our CPU time (user + system, children included) exceeds the baseline's by more
// than MAX_RATIO. CPU time, not wall time: on a loaded two-core machine wall time swings with the
// neighbours, CPU time much less. Kept out of `npm test`: a timed assertion is no unit test.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { baselineBuild, createBaselineProject } from './baseline.ts';
import { generateContent } from './generate-content.ts';
import { baseEnv, measure, projectRoot, tail, type Measurement } from './measure.ts';

export const GUARD_PACKETS = 200;
/** Ours/baseline CPU time. Measured on 2 cores: 3.1–3.2 (see bench/README.md); a change that costs half again as much fails. */
export const MAX_RATIO = 5;

const describeMeasure = (what: string, run: Measurement) =>
  `${what}: ${run.wallSeconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU`;

/** Runs the guard; returns the exit code (0 within the bound, 1 otherwise) after printing why. */
export async function runGuard(): Promise<number> {
  // Inside the project (git-ignored): when Astro's outDir lies outside the working directory, it
  // puts its prerender bundle in <project>/.astro/.prerender/, shared with every such build.
  const work = path.join(projectRoot, 'bench/.tmp', `guard-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  const fail = (message: string) => {
    process.stderr.write(`bench guard failed: ${message}\n`);
    return 1;
  };
  try {
    const { contentDir } = generateContent(path.join(work, 'packets'), GUARD_PACKETS);
    const env = { PACKET_CONTENT_DIR: contentDir, PACKET_TODAY: '2026-11-24', ASTRO_TELEMETRY_DISABLED: '1' };

    const check = await measure(process.execPath, [path.join(projectRoot, 'src/cli/check.ts')], {
      cwd: projectRoot,
      env: baseEnv(env),
      logFile: path.join(work, 'check.log'),
    });
    if (check.exitCode !== 0) return fail(`check of the generated content failed:\n${tail(check.logFile)}`);

    const ours = await measure(process.execPath, [path.join(projectRoot, 'src/cli/build.ts')], {
      cwd: projectRoot,
      env: baseEnv({ ...env, PACKET_OUT_DIR: path.join(work, 'ours/dist'), PACKET_CACHE_DIR: path.join(work, 'ours/cache') }),
      logFile: path.join(work, 'ours.log'),
    });
    if (ours.exitCode !== 0) return fail(`our build failed:\n${tail(ours.logFile)}`);

    const project = createBaselineProject(path.join(work, 'baseline'));
    const { args, env: baselineEnv } = baselineBuild(project, contentDir, path.join(project, 'dist'), path.join(project, 'cache'));
    const baseline = await measure(process.execPath, args, {
      cwd: project,
      env: baseEnv(baselineEnv),
      logFile: path.join(work, 'baseline.log'),
    });
    if (baseline.exitCode !== 0) return fail(`the baseline build failed:\n${tail(baseline.logFile)}`);

    const ratio = ours.cpuSeconds / baseline.cpuSeconds;
    const summary = `${describeMeasure('ours', ours)}; ${describeMeasure('bare Astro', baseline)}; CPU ratio ${ratio.toFixed(2)} (bound ${MAX_RATIO})`;
    process.stdout.write(`bench guard, ${GUARD_PACKETS} packets: ${summary}\n`);
    if (!Number.isFinite(ratio) || ratio > MAX_RATIO) return fail(summary);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
