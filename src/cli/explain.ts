// `decision-packet explain <packet> [--as-of <ref|YYYY-MM-DD>] [--format text|json] [--content <dir>]`:
// what a packet said at a commit (state, title, record, what it governed), so a review link to
// an old commit is answered with that commit's content, not today's. Exit 0 answered, 1
// undetermined or no such packet at that commit, 2 usage or internal error.
import { UsageError } from '../core/build-date.ts';
import { idPattern } from '../schemas/shared.ts';
import { contentAt } from '../governing/content-at.ts';
import { explainAnswer, explainText } from '../governing/answers.ts';
import { parseAsOfArguments } from './governing.ts';
import { failUsage, siteUrl } from './check.ts';

export const explainUsage = `Usage: npx decision-packet explain <packet-id> [--as-of <ref|YYYY-MM-DD>] [--format text|json] [--content <dir>]

What the packet said at a commit (default HEAD): its state, title, record and the paths it
governed. The content at that commit is judged by every rule first; when it breaks one the
answer is "undetermined" and shows nothing of the packet.
Exit status: 0 answered, 1 undetermined or no such packet at that commit, 2 usage or internal error.`;

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseAsOfArguments(argv);
    const [packet, ...extra] = options.positional;
    if (packet === undefined || extra.length > 0) throw new UsageError('Name exactly one packet id.');
    if (!idPattern.test(packet)) throw new UsageError('The packet id is not an id: letters, digits, "-" and "_".');
    const answer = explainAnswer(await contentAt(options.asOf, { contentDir: options.contentDir }), packet, siteUrl());
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(answer, null, 2)}\n` : explainText(answer));
    return answer.found ? 0 : 1;
  } catch (error) {
    return failUsage(error, explainUsage);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
