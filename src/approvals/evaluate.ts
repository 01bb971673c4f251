// Judges one record's approval entries against a roster and the policy its state asks for. One
// pure function serves the gate (its issues), `check --base` (with the base commit's roster) and
// the packet page (its panel): what the page says is exactly what the gate counted.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Loaded } from '../core/record-set.ts';
import type { RuleId } from '../rules/catalog.ts';
import type { ApprovalEntry, ApprovalsFile, Person, Policy, Quorum, Roster, StatePolicy } from '../schemas/approvals.ts';
import { canonicalMessage } from './content.ts';
import { failureText, publicKeyBlob, verifySignature, type SignatureFailure } from './sshsig.ts';
import { signatureNamespace } from './ssh-signer.ts';
import { badSignature, concernResolver, keyNotInRoster, notInGroup, stale, unknownPerson, unsigned } from './rules-entries.ts';
import { objectionOpen, quorum as quorumRule } from './rules-policy.ts';

export type Verification = { how: 'signed'; fingerprint: string; keyType: string } | { how: 'claim' } | { how: 'invalid' };

export interface EntryView {
  index: number;
  by: string;
  /** The person's name in the roster; undefined when the roster does not know them. */
  name?: string;
  disposition: ApprovalEntry['disposition'];
  concern?: string;
  content: string;
  /** Given to the record's current content. */
  current: boolean;
  verification: Verification;
  /** Counted towards the quorum of the state's policy. */
  counts: boolean;
}

export interface PolicyView {
  state: string;
  group: string;
  quorum: Quorum;
  level: Policy['level'];
  /** Only when the change moves the record from one of these states (check --base). */
  from?: string[];
  needed: number;
  have: number;
  met: boolean;
  /** Members of the group whose approval would count and who have not given it: the action holders. */
  mayApprove: { id: string; name: string }[];
}

export interface ApprovalsView {
  content: string;
  entries: EntryView[];
  /** The policy the current state asks for (judged now), if any. */
  policy?: PolicyView;
  openObjections: string[];
  openConcerns: { name: string; by: string }[];
}

export interface Subject {
  /** The packet id; undefined for the roster's own approvals. */
  packet: string | undefined;
  /** The record's current content hash. */
  content: string;
  /** Where a quorum miss is reported (the record's state field, or the roster). */
  anchor: { file: string; positions: Loaded<unknown>['positions'] };
  anchorField: string;
  state: string;
}

export interface EvaluateOptions {
  /** Judged with the base commit's roster (check --base): messages say so. */
  base?: boolean;
  /** The state the change moves the record from (check --base), for policies with `from`. */
  fromState?: string;
}

const entryField = (index: number, field: string) => `approvals[${index}].${field}`;

function issue(ruleId: RuleId, file: Loaded<unknown>, field: string, message: string): Issue {
  return issueAt(ruleId, file, field, message);
}

/** How many approvals a quorum needs from a group of `size` members. */
export function needed(quorum: Quorum, size: number): number {
  if (quorum === 1) return 1;
  if (quorum === 'majority') return Math.floor(size / 2) + 1;
  if (quorum === 'all') return Math.max(size, 1);
  return quorum.min;
}

/** Whether `policy` is judged for a record in `state`, moved (with --base) from `fromState`. */
export function policyApplies(policy: StatePolicy, fromState: string | undefined): boolean {
  if (!policy.from) return true;
  return fromState !== undefined && policy.from.includes(fromState);
}

