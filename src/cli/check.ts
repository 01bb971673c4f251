// `decision-packet check` (`npm run check` here): validate the content without rendering. Exit 0 valid, 1 rule broken, 2 usage/internal.
// With --base <git-ref>, the content at that commit is validated too and the change rules are
// added; only the head's violations and the change's are reported.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { sortIssues, type Issue } from '../core/issue.ts';
import { changeIssues } from '../diff/change-rules.ts';
import { loadReviewSides } from '../diff/compare.ts';
import { displayRoot } from '../integration/repository-root.ts';
import { redactError, redactIssues } from '../report/redact.ts';
import { githubSummary, report } from '../report/reporters.ts';
import { failsGate } from '../rules/catalog.ts';
import { editorSchemaDir, writeEditorSchemas } from '../schemas/json-schema.ts';
import { resolveContentDir, validate, type ValidationResult } from '../validate/validate.ts';
import { HelpRequested, parseArguments, usage, type CliOptions } from './arguments.ts';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseArguments(argv);
    const issues = await violations(options);
    const output = report(issues, options.format, { color: process.stdout.isTTY === true, siteUrl: siteUrl() });
    if (options.format === 'pretty' && issues.some((issue) => failsGate(issue, options.strict))) process.stderr.write(output);
    else process.stdout.write(output);
    if (options.format === 'github') writeJobSummary(githubSummary(issues));
    return issues.some((issue) => failsGate(issue, options.strict)) ? 1 : 0;
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

/** Appends to GitHub's job summary when the step has one ($GITHUB_STEP_SUMMARY). */
export function writeJobSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown);
}

/** How every command ends on an error: help (0), a usage error with the command's usage (2), or an internal error (2). */
export function failUsage(error: unknown, commandUsage: string = usage): number {
  if (error instanceof HelpRequested) {
    process.stdout.write(`${commandUsage}\n`);
    return 0;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${commandUsage}\n`);
    return 2;
  }
  // An internal error: say so plainly. The message may quote content, so it is masked, and the
  // stack is shown only on request (DEBUG=1), masked too.
  const detail = process.env.DEBUG ? redactError(error, { stack: true }) : `${redactError(error)}\nSet DEBUG=1 for the stack trace.`;
  process.stderr.write(`Decision Packet failed internally.\n${detail}\n`);
  return 2;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
