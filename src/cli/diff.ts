// `npm run diff -- --base <git-ref>`: what the change from that commit to the working tree does
// to every packet, as a markdown review comment (default) or versioned JSON. Exit 0 when the
// review was written (the verdict is `check --base`'s), 2 for a usage or internal error.
import { UsageError } from '../core/build-date.ts';
import { sortIssues } from '../core/issue.ts';
import { encodePath, fileUrl } from '../core/links.ts';
import { changeIssues } from '../diff/change-rules.ts';
import { loadReviewSides } from '../diff/compare.ts';
import { diffPackets } from '../diff/packet-diff.ts';
import { reviewDocument, reviewMarkdown, type MarkdownLinks } from '../diff/review-document.ts';
import { appendJobSummary, emit } from '../report/output.ts';
import { redactIssues, redactValue } from '../report/redact.ts';
import { displayRoot } from '../git/repository-root.ts';
import { contentRepository } from '../site/timelines.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { changedFilesOf, governingReview, governingReviewMarkdown } from '../governing/review-section.ts';
import { flags, HelpRequested, unknownArgument } from './arguments.ts';
import { failUsage, siteUrl } from './check.ts';
import { exitAfter } from './exit.ts';

export const diffFormats = ['markdown', 'json'] as const;
export type DiffFormat = (typeof diffFormats)[number];

export interface DiffOptions {
  base: string;
  format: DiffFormat;
  contentDir?: string;
  /** Also append the markdown to $GITHUB_STEP_SUMMARY. */
  summary: boolean;
}

export const diffUsage = `Usage: npx decision-packet diff --base <git-ref> [--format markdown|json] [--content <dir>] [--summary]

--base <git-ref>   the revision to compare the working tree's content with (a branch, tag or commit)
--format           markdown (default: a review comment) or json (version 1, see the README)
--summary          also append the markdown to $GITHUB_STEP_SUMMARY
Environment: PACKET_SITE, PACKET_BASE (links to the published packets), PACKET_CONTENT_DIR.
Exit status: 0 the review was written, 2 usage or internal error (a base that is not a commit).`;

export function parseDiffArguments(argv: readonly string[]): DiffOptions {
  let base: string | undefined;
  let format: DiffFormat = 'markdown';
  let contentDir: string | undefined;
  let summary = false;
  for (const { flag, argument, value } of flags(argv)) {
    switch (flag) {
      case '--base':
        base = value();
        break;
      case '--format': {
        const given = value();
        if (!(diffFormats as readonly string[]).includes(given)) throw new UsageError(`--format must be one of ${diffFormats.join(', ')}.`);
        format = given as DiffFormat;
        break;
      }
      case '--content':
        contentDir = value();
        break;
      case '--summary':
        summary = true;
        break;
      case '--help':
      case '-h':
        throw new HelpRequested();
      default:
        throw unknownArgument(argument);
    }
  }
  if (base === undefined) throw new UsageError('diff needs --base <git-ref>: the revision to compare with.');
  return { base, format, contentDir, summary };
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseDiffArguments(argv);
    const contentDir = resolveContentDir({ contentDir: options.contentDir });
    const sides = await loadReviewSides(options.base, { contentDir, cwd: await displayRoot(contentDir) });
    const secrets = [...sides.base.secrets, ...sides.head.secrets];
    const violations = sortIssues(redactIssues([...sides.head.issues, ...changeIssues(sides.base, sides.head)], secrets));
    // Every string of the review (ids, labels, paths, values of either side) masked before it is
    // rendered, so that escaping never splits a secret out of the masking's sight.
    const review = redactValue(
      reviewDocument({
        revision: options.base,
        baseCommit: sides.baseCommit,
        headCommit: sides.headCommit,
        baseViolations: sides.base.issues.length,
        violations,
        diff: diffPackets(sides.base, sides.head),
      }),
      secrets,
    );
    const links: MarkdownLinks = { siteUrl: siteUrl(), repositoryPath: sides.repositoryPath, fileAt: await fileLinks(sides.head) };
    const governing = redactValue(governingReview(sides.base, sides.head, await changedFilesOf(sides.client, sides.baseCommit)), secrets);
    const markdown = `${reviewMarkdown(review, links)}${governingReviewMarkdown(governing, siteUrl(), sides.headCommit)}`;
    emit('stdout', options.format === 'json' ? `${JSON.stringify({ ...review, governing }, null, 2)}\n` : markdown, secrets);
    if (options.summary) appendJobSummary(`${markdown}\n`, secrets);
    return 0;
  } catch (error) {
    return failUsage(error, diffUsage);
  }
}

/** Commit-pinned file links: GitHub Actions' own repository, else the content repository in repositories.yaml. */
async function fileLinks(head: Awaited<ReturnType<typeof loadReviewSides>>['head']): Promise<MarkdownLinks['fileAt']> {
  const server = process.env.GITHUB_SERVER_URL;
  const repository = process.env.GITHUB_REPOSITORY;
  if (server && repository && /^https:\/\/[^/\s]+$/.test(server) && /^[\w.-]+\/[\w.-]+$/.test(repository)) {
    return (commit, file) => `${server}/${repository}/blob/${commit}/${encodePath(file)}`;
  }
  const content = await contentRepository(head.records, head.contentRoot);
  return content ? (commit, file) => fileUrl(content, commit, file) : undefined;
}

if (import.meta.main) {
  await exitAfter(() => main(process.argv.slice(2)));
}
