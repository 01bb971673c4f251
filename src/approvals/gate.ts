// The approvals gates: the roster's own consistency (DP900), approvals files that belong to no
// record (DP901), policies naming a group the roster lacks (DP902), and every packet's entries
// and quorum (DP903–DP911) judged against the content's roster. `check --base` judges again with
// the base commit's roster (./change.ts).
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate, type LoadedDecision, type RecordSet } from '../core/record-set.ts';
import type { Roster } from '../schemas/approvals.ts';
import { contentHash } from './content.ts';
import { evaluateApprovals, type ApprovalsView, type EvaluateOptions, type RecordHistory } from './evaluate.ts';
import { dp900 } from '../rules/dp900-roster-shape.ts';
import { dp901 } from '../rules/dp901-approvals-file.ts';
import { dp902 } from '../rules/dp902-approval-policy-group.ts';
import { dp903 } from '../rules/dp903-approver-unknown.ts';
import { dp906 } from '../rules/dp906-approval-unsigned.ts';
import { dp907 } from '../rules/dp907-approval-signature-invalid.ts';
import { dp908 } from '../rules/dp908-approval-key-unknown.ts';
import { publicKeyBlob } from './sshsig.ts';

/** The content hash of a decision as its kind defines it (editorial fields excluded, own body included). */
export function decisionContent(records: RecordSet, decision: LoadedDecision): string | undefined {
  const kind = records.kinds.get(String((decision.data as { kind?: unknown }).kind));
  if (!kind) return undefined;
  return contentHash(decision.data, kind.data.approvals?.exclude ?? [], decision.body);
}

/** The content hash of the roster (all of it is normative). */
export function rosterContent(roster: { data: Roster }): string {
  return contentHash(roster.data);
}

/** One packet's approvals judged against `roster`; undefined for a record whose kind is not loaded. */
export function judgeDecision(
  records: RecordSet,
  decision: LoadedDecision,
  roster: Roster | undefined,
  options: EvaluateOptions = {},
): { issues: Issue[]; view: ApprovalsView } | undefined {
  const kind = records.kinds.get(String((decision.data as { kind?: unknown }).kind));
  const content = decisionContent(records, decision);
  if (!kind || content === undefined) return undefined;
  const stateField = kind.data.state_field;
  const state = String((decision.data as Record<string, unknown>)[stateField]);
  const policy = kind.data.approvals?.policies[state];
  const file = records.approvals?.get(decision.id);
  const subject = { packet: decision.id, content, anchor: decision, anchorField: stateField, state };
  const history = historyOf(records, decision.id);
  return evaluateApprovals(subject, file, roster, policy, { ...(history ? { history } : {}), ...options });
}

function historyOf(records: RecordSet, id: string): RecordHistory | undefined {
  const times = records.approvalTimes;
  if (!times) return undefined;
  if (!times.available) return times;
  const record = times.records.get(id);
  return record ? { available: true, ...record, head: times.head } : undefined;
}

export const approvalsGate: Gate = (records) => {
  const issues: Issue[] = [...rosterIssues(records), ...policyGroupIssues(records), ...rosterApprovalIssues(records)];
  for (const [id, file] of records.approvals ?? []) {
    if (!records.ids.decision.has(id)) issues.push(dp901.report('noPacket', fieldAt(file, '')));
  }
  for (const decision of records.decisions.values()) {
    const judged = judgeDecision(records, decision, records.roster?.data);
    if (judged) issues.push(...judged.issues);
  }
  return issues;
};

function rosterIssues(records: RecordSet): Issue[] {
  const roster = records.roster;
  if (!roster) return [];
  const issues: Issue[] = [];
  const ids = new Set<string>();
  const keys = new Map<string, number>();
  roster.data.people.forEach((person, index) => {
    if (ids.has(person.id)) issues.push(dp900.report('duplicatePerson', fieldAt(roster, `people[${index}].id`), { index }));
    ids.add(person.id);
    (person.keys ?? []).forEach((line, key) => {
      const blob = publicKeyBlob(line);
      if (!blob) {
        issues.push(dp900.report('badKey', fieldAt(roster, `people[${index}].keys[${key}]`), { index, key }));
        return;
      }
      const owner = keys.get(blob.toString('base64'));
      if (owner !== undefined && owner !== index)
        issues.push(dp900.report('sharedKey', fieldAt(roster, `people[${index}].keys[${key}]`), { index, key }));
      keys.set(blob.toString('base64'), index);
    });
  });
  for (const [group, members] of Object.entries(roster.data.groups)) {
    members.forEach((member, index) => {
      if (!ids.has(member)) issues.push(dp900.report('unknownMember', fieldAt(roster, `groups.${group}[${index}]`), { group, index }));
    });
  }
  const groups = roster.data.groups;
  if (roster.data.chair_group !== undefined && !Object.hasOwn(groups, roster.data.chair_group))
    issues.push(dp900.report('unknownGroup', fieldAt(roster, 'chair_group')));
  if (!Object.hasOwn(groups, roster.data.changes.group)) issues.push(dp900.report('unknownGroup', fieldAt(roster, 'changes.group')));
  return issues;
}

// Plain check verifies the entries given to the roster's current content against that roster:
// people, keys and signatures. Whether they are enough, and earlier entries (judged when made),
// are check --base's (./change.ts), with the base commit's roster.
const entryRules = new Set<string>([dp903.id, dp906.id, dp907.id, dp908.id]);

function rosterApprovalIssues(records: RecordSet): Issue[] {
  const roster = records.roster;
  const file = records.rosterApprovals;
  if (!roster || !file) return [];
  const content = rosterContent(roster);
  const current = new Set(file.data.approvals.flatMap((entry, index) => (entry.content === content ? [`approvals[${index}].`] : [])));
  const subject = { packet: undefined, content, anchor: roster, anchorField: '', state: 'roster' };
  const judged = evaluateApprovals(subject, file, roster.data, roster.data.changes);
  return judged.issues.filter((issue) => entryRules.has(issue.ruleId) && current.has(issue.field?.replace(/[^.]+$/, '') ?? ''));
}

function policyGroupIssues(records: RecordSet): Issue[] {
  const issues: Issue[] = [];
  const groups = records.roster?.data.groups;
  // A roster that failed its own schema is reported as such; its groups are not guessed at.
  if (!groups && records.ids.roster.size > 0) return issues;
  for (const kind of records.kinds.values()) {
    for (const [state, policy] of Object.entries(kind.data.approvals?.policies ?? {})) {
      const field = `approvals.policies.${state}.group`;
      if (!groups) issues.push(dp902.report('noRoster', fieldAt(kind, field)));
      else if (!Object.hasOwn(groups, policy.group)) issues.push(dp902.report('unknownGroup', fieldAt(kind, field)));
    }
  }
  return issues;
}
