// `decision-packet governing <path>… [--as-of <ref|YYYY-MM-DD>] [--format text|json] [--content <dir>]`:
// which decisions governed each path at that commit, read from git without a checkout. Exit 0
// answered, 1 undetermined (the content at that commit breaks a rule), 2 usage or internal error.
import { UsageError } from '../core/build-date.ts';
import { contentAt } from '../governing/content-at.ts';
import { governingAnswer, governingText } from '../governing/answers.ts';
import { flags, HelpRequested, unknownArgument } from './arguments.ts';
import { failUsage, siteUrl } from './check.ts';

export const governingUsage = `Usage: npx decision-packet governing <path>… [--as-of <ref|YYYY-MM-DD>] [--format text|json] [--content <dir>]

The decisions that governed each path (relative to the directory it runs in) at a commit: HEAD,
a revision, or the last commit on HEAD's first-parent line by the end of a date (UTC). The
content is read from that commit and judged by every rule; when it breaks one, the answer is
"undetermined" (exit 1) and names no decision.
Exit status: 0 answered, 1 undetermined, 2 usage or internal error.`;

export interface AsOfOptions {
  asOf?: string;
  format: 'text' | 'json';
  contentDir?: string;
  positional: string[];
}

/** The options `governing` and `explain` share. */
export function parseAsOfArguments(argv: readonly string[]): AsOfOptions {
  const options: AsOfOptions = { format: 'text', positional: [] };
  for (const { flag, argument, value } of flags(argv)) {
    if (flag === '--as-of') options.asOf = value();
    else if (flag === '--content') options.contentDir = value();
    else if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json.');
      options.format = format;
    } else if (flag === '--help' || flag === '-h') throw new HelpRequested();
    else if (argument.startsWith('-')) throw unknownArgument(argument);
    else options.positional.push(argument);
  }
  return options;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseAsOfArguments(argv);
    if (options.positional.length === 0) throw new UsageError('Name at least one path.');
    const at = await contentAt(options.asOf, { contentDir: options.contentDir });
    const paths = options.positional.map((given) => {
      const inRepository = at.repositoryPath(given);
      if (inRepository === undefined || inRepository === '') throw new UsageError("A path is outside the content's repository.");
      return inRepository;
    });
    const answer = governingAnswer(at, paths, siteUrl());
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(answer, null, 2)}\n` : governingText(answer));
    return answer.determined ? 0 : 1;
  } catch (error) {
    return failUsage(error, governingUsage);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
