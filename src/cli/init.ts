// `decision-packet init [--preset adr]`: starts a repository's planning content. Writes the
// package's starter content folder (starter/content: a decision kind with an evidence kind, a PRD,
// a decision in its safe state, the work item it gates, one evidence reference to the repository's
// own first commit, repositories.yaml), or a preset's (starter/presets/<name>/content), a GitHub
// Actions workflow that runs the package's own action, and the build's output in .gitignore (a
// new one, or the lines an existing one lacks, said so). Never overwrites: a content folder that
// already has files is refused (exit 2), an existing workflow is left as it is.
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/build-date.ts';
import { createGitClient, type TreeEntry } from '../git/git-client.ts';
import { gitTopLevel } from '../git/repository-root.ts';
import { HelpRequested } from './arguments.ts';
import { failUsage } from './check.ts';

const starterDir = fileURLToPath(new URL('../../starter/', import.meta.url));
const workflowFile = '.github/workflows/decision-packet.yml';

const presets = ['adr'];

export const initUsage = `Usage: decision-packet init [--content <dir>] [--preset adr]

Writes a starter content folder (default ./content, relative to this directory) and
${workflowFile} at the repository's root. Existing files are never overwritten.
--preset adr: the architecture-decision-record kind (MADR) and a first ADR instead of the starter.`;

function parse(argv: readonly string[]): { contentDir: string; preset?: string } {
  let contentDir = 'content';
  let preset: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') throw new HelpRequested();
    if (argument === '--content' || argument.startsWith('--content=')) {
      const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      if (!value) throw new UsageError('--content needs a value.');
      contentDir = value;
      continue;
    }
    if (argument === '--preset' || argument.startsWith('--preset=')) {
      preset = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      if (!preset || !presets.includes(preset)) throw new UsageError(`--preset needs one of: ${presets.join(', ')}.`);
      continue;
    }
    throw new UsageError(`Unknown argument: ${argument.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}`);
  }
  return { contentDir, preset };
}

/** Every file below `dir`, relative and with / separators, sorted. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { contentDir, preset } = parse(argv);
    const content = path.resolve(contentDir);
    if (existsSync(content) && readdirSync(content).length > 0) {
      throw new UsageError(
        'The content folder already has files; init writes only into a new or empty folder (use --content <dir> for another).',
      );
    }
    const root = (await gitTopLevel(process.cwd())) ?? process.cwd();
    const shown = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/') || '.';
    const template = preset === undefined ? path.join(starterDir, 'content') : path.join(starterDir, 'presets', preset, 'content');
    cpSync(template, content, { recursive: true, errorOnExist: true, force: false });
    const written = listFiles(content).map((file) => shown(path.join(content, file)));
    const notes: string[] = [];
    if (preset === undefined) notes.push(await pointEvidenceAtFirstCommit(content, root));

    const workflow = path.join(root, workflowFile);
    if (existsSync(workflow)) {
      process.stdout.write(`Left ${shown(workflow)} as it is (it exists).\n`);
    } else {
      // The content folder as the workflow (run at the repository's root) names it; JSON is valid YAML.
      const contentFromRoot = path.relative(root, content).split(path.sep).join('/') || '.';
      const template = readFileSync(path.join(starterDir, 'github-workflow.yml'), 'utf8');
      mkdirSync(path.dirname(workflow), { recursive: true });
      writeFileSync(
        workflow,
        template.replaceAll('{{content}}', () => JSON.stringify(contentFromRoot)),
        { flag: 'wx' },
      );
      written.push(shown(workflow));
    }
    const ignored = ignoreBuildOutput(path.join(root, '.gitignore'), shown);
    if (ignored) notes.push(ignored);
    process.stdout.write(
      `Wrote:\n${written.map((file) => `  ${file}`).join('\n')}\n\n${notes.map((note) => `${note}\n`).join('')}` +
        `One manual step: in the repository's Settings → Pages, set Source to "GitHub Actions".\n\nNext: npx decision-packet check${contentDir === 'content' ? '' : ` --content ${shown(content)}`}, then npx decision-packet build.\n`,
    );
    return 0;
  } catch (error) {
    return failUsage(error, initUsage);
  }
}

const buildOutput = ['node_modules/', 'dist/', '.astro/'];

/** Adds the build's output to .gitignore: a new file, or the lines an existing one lacks. Says what it did. */
function ignoreBuildOutput(gitignore: string, shown: (file: string) => string): string | undefined {
  if (!existsSync(gitignore)) {
    writeFileSync(gitignore, `${buildOutput.join('\n')}\n`, { flag: 'wx' });
    return `Wrote ${shown(gitignore)} (${buildOutput.join(', ')}).`;
  }
  const text = readFileSync(gitignore, 'utf8');
  const lines = new Set(text.split(/\r?\n/).map((line) => line.trim().replace(/^\//, '').replace(/\/$/, '')));
  const missing = buildOutput.filter((entry) => !lines.has(entry.replace(/\/$/, '')));
  if (missing.length === 0) return undefined;
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  appendFileSync(gitignore, `${separator}# The Decision Packet build's output\n${missing.join('\n')}\n`);
  return `Extended ${shown(gitignore)} with ${missing.join(', ')}.`;
}

const placeholderCommit = /^commit: "0{40}"$/m;

/**
 * Points the starter's evidence at the repository's first commit (a file of it) and lets check
 * verify it there (local_path). A repository without a commit keeps the placeholder (all zeros,
 * not verified) and is told so.
 */
async function pointEvidenceAtFirstCommit(content: string, root: string): Promise<string> {
  const evidence = path.join(content, 'evidence', 'first-commit.yaml');
  const placeholder = 'evidence/first-commit.yaml names a placeholder commit (all zeros): replace it once the repository has a commit.';
  let commit: string | undefined;
  let file: string | undefined;
  try {
    const client = createGitClient(root);
    commit = await client.firstCommit();
    if (commit !== undefined) file = firstFile(await client.listTree(commit, ''));
  } catch {
    return placeholder;
  }
  if (commit === undefined || file === undefined) return placeholder;
  writeFileSync(
    evidence,
    readFileSync(evidence, 'utf8')
      .replace(placeholderCommit, () => `commit: "${commit}"`)
      .replace(/^path: .*$/m, () => `path: ${JSON.stringify(file)}`),
  );
  const repositories = path.join(content, 'repositories.yaml');
  const clone = path.relative(content, root).split(path.sep).join('/') || '.';
  writeFileSync(
    repositories,
    readFileSync(repositories, 'utf8').replace(/^(    url: .*)$/m, (line) => `${line}\n    local_path: ${JSON.stringify(clone)}`),
  );
  return `evidence/first-commit.yaml points at the repository's first commit (${file}).`;
}

/** A file of the commit to cite: a README when there is one, else the first file; never a link or submodule. */
function firstFile(entries: readonly TreeEntry[]): string | undefined {
  const files = entries.filter((entry) => entry.type === 'blob' && entry.mode !== '120000').map((entry) => entry.path);
  return files.find((file) => /^readme(?:\.|$)/i.test(file)) ?? files.sort()[0];
}
