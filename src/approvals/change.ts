// What `check --base` adds for approvals: every packet judged again with the roster of the base
// commit (so a change cannot add a person and count their approval, or swap a key and sign with
// it), policies that apply to a transition (`from`), and a roster change judged by the base
// roster's own `changes` policy (DP912).
import type { Issue } from '../core/issue.ts';
import { fieldAt, type RecordSet } from '../core/record-set.ts';
import { evaluateApprovals } from './evaluate.ts';
import { judgeDecision, rosterContent } from './gate.ts';
import { dp909 } from '../rules/dp909-approval-quorum.ts';
import { dp912 } from '../rules/dp912-roster-change-unapproved.ts';

interface Side {
  records: RecordSet;
  issues: readonly Issue[];
}

const key = (issue: Issue) => `${issue.ruleId}\0${issue.file}\0${issue.line ?? ''}\0${issue.field ?? ''}`;

export function approvalChangeIssues(base: Side, head: Side): Issue[] {
  const seen = new Set(head.issues.map(key));
  const baseRoster = base.records.roster?.data;
  const issues: Issue[] = [];
  for (const decision of head.records.decisions.values()) {
    const before = base.records.decisions.get(decision.id);
    const kind = head.records.kinds.get(String((decision.data as { kind?: unknown }).kind));
    // A decision the change adds is a move from its kind's safe state: `from` policies judge it too.
    const fromState = !kind ? undefined : before ? (before.data as Record<string, unknown>)[kind.data.state_field] : kind.data.safe_state;
    const judged = judgeDecision(head.records, decision, baseRoster, {
      base: true,
      fromState: typeof fromState === 'string' ? fromState : undefined,
    });
    if (judged) issues.push(...judged.issues);
  }
  issues.push(...rosterChangeIssues(base.records, head.records));
  return issues.filter((issue) => {
    const id = key(issue);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function rosterChangeIssues(base: RecordSet, head: RecordSet): Issue[] {
  const before = base.roster;
  const after = head.roster;
  // The first roster has no earlier one to answer to; a removed one is refused by the policies naming its groups.
  if (!before || !after || rosterContent(before) === rosterContent(after)) return [];
  const policy = before.data.changes;
  const subject = { packet: undefined, content: rosterContent(after), anchor: after, anchorField: '', state: 'roster' };
  const judged = evaluateApprovals(subject, head.rosterApprovals, before.data, policy, { base: true });
  const issues = judged.issues.filter((issue) => issue.ruleId !== dp909.id);
  const view = judged.view.policy;
  if (view && !view.met)
    issues.push(dp912.report('notMet', fieldAt(after, ''), { needed: view.needed, group: policy.group, have: view.have }));
  return issues;
}
