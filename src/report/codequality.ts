// GitLab Code Quality report (`--format codequality`): a JSON array GitLab shows on merge requests
// (artifacts: reports: codequality). Each violation is one entry with the rule as check_name, the
// file relative to the repository and its line, and a fingerprint that stays the same while the
// violation does (so GitLab tells new findings from fixed ones); every error is major, a warning minor.
import { createHash } from 'node:crypto';
import type { Issue } from '../core/issue.ts';
import { getRule, severityOf, type RuleId } from '../rules/catalog.ts';

export interface CodeQualityEntry {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'major' | 'minor';
  location: { path: string; lines: { begin: number } };
}

export function toCodeQuality(issues: readonly Issue[]): CodeQualityEntry[] {
  const seen = new Map<string, number>();
  return issues.map((issue) => {
    // Not the line: a violation that moves down the file is the same finding.
    const identity = [issue.ruleId, issue.file, issue.field ?? '', issue.message].join('\u0000');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const field = issue.field ? `${issue.field}: ` : '';
    return {
      description: `${issue.ruleId} ${getRule(issue.ruleId as RuleId).name}: ${field}${issue.message} Hint: ${issue.hint}`,
      check_name: issue.ruleId,
      fingerprint: createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex'),
      // A warning (exit 0 unless --strict) is minor.
      severity: severityOf(issue.ruleId) === 'warning' ? 'minor' : 'major',
      location: { path: issue.file, lines: { begin: issue.line ?? 1 } },
    };
  });
}