export function evaluateApprovals(
  subject: Subject,
  file: Loaded<ApprovalsFile> | undefined,
  roster: Roster | undefined,
  policy: (Policy & { from?: string[] }) | undefined,
  options: EvaluateOptions = {},
): { issues: Issue[]; view: ApprovalsView } {
  const issues: Issue[] = [];
  const people = new Map<string, Person>((roster?.people ?? []).map((person) => [person.id, person]));
  const entries = file?.data.approvals ?? [];
  const judged = policy && policyApplies(policy, options.fromState) ? policy : undefined;
  const members = new Set(judged ? (roster?.groups[judged.group] ?? []) : []);
  const chairs = new Set(roster?.chair_group ? (roster.groups[roster.chair_group] ?? []) : []);

  const views: EntryView[] = entries.map((entry, index) => {
    const person = people.get(entry.by);
    const current = entry.content === subject.content;
    const verification = verifyEntry(entry, person, subject.packet);
    if (file && !person) issues.push(issue('DP903', file, entryField(index, 'by'), unknownPerson.messages.notInRoster({ field: entryField(index, 'by'), base: options.base === true })));
    if (file && person && verification.how === 'invalid') {
      const reason = verification.reason;
      if (reason === 'key-mismatch') issues.push(issue('DP908', file, entryField(index, 'signature'), keyNotInRoster.messages.notTheirs({ field: entryField(index, 'signature'), base: options.base === true })));
      else issues.push(issue('DP907', file, entryField(index, 'signature'), badSignature.messages.invalid({ field: entryField(index, 'signature'), reason: failureText[reason] })));
    }
    return { index, by: entry.by, name: person?.name, disposition: entry.disposition, concern: entry.concern, content: entry.content, current, verification: verification.how === 'invalid' ? { how: 'invalid' } : verification, counts: false };
  });

  // An entry stands when its person is known and it is verified at the policy's level.
  const level = judged?.level ?? 'claim';
  const stands = (view: EntryView) => view.name !== undefined && (view.verification.how === 'signed' || (view.verification.how === 'claim' && level === 'claim'));
  if (file && judged?.level === 'signed') {
    for (const view of views) {
      if (view.verification.how === 'claim' && view.name !== undefined && (view.current || view.disposition === 'concern' || view.disposition === 'resolve')) {
        issues.push(issue('DP906', file, entryField(view.index, 'signature'), unsigned.messages.claim({ field: entryField(view.index, 'signature'), state: subject.state })));
      }
    }
  }

  // A person's latest standing approve/object of the current content is their position.
  const latest = new Map<string, EntryView>();
  for (const view of views) {
    if ((view.disposition === 'approve' || view.disposition === 'object') && view.current && stands(view)) latest.set(view.by, view);
  }
  // Concerns stay open across edits until their raiser or a chair resolves them.
  const concerns = new Map<string, { by: string; view: EntryView }>();
  for (const view of views) {
    if (!stands(view) || view.concern === undefined) continue;
    if (view.disposition === 'concern') concerns.set(view.concern, { by: view.by, view });
    else if (view.disposition === 'resolve') {
      const raised = concerns.get(view.concern);
      const field = entryField(view.index, 'by');
      if (!raised) {
        if (file) issues.push(issue('DP911', file, entryField(view.index, 'concern'), concernResolver.messages.noConcern({ field: entryField(view.index, 'concern') })));
      } else if (raised.by !== view.by && !chairs.has(view.by)) {
        if (file) issues.push(issue('DP911', file, field, concernResolver.messages.notAllowed({ field })));
      } else concerns.delete(view.concern);
    }
  }

  let policyView: PolicyView | undefined;
  if (policy) {
    const groupMembers = roster?.groups[policy.group] ?? [];
    const approvers = new Set<string>();
    for (const [by, view] of latest) {
      if (view.disposition !== 'approve' || !groupMembers.includes(by)) continue;
      approvers.add(by);
      view.counts = judged !== undefined;
    }
    const need = needed(policy.quorum, groupMembers.length);
    const mayApprove = groupMembers.filter((id) => !approvers.has(id) && people.has(id)).map((id) => ({ id, name: people.get(id)!.name }));
    policyView = { state: subject.state, group: policy.group, quorum: policy.quorum, level: policy.level, ...(policy.from ? { from: policy.from } : {}), needed: need, have: approvers.size, met: approvers.size >= need, mayApprove };
  }

  const openObjections = [...latest.values()].filter((view) => view.disposition === 'object' && (!judged || members.has(view.by))).map((view) => view.by);
  const openConcerns = [...concerns.entries()].map(([name, raised]) => ({ name, by: raised.by }));

  if (file && judged && policyView) {
    for (const view of views) {
      if (view.disposition === 'approve' && view.current && stands(view) && !members.has(view.by)) {
        issues.push(issue('DP904', file, entryField(view.index, 'by'), notInGroup.messages.notMember({ field: entryField(view.index, 'by'), group: judged.group, state: subject.state })));
      }
    }
    if (!policyView.met) {
      for (const view of views) {
        if (view.disposition === 'approve' && !view.current) issues.push(issue('DP905', file, entryField(view.index, 'content'), stale.messages.stale({ field: entryField(view.index, 'content') })));
      }
    }
    if (judged.objections_block !== false) {
      for (const by of openObjections) {
        const view = latest.get(by)!;
        issues.push(issue('DP910', file, entryField(view.index, 'disposition'), objectionOpen.messages.objection({ field: entryField(view.index, 'disposition') })));
      }
      for (const { view } of concerns.values()) {
        issues.push(issue('DP910', file, entryField(view.index, 'concern'), objectionOpen.messages.concern({ field: entryField(view.index, 'concern') })));
      }
    }
  }
  if (judged && policyView && !policyView.met) {
    const data = { field: subject.anchorField, state: subject.state, needed: policyView.needed, group: judged.group, level: judged.level, have: policyView.have, transition: judged.from !== undefined };
    issues.push(issueAt('DP909', subject.anchor, subject.anchorField, quorumRule.messages.notMet(data)));
  }
  return { issues, view: { content: subject.content, entries: views, policy: policyView, openObjections, openConcerns } };
}

type EntryVerification = Exclude<Verification, { how: 'invalid' }> | { how: 'invalid'; reason: SignatureFailure };

// The same entry is verified by the gate, by check --base (with the base roster: usually the same
// keys) and for the page; a signature's answer depends only on these three inputs.
const verified = new Map<string, ReturnType<typeof verifySignature>>();

function verifyEntry(entry: ApprovalEntry, person: Person | undefined, packet: string | undefined): EntryVerification {
  if (entry.signature === undefined) return { how: 'claim' };
  if (!person) return { how: 'invalid', reason: 'key-mismatch' };
  const keys = (person.keys ?? []).map(publicKeyBlob).filter((blob): blob is Buffer => blob !== undefined);
  const message = canonicalMessage({ packet, disposition: entry.disposition, concern: entry.concern, content: entry.content });
  const cacheKey = `${entry.signature}\0${message}\0${keys.map((key) => key.toString('base64')).join(',')}`;
  let result = verified.get(cacheKey);
  if (!result) {
    result = verifySignature(entry.signature, message, signatureNamespace, keys);
    if (verified.size >= 100_000) verified.clear();
    verified.set(cacheKey, result);
  }
  return result.ok ? { how: 'signed', fingerprint: result.fingerprint, keyType: result.keyType } : { how: 'invalid', reason: result.reason };
}
