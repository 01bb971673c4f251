// The governing index at scale, in-process: 10,000 governing decisions (a fifth of them with "!"
// exceptions, some with globs that match a name anywhere) asked about 100,000 repository paths.
// `npm run bench:governing [-- <decisions> <paths>]`. Prints the time to build the index and to
// answer every path, and how many answers were found (so an empty run cannot pass for a fast one).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { governingIndex, type DecisionSummary } from '../src/governing/governing-index.ts';

const [decisionCount = 10_000, pathCount = 100_000] = process.argv.slice(2).map(Number);

function globsOf(index: number): string[] {
  const module = `packages/m${index % 2_000}`;
  const globs = [`${module}/src/f${index % 7}/**`, `${module}/docs/*.md`];
  if (index % 5 === 0) globs.push(`!${module}/src/f${index % 7}/legacy/`, `!**/*.snap`);
  if (index % 50 === 0) globs.push(`**/c${index % 13}.config.ts`);
  return globs;
}

const summaries: DecisionSummary[] = Array.from({ length: decisionCount }, (_, index) => ({
  id: `d-${String(index).padStart(6, '0')}`,
  kind: 'bench',
  state: 'accepted',
  stateLabel: 'Accepted',
  title: `Decision ${index}`,
  file: `decisions/d-${index}.yaml`,
  globs: globsOf(index),
  governs: true,
  retired: false,
  successors: [],
}));

const paths = Array.from({ length: pathCount }, (_, index) => {
  const module = `packages/m${index % 2_000}`;
  const shapes = [
    `${module}/src/f${index % 7}/a${index}.ts`,
    `${module}/src/f${index % 7}/legacy/b${index}.ts`,
    `${module}/src/f${index % 7}/x${index}.snap`,
    `${module}/docs/r${index}.md`,
    `${module}/test/c${index % 13}.config.ts`,
    `tools/t${index}.sh`,
  ];
  return shapes[index % shapes.length]!;
});

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const [started, startedCpu] = [performance.now(), cpu()];
const index = governingIndex(summaries);
const [built, builtCpu] = [performance.now(), cpu()];
let answers = 0;
for (const path of paths) answers += index.match(path).length;
const [answered, answeredCpu] = [performance.now(), cpu()];

console.log(
  `governing index: ${decisionCount.toLocaleString('en')} decisions, ${pathCount.toLocaleString('en')} paths: ` +
    `index ${((built - started) / 1000).toFixed(2)} s wall (${(builtCpu - startedCpu).toFixed(2)} s CPU), ` +
    `answers ${((answered - built) / 1000).toFixed(2)} s wall (${(answeredCpu - builtCpu).toFixed(2)} s CPU); ` +
    `${answers.toLocaleString('en')} decisions found; load ${os.loadavg()[0]!.toFixed(1)}`,
);
