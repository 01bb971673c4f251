// What a change does to a packet's approvals, for `diff --base`: entries added, entries that the
// change made stale (current at the base, not now), and what the new state still misses, judged
// as `check --base` judges it (with the base commit's roster).
import type { LoadedDecision, RecordSet } from '../core/record-set.ts';
import { judgeDecision } from './gate.ts';
import { dp909 } from '../rules/dp909-approval-quorum.ts';

export type ApprovalChange =
  | { change: 'added' | 'stale'; by: string; disposition: string; verified: 'signed' | 'claim' | 'invalid'; fingerprint?: string }
  | { change: 'missing'; state: string; group: string; needed: number; have: number; level: string };

export function approvalChanges(
  base: RecordSet,
  before: LoadedDecision | undefined,
  head: RecordSet,
  after: LoadedDecision | undefined,
): ApprovalChange[] {
  if (!after) return [];
  const roster = base.roster?.data;
  const now = judgeDecision(head, after, roster, { base: true });
  if (!now) return [];
  const then = before ? judgeDecision(base, before, roster, { base: true }) : undefined;
  const identity = (entry: { by: string; disposition: string; content: string; concern?: string }) =>
    `${entry.by}\0${entry.disposition}\0${entry.content}\0${entry.concern ?? ''}`;
  const earlier = new Map((then?.view.entries ?? []).map((entry) => [identity(entry), entry]));
  const changes: ApprovalChange[] = [];
  for (const entry of now.view.entries) {
    const verification = entry.verification;
    const shown = {
      by: entry.by,
      disposition: entry.disposition,
      verified: verification.how,
      ...(verification.how === 'signed' ? { fingerprint: verification.fingerprint } : {}),
    };
    const was = earlier.get(identity(entry));
    if (!was) changes.push({ change: 'added', ...shown });
    else if (was.current && !entry.current) changes.push({ change: 'stale', ...shown });
  }
  const policy = now.view.policy;
  const judged = now.issues.some((issue) => issue.ruleId === dp909.id);
  if (policy && !policy.met && judged)
    changes.push({
      change: 'missing',
      state: policy.state,
      group: policy.group,
      needed: policy.needed,
      have: policy.have,
      level: policy.level,
    });
  return changes;
}
