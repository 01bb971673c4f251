// `decision-packet check` (`npm run check` here): validate the content without rendering. Exit 0 valid, 1 rule broken, 2 usage/internal.
// With --base <git-ref>, the content at that commit is validated too and the change rules are
// added; only the head's violations and the change's are reported.
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { sortIssues, type Issue } from '../core/issue.ts';
import { changeIssues } from '../diff/change-rules.ts';
import { loadReviewSides } from '../diff/compare.ts';
import { displayRoot } from '../git/repository-root.ts';
import { redactIssues } from '../report/redact.ts';
import { appendJobSummary, emit } from '../report/output.ts';
import { githubSummary, report } from '../report/reporters.ts';
import { failsGate } from '../rules/catalog.ts';
import { editorSchemaDir, writeEditorSchemas } from '../schemas/json-schema.ts';
import { resolveContentDir, validate, type ValidationResult } from '../validate/validate.ts';
import { HelpRequested, parseArguments, usage, type CliOptions } from './arguments.ts';
import { exitAfter, reportInternalError } from './exit.ts';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseArguments(argv);
    const issues = await violations(options);
    const output = report(issues, options.format, { color: process.stdout.isTTY === true, siteUrl: siteUrl() });
    const fails = issues.some((issue) => failsGate(issue, options.strict));
    emit(options.format === 'pretty' && fails ? 'stderr' : 'stdout', output);
    if (options.format === 'github') appendJobSummary(githubSummary(issues));
    return fails ? 1 : 0;
  } catch (error) {
    return failUsage(error);
  }
}

async function violations(options: CliOptions): Promise<Issue[]> {
  const contentDir = resolveContentDir({ contentDir: options.contentDir });
  const validateOptions = { contentDir, cwd: await displayRoot(contentDir), requireVerifiedEvidence: options.requireVerifiedEvidence };
  if (options.base === undefined) return withEditorSchemas(await validate(validateOptions)).issues;
  const sides = await loadReviewSides(options.base, validateOptions);
  withEditorSchemas(sides.head);
  const secrets = [...sides.base.secrets, ...sides.head.secrets];
  return sortIssues(redactIssues([...sides.head.issues, ...changeIssues(sides.base, sides.head)], secrets));
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
