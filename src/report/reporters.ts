// Reporters print a finished, sorted issue list once: pretty (terminals), json, github (annotations),
// codequality (GitLab merge requests, codequality.ts).
import type { Issue } from '../core/issue.ts';
import { getRule, type RuleId } from '../rules/catalog.ts';
import { toCodeQuality } from './codequality.ts';

export const formats = ['pretty', 'json', 'github', 'codequality'] as const;
export type Format = (typeof formats)[number];

export function report(issues: readonly Issue[], format: Format, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(issues.map(toJson), null, 2)}\n`;
    case 'github':
      return issues.map(toGithub).join('');
    case 'codequality':
      return `${JSON.stringify(toCodeQuality(issues), null, 2)}\n`;
    case 'pretty':
      return toPretty(issues, options.color ?? false);
  }
}

function toJson(issue: Issue) {
  return {
    file: issue.file,
    line: issue.line ?? null,
    column: issue.column ?? null,
    field: issue.field ?? null,
    rule: issue.ruleId,
    name: getRule(issue.ruleId as RuleId).name,
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
  return `${formatLocation(issue)}: ${issue.ruleId} ${getRule(issue.ruleId as RuleId).name}:${field} ${issue.message}`;
}

function toPretty(issues: readonly Issue[], color: boolean): string {
  const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text);
  const red = (text: string) => (color ? `\u001b[31m${text}\u001b[39m` : text);
  if (issues.length === 0) return 'Decision Packet: content is valid.\n';
  const lines = issues.map((issue) => `${formatIssueLine(issue)}\n  ${dim(`hint: ${issue.hint}`)}`);
  const files = new Set(issues.map((issue) => issue.file)).size;
  const summary = red(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing was published.`);
  return `${lines.join('\n')}\n\n${summary}\n`;
}

// Workflow command escaping: properties escape %, CR, LF, ":" and ","; the message escapes %, CR, LF.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function toGithub(issue: Issue): string {
  const properties = [`file=${escapeProperty(issue.file)}`];
  if (issue.line !== undefined) properties.push(`line=${issue.line}`);
  if (issue.column !== undefined) properties.push(`col=${issue.column}`);
  properties.push(`title=${escapeProperty(`${issue.ruleId} ${getRule(issue.ruleId as RuleId).name}`)}`);
  const field = issue.field ? `${issue.field}: ` : '';
  return `::error ${properties.join(',')}::${escapeData(`${field}${issue.message} Hint: ${issue.hint}`)}\n`;
}
