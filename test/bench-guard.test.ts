// Regression guard for build speed: 200 generated packets are checked (they must be valid, so
// the guard cannot pass on an empty build), then built once by us and once by the bare Astro
// baseline (bench/baseline.ts), each a whole cold process. It fails when our CPU time (user +
// system, children included) exceeds the baseline's by more than MAX_RATIO. CPU time, not wall
// time: on a loaded two-core machine wall time swings with the neighbours, CPU time much less.
// `npm run bench` measures the full picture; see bench/README.md.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineBuild, createBaselineProject } from '../bench/baseline.ts';
import { generateContent } from '../bench/generate-content.ts';
import { baseEnv, measure, tail, type Measurement } from '../bench/measure.ts';
import { projectRoot } from './helpers/fixtures.ts';

const PACKETS = 200;
/** Ours/baseline CPU time. Measured on 2 cores: 3.1–3.2 (see bench/README.md); a change that costs half again as much fails. */
const MAX_RATIO = 5;

// Inside the project (git-ignored): when Astro's outDir lies outside the working directory, it
// puts its prerender bundle in <project>/.astro/.prerender/, shared with every such build.
const work = path.join(projectRoot, 'test/.tmp', `bench-guard-${process.pid}-${Date.now()}`);

const describeMeasure = (what: string, run: Measurement) => `${what}: ${run.wallSeconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU`;

describe(`build speed against bare Astro (${PACKETS} packets)`, () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(`our build takes at most ${MAX_RATIO}× the CPU time of the bare Astro baseline`, async () => {
    mkdirSync(work, { recursive: true });
    const { contentDir } = generateContent(path.join(work, 'packets'), PACKETS);
    const env = { PACKET_CONTENT_DIR: contentDir, PACKET_TODAY: '2026-11-24', ASTRO_TELEMETRY_DISABLED: '1' };

    const check = await measure(process.execPath, [path.join(projectRoot, 'src/cli/check.ts')], { cwd: projectRoot, env: baseEnv(env), logFile: path.join(work, 'check.log') });
    expect(check.exitCode, `check of the generated content failed:\n${tail(check.logFile)}`).toBe(0);

    const ours = await measure(process.execPath, [path.join(projectRoot, 'src/cli/build.ts')], {
      cwd: projectRoot,
      env: baseEnv({ ...env, PACKET_OUT_DIR: path.join(work, 'ours/dist'), PACKET_CACHE_DIR: path.join(work, 'ours/cache') }),
      logFile: path.join(work, 'ours.log'),
    });
    expect(ours.exitCode, `our build failed:\n${tail(ours.logFile)}`).toBe(0);

    const project = createBaselineProject(path.join(work, 'baseline'));
    const { args, env: baselineEnv } = baselineBuild(project, contentDir, path.join(project, 'dist'), path.join(project, 'cache'));
    const baseline = await measure(process.execPath, args, { cwd: project, env: baseEnv(baselineEnv), logFile: path.join(work, 'baseline.log') });
    expect(baseline.exitCode, `the baseline build failed:\n${tail(baseline.logFile)}`).toBe(0);

    const ratio = ours.cpuSeconds / baseline.cpuSeconds;
    const summary = `${describeMeasure('ours', ours)}; ${describeMeasure('bare Astro', baseline)}; CPU ratio ${ratio.toFixed(2)} (bound ${MAX_RATIO})`;
    console.log(`bench guard, ${PACKETS} packets: ${summary}`);
    expect(Number.isFinite(ratio), summary).toBe(true);
    expect(ratio, summary).toBeLessThanOrEqual(MAX_RATIO);
  });
});
