// `decision-packet init`: starts a repository's planning content. Writes the package's starter
// content folder (starter/content: a decision kind, a PRD, a decision in its safe state, the work
// item it gates, repositories.yaml), a GitHub Actions workflow that runs the package's own action, and a
// .gitignore for the build's output when the repository has none. Never
// overwrites: a content folder that already has files is refused (exit 2), an existing workflow
// is left as it is.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/build-date.ts';
import { gitTopLevel } from '../git/repository-root.ts';
import { HelpRequested } from './arguments.ts';
import { failUsage } from './check.ts';

const starterDir = fileURLToPath(new URL('../../starter/', import.meta.url));
const workflowFile = '.github/workflows/decision-packet.yml';

export const initUsage = `Usage: decision-packet init [--content <dir>]

Writes a starter content folder (default ./content, relative to this directory) and
${workflowFile} at the repository's root. Existing files are never overwritten.`;

function parse(argv: readonly string[]): { contentDir: string } {
  let contentDir = 'content';
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') throw new HelpRequested();
    if (argument === '--content' || argument.startsWith('--content=')) {
      const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      if (!value) throw new UsageError('--content needs a value.');
      contentDir = value;
      continue;
    }
    throw new UsageError(`Unknown argument: ${argument.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}`);
  }
  return { contentDir };
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
    const { contentDir } = parse(argv);
    const content = path.resolve(contentDir);
    if (existsSync(content) && readdirSync(content).length > 0) {
      throw new UsageError(
        'The content folder already has files; init writes only into a new or empty folder (use --content <dir> for another).',
      );
    }
    const root = (await gitTopLevel(process.cwd())) ?? process.cwd();
    const shown = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/') || '.';
    cpSync(path.join(starterDir, 'content'), content, { recursive: true, errorOnExist: true, force: false });
    const written = listFiles(content).map((file) => shown(path.join(content, file)));

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
    // What the build leaves behind, unless the repository already says what it ignores.
    const gitignore = path.join(root, '.gitignore');
    if (!existsSync(gitignore)) {
      writeFileSync(gitignore, 'node_modules/\ndist/\n.astro/\n', { flag: 'wx' });
      written.push(shown(gitignore));
    }
    process.stdout.write(
      `Wrote:\n${written.map((file) => `  ${file}`).join('\n')}\n\nNext: npx decision-packet check${contentDir === 'content' ? '' : ` --content ${shown(content)}`}, then npx decision-packet build.\n`,
    );
    return 0;
  } catch (error) {
    return failUsage(error, initUsage);
  }
}
