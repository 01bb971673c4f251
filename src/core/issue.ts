// One violation of one rule at one place. Messages never carry input values (see report/redact.ts).
// Issues are built by their rule's `report` (src/rules/define-rule.ts), never by hand.
import type { RuleId } from '../rules/index.ts';

export type Issue = IssueOf<RuleId>;

export interface IssueOf<Id extends string> {
  /** Permanent rule id from the registry, e.g. DP201. */
  ruleId: Id;
  /** Path relative to the working directory, POSIX separators. */
  file: string;
  /** 1-based line, when the parser knows it. */
  line?: number;
  /** 1-based column, when the parser knows it. */
  column?: number;
  /** Field path inside the record, e.g. `evidence_sources[1]`. */
  field?: string;
  /** What is wrong and what is allowed. */
  message: string;
  /** How to fix it. */
  hint: string;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** Stable order: file, line, column, rule, field, message. */
function compareIssues(a: Issue, b: Issue): number {
  return (
    cmp(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.field ?? '', b.field ?? '') ||
    cmp(a.message, b.message)
  );
}

// Code-unit comparison: the same order on every machine, whatever the locale.
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(compareIssues);
}
