// Reporters print a finished, sorted issue list once: pretty (terminals), json, github
// (annotations, capped as GitHub caps them), codequality (GitLab merge requests, codequality.ts),
// sarif (code scanning, sarif.ts).
import type { Issue } from '../core/issue.ts';
import { getRule, severityOf, type RuleId } from '../rules/catalog.ts';
import { toCodeQuality } from './codequality.ts';
import { codeSpan, markdownText, tableRow, terminalText, workflowData, workflowProperty } from './escape.ts';
import { toSarif, type SarifOptions } from './sarif.ts';

export const formats = ['pretty', 'json', 'github', 'codequality', 'sarif'] as const;
export type Format = (typeof formats)[number];

/** GitHub shows at most 10 error annotations per step and drops the rest without a word. */
export const GITHUB_ANNOTATION_LIMIT = 10;

export interface ReportOptions extends SarifOptions {
  color?: boolean;
}

export function report(issues: readonly Issue[], format: Format, options: ReportOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(issues.map(issueJson), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(issues, options), null, 2)}\n`;
    case 'github':
      return toGithubLog(issues);
    case 'codequality':
      return `${JSON.stringify(toCodeQuality(issues), null, 2)}\n`;
    case 'pretty':
      return toPretty(issues, options.color ?? false);
  }
}

/** One violation as the JSON reporter (and the review's JSON) prints it. */
export function issueJson(issue: Issue) {
  return {
    file: issue.file,
    line: issue.line ?? null,
    column: issue.column ?? null,
    field: issue.field ?? null,
    rule: issue.ruleId,
    name: getRule(issue.ruleId as RuleId).name,
    severity: severityOf(issue.ruleId),
    message: issue.message,
    hint: issue.hint,
  };
}

/** `<file>:<line>:<column>` first: the form editors and terminals make clickable. */
export function formatLocation(issue: Issue): string {
  return `${issue.file}:${issue.line ?? 1}:${issue.column ?? 1}`;
}

export function formatIssueLine(issue: Issue): string {
  const field = issue.field ? ` ${issue.field}:` : '';
  const warning = severityOf(issue.ruleId) === 'warning' ? 'warning ' : '';
  return `${formatLocation(issue)}: ${warning}${issue.ruleId} ${getRule(issue.ruleId as RuleId).name}:${field} ${issue.message}`;
}

function toPretty(issues: readonly Issue[], color: boolean): string {
  const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text);
  const red = (text: string) => (color ? `\u001b[31m${text}\u001b[39m` : text);
  if (issues.length === 0) return 'Decision Packet: content is valid.\n';
  // A file name or field may hold control characters: a terminal would act on them.
  const lines = issues.map((issue) => `${terminalText(formatIssueLine(issue))}\n  ${dim(terminalText(`hint: ${issue.hint}`))}`);
  const files = new Set(issues.map((issue) => issue.file)).size;
  const warnings = issues.filter((issue) => severityOf(issue.ruleId) === 'warning').length;
  const summary =
    warnings === issues.length
      ? `${warnings} warning${warnings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; the content is valid (with --strict, warnings fail).`
      : red(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing was published.`);
  return `${lines.join('\n')}\n\n${summary}\n`;
}

/**
 * The first GITHUB_ANNOTATION_LIMIT violations as annotations; the rest as plain log lines,
 * and a notice saying how many were not annotated (the job summary lists them all).
 */
function toGithubLog(issues: readonly Issue[]): string {
  const annotated = issues.slice(0, GITHUB_ANNOTATION_LIMIT).map(toGithub).join('');
  const rest = issues.slice(GITHUB_ANNOTATION_LIMIT);
  if (rest.length === 0) return annotated;
  const lines = rest.map((issue) => `${workflowData(formatIssueLine(issue))}\n`).join('');
  return `${annotated}${lines}::notice title=${workflowProperty('Decision Packet')}::${workflowData(`${notAnnotatedSentence(issues.length, rest.length)}`)}\n`;
}

export function notAnnotatedSentence(total: number, notAnnotated: number): string {
  return `${notAnnotated} of ${total} violations are not annotated (GitHub shows ${GITHUB_ANNOTATION_LIMIT} per step); the job summary lists all ${total}.`;
}

/** Every violation as markdown for $GITHUB_STEP_SUMMARY, saying how many were not annotated. */
export function githubSummary(issues: readonly Issue[]): string {
  if (issues.length === 0) return '### Decision Packet: content is valid\n\n';
  const notAnnotated = Math.max(0, issues.length - GITHUB_ANNOTATION_LIMIT);
  const rows = issues.map((issue) =>
    tableRow([
      codeSpan(formatLocation(issue), 'table'),
      markdownText(`${issue.ruleId} ${getRule(issue.ruleId as RuleId).name}`),
      markdownText(`${issue.field ? `${issue.field}: ` : ''}${issue.message}`),
    ]),
  );
  return [
    `### Decision Packet: ${issues.length} violation${issues.length === 1 ? '' : 's'}`,
    '',
    notAnnotated > 0
      ? `${notAnnotated} of ${issues.length} violations are not annotated on the files (GitHub shows ${GITHUB_ANNOTATION_LIMIT} per step); all ${issues.length} are listed here.`
      : `All ${issues.length} are annotated on the files as well.`,
    '',
    '| where | rule | what |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '',
  ].join('\n');
}

function toGithub(issue: Issue): string {
  const properties = [`file=${workflowProperty(issue.file)}`];
  if (issue.line !== undefined) properties.push(`line=${issue.line}`);
  if (issue.column !== undefined) properties.push(`col=${issue.column}`);
  properties.push(`title=${workflowProperty(`${issue.ruleId} ${getRule(issue.ruleId as RuleId).name}`)}`);
  const field = issue.field ? `${issue.field}: ` : '';
  return `::${severityOf(issue.ruleId)} ${properties.join(',')}::${workflowData(`${field}${issue.message} Hint: ${issue.hint}`)}\n`;
}
