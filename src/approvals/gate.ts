// The approvals gates: the roster's own consistency (DP900), approvals files that belong to no
// record (DP901), policies naming a group the roster lacks (DP902), and every packet's entries
// and quorum (DP903–DP911) judged against the content's roster. `check --base` judges again with
// the base commit's roster (./change.ts).
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate, type LoadedDecision, type RecordSet } from '../core/record-set.ts';
import type { Roster } from '../schemas/approvals.ts';
import { contentHash } from './content.ts';
import { evaluateApprovals, type ApprovalsView, type EvaluateOptions } from './evaluate.ts';
import { approvalsShape, policyGroup, rosterShape } from './rules-files.ts';
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
export function judgeDecision(records: RecordSet, decision: LoadedDecision, roster: Roster | undefined, options: EvaluateOptions = {}): { issues: Issue[]; view: ApprovalsView } | undefined {
  const kind = records.kinds.get(String((decision.data as { kind?: unknown }).kind));
  const content = decisionContent(records, decision);
  if (!kind || content === undefined) return undefined;
  const stateField = kind.data.state_field;
  const state = String((decision.data as Record<string, unknown>)[stateField]);
  const policy = kind.data.approvals?.policies[state];
  const file = records.approvals?.get(decision.id);
  const subject = { packet: decision.id, content, anchor: decision, anchorField: stateField, state };
  return evaluateApprovals(subject, file, roster, policy, options);
}

export const approvalsGate: Gate = (records) => {
  const issues: Issue[] = [...rosterIssues(records), ...policyGroupIssues(records)];
  for (const [id, file] of records.approvals ?? []) {
    if (!records.ids.decision.has(id)) issues.push(issueAt('DP901', file, '', approvalsShape.messages.noPacket()));
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
  const at = (field: string, message: string) => issues.push(issueAt('DP900', roster, field, message));
  const ids = new Set<string>();
  const keys = new Map<string, number>();
  roster.data.people.forEach((person, index) => {
    if (ids.has(person.id)) at(`people[${index}].id`, rosterShape.messages.duplicatePerson({ index }));
    ids.add(person.id);
    (person.keys ?? []).forEach((line, key) => {
      const blob = publicKeyBlob(line);
      if (!blob) return at(`people[${index}].keys[${key}]`, rosterShape.messages.badKey({ index, key }));
      const owner = keys.get(blob.toString('base64'));
      if (owner !== undefined && owner !== index) at(`people[${index}].keys[${key}]`, rosterShape.messages.sharedKey({ index, key }));
      keys.set(blob.toString('base64'), index);
    });
  });
  for (const [group, members] of Object.entries(roster.data.groups)) {
    members.forEach((member, index) => {
      if (!ids.has(member)) at(`groups.${group}[${index}]`, rosterShape.messages.unknownMember({ group, index }));
    });
  }
  const groups = roster.data.groups;
  if (roster.data.chair_group !== undefined && !Object.hasOwn(groups, roster.data.chair_group)) at('chair_group', rosterShape.messages.unknownGroup());
  if (!Object.hasOwn(groups, roster.data.changes.group)) at('changes.group', rosterShape.messages.unknownGroup());
  return issues;
}

function policyGroupIssues(records: RecordSet): Issue[] {
  const issues: Issue[] = [];
  const groups = records.roster?.data.groups;
  // A roster that failed its own schema is reported as such; its groups are not guessed at.
  if (!groups && records.ids.roster.size > 0) return issues;
  for (const kind of records.kinds.values()) {
    for (const [state, policy] of Object.entries(kind.data.approvals?.policies ?? {})) {
      const field = `approvals.policies.${state}.group`;
      if (!groups) issues.push(issueAt('DP902', kind, field, policyGroup.messages.noRoster()));
      else if (!Object.hasOwn(groups, policy.group)) issues.push(issueAt('DP902', kind, field, policyGroup.messages.unknownGroup()));
    }
  }
  return issues;
}
