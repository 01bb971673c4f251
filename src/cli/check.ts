// `decision-packet check` (`npm run check` here): validate the content without rendering. Exit 0 valid, 1 rule broken, 2 usage/internal.
// With --base <git-ref>, the content at that commit is validated too and the change rules are
// added; only the head's violations and the change's are reported.
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { sortIssues, type Issue } from '../core/issue.ts';
import { displayRoot } from '../git/repository-root.ts';
import { redactIssues, redactValue } from '../report/redact.ts';
import type { GoverningReview } from '../governing/review-section.ts';
import { appendJobSummary, emit } from '../report/output.ts';
import { githubSummary, report } from '../report/reporters.ts';
import { failsGate } from '../rules/catalog.ts';
import { editorSchemaDir, writeEditorSchemas } from '../schemas/json-schema.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { validate } from '../validate/validate.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { HelpRequested, parseArguments, usage, type CliOptions } from './arguments.ts';
import { exitAfter, reportInternalError } from './exit.ts';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseArguments(argv);
    const { issues, governing, headCommit } = await violations(options);
    const output = report(issues, options.format, { color: process.stdout.isTTY, siteUrl: siteUrl() });
    const fails = issues.some((issue) => failsGate(issue, options.strict));
    // With --base, the pretty report and the job summary also list the decisions governing the
    // changed files (the JSON array stays the contract's: `diff --format json` carries them).
    const review = governing ? { governing, texts: await import('../governing/review-section.ts') } : undefined;
    const governed = review && options.format === 'pretty' ? `\n${review.texts.governingReviewText(review.governing)}` : '';
    emit(options.format === 'pretty' && fails ? 'stderr' : 'stdout', `${output}${governed}`);
    if (options.format === 'github') {
      const governedMarkdown = review ? review.texts.governingReviewMarkdown(review.governing, siteUrl(), headCommit) : '';
      appendJobSummary(`${githubSummary(issues)}${governedMarkdown}`);
    }
    return fails ? 1 : 0;
  } catch (error) {
    return failUsage(error);
  }
}

interface Checked {
  issues: Issue[];
  /** With --base: the decisions governing the changed files, and the head commit links pin. */
  governing?: GoverningReview;
  headCommit?: string;
}

async function violations(options: CliOptions): Promise<Checked> {
  const contentDir = resolveContentDir({ contentDir: options.contentDir });
  const validateOptions = { contentDir, cwd: await displayRoot(contentDir), requireVerifiedEvidence: options.requireVerifiedEvidence };
  if (options.base === undefined) return { issues: withEditorSchemas(await validate(validateOptions)).issues };
  // Only a run with --base loads git history, the change rules and the governing review.
  const [{ loadReviewSides }, { changeIssues }, { changedFilesOf, governingReview }] = await Promise.all([
    import('../diff/compare.ts'),
    import('../diff/change-rules.ts'),
    import('../governing/review-section.ts'),
  ]);
  const sides = await loadReviewSides(options.base, validateOptions);
  withEditorSchemas(sides.head);
  const secrets = [...sides.base.secrets, ...sides.head.secrets];
  const changed = await changedFilesOf(sides.client, sides.baseCommit);
  const governing = redactValue(governingReview(sides.base, sides.head, changed), secrets);
  const issues = sortIssues(redactIssues([...sides.head.issues, ...changeIssues(sides.base, sides.head)], secrets));
  return { issues, governing, headCommit: sides.headCommit };
}

// Editors find the schemas of this content's kinds at a path that exists before any build.
function withEditorSchemas(result: ValidationResult): ValidationResult {
  if (result.records.kinds.size > 0) writeEditorSchemas(result.records, path.resolve(editorSchemaDir));
  return result;
}

/** PACKET_SITE + PACKET_BASE: the published site, for links; undefined when no origin is set. */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const origin = env.PACKET_SITE?.trim().replace(/\/+$/, '');
  if (!origin) return undefined;
  const base = (env.PACKET_BASE?.trim() || '/').replace(/^\/?/, '/').replace(/\/?$/, '/');
  return `${origin}${base}`;
}

/** How every command ends on an error: help (0), a usage error with the command's usage (2), or an internal error (2). */
export function failUsage(error: unknown, commandUsage: string = usage): number {
  if (error instanceof HelpRequested) {
    emit('stdout', `${commandUsage}\n`);
    return 0;
  }
  if (error instanceof UsageError) {
    emit('stderr', `${error.message}\n\n${commandUsage}\n`);
    return 2;
  }
  // An internal error: say so plainly. The message may quote content, so it is masked, and the
  // stack is shown only on request (DEBUG=1), masked too.
  reportInternalError(error);
  return 2;
}

if (import.meta.main) {
  await exitAfter(() => main(process.argv.slice(2)));
}
