// Judges one record's approval entries against a roster and the policy its state asks for. One
// pure function serves the gate (its issues), `check --base` (with the base commit's roster) and
// the packet page (its panel): what the page says is exactly what the gate counted.
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Loaded } from '../core/record-set.ts';
import type { ApprovalEntry, ApprovalsFile, Person, Policy, Quorum, Roster, StatePolicy } from '../schemas/approvals.ts';
import { canonicalMessage } from './content.ts';
import { failureText, publicKeyBlob, verifySignature, type SignatureFailure } from './sshsig.ts';
import { signatureNamespace } from './ssh-signer.ts';
import { dp903 } from '../rules/dp903-approver-unknown.ts';
import { dp904 } from '../rules/dp904-approver-not-in-group.ts';
import { dp905 } from '../rules/dp905-approval-stale.ts';
import { dp906 } from '../rules/dp906-approval-unsigned.ts';
import { dp907 } from '../rules/dp907-approval-signature-invalid.ts';
import { dp908 } from '../rules/dp908-approval-key-unknown.ts';
import { dp909 } from '../rules/dp909-approval-quorum.ts';
import { dp910 } from '../rules/dp910-objection-open.ts';
import { dp911 } from '../rules/dp911-concern-resolved-by-other.ts';
import { dp913 } from '../rules/dp913-approval-by-author.ts';
import { dp914 } from '../rules/dp914-comment-period.ts';

type Verification = { how: 'signed'; fingerprint: string; keyType: string } | { how: 'claim' } | { how: 'invalid' };

interface EntryView {
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
  /** With `author_counts: false`: the roster person who authored the record (their approval does not count). */
  author?: string;
  /** With `comment_period_days`: the period, and when it ends (ISO, UTC) in commit dates. */
  commentPeriod?: { days: number; ends?: string; elapsed: boolean };
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
  /** The record's git history (./record-history.ts); absent: author and comment period are not judged. */
  history?: RecordHistory;
}

/** The record's author email and the commit date it entered its state, or why they are unknown. */
export type RecordHistory = { available: true; author?: string; since: number; head: number } | { available: false; reason: string };

const day = 86_400;

/** A kind's state policy, or the roster's own `changes` policy (no from, author or period). */
type AnyPolicy = Policy & Partial<Omit<StatePolicy, keyof Policy>>;

/** The roster person whose emails include the author's; undefined when none does. */
function authorOf(roster: Roster | undefined, history: RecordHistory | undefined): string | undefined {
  if (!history?.available || history.author === undefined) return undefined;
  return roster?.people.find((person) => (person.emails ?? []).some((email) => email.toLowerCase() === history.author))?.id;
}

const entryField = (index: number, field: string) => `approvals[${index}].${field}`;

/** How many approvals a quorum needs from a group of `size` members. */
export function needed(quorum: Quorum, size: number): number {
  if (quorum === 1) return 1;
  if (quorum === 'majority') return Math.floor(size / 2) + 1;
  if (quorum === 'all') return Math.max(size, 1);
  return quorum.min;
}

/** Whether `policy` is judged for a record in `state`, moved (with --base) from `fromState`. */
function policyApplies(policy: AnyPolicy, fromState: string | undefined): boolean {
  if (!policy.from) return true;
  return fromState !== undefined && policy.from.includes(fromState);
}

export function evaluateApprovals(
  subject: Subject,
  file: Loaded<ApprovalsFile> | undefined,
  roster: Roster | undefined,
  policy: AnyPolicy | undefined,
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
    if (file && !person)
      issues.push(
        dp903.report('notInRoster', fieldAt(file, entryField(index, 'by')), {
          field: entryField(index, 'by'),
          base: options.base === true,
        }),
      );
    if (file && person && verification.how === 'invalid') {
      const reason = verification.reason;
      if (reason === 'key-mismatch')
        issues.push(
          dp908.report('notTheirs', fieldAt(file, entryField(index, 'signature')), {
            field: entryField(index, 'signature'),
            base: options.base === true,
          }),
        );
      else
        issues.push(
          dp907.report('invalid', fieldAt(file, entryField(index, 'signature')), {
            field: entryField(index, 'signature'),
            reason: failureText[reason],
          }),
        );
    }
    return {
      index,
      by: entry.by,
      name: person?.name,
      disposition: entry.disposition,
      concern: entry.concern,
      content: entry.content,
      current,
      verification: verification.how === 'invalid' ? { how: 'invalid' } : verification,
      counts: false,
    };
  });

  // An entry stands when its person is known and it is verified at the policy's level.
  const level = judged?.level ?? 'claim';
  const stands = (view: EntryView) =>
    view.name !== undefined && (view.verification.how === 'signed' || (view.verification.how === 'claim' && level === 'claim'));
  if (file && judged?.level === 'signed') {
    for (const view of views) {
      if (
        view.verification.how === 'claim' &&
        view.name !== undefined &&
        (view.current || view.disposition === 'concern' || view.disposition === 'resolve')
      ) {
        issues.push(
          dp906.report('claim', fieldAt(file, entryField(view.index, 'signature')), {
            field: entryField(view.index, 'signature'),
            state: subject.state,
          }),
        );
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
        if (file)
          issues.push(
            dp911.report('noConcern', fieldAt(file, entryField(view.index, 'concern')), { field: entryField(view.index, 'concern') }),
          );
      } else if (raised.by !== view.by && !chairs.has(view.by)) {
        if (file) issues.push(dp911.report('notAllowed', fieldAt(file, field), { field }));
      } else concerns.delete(view.concern);
    }
  }

  let policyView: PolicyView | undefined;
  const excluded = policy?.author_counts === false ? authorOf(roster, options.history) : undefined;
  if (policy) {
    const groupMembers = roster?.groups[policy.group] ?? [];
    const approvers = new Set<string>();
    for (const [by, view] of latest) {
      if (view.disposition !== 'approve' || !groupMembers.includes(by) || by === excluded) continue;
      approvers.add(by);
      view.counts = judged !== undefined;
    }
    const need = needed(policy.quorum, groupMembers.length);
    const mayApprove = groupMembers
      .filter((id) => !approvers.has(id) && id !== excluded && people.has(id))
      .map((id) => ({ id, name: people.get(id)!.name }));
    policyView = {
      state: subject.state,
      group: policy.group,
      quorum: policy.quorum,
      level: policy.level,
      ...(policy.from ? { from: policy.from } : {}),
      needed: need,
      have: approvers.size,
      met: approvers.size >= need,
      mayApprove,
    };
    if (excluded !== undefined) policyView.author = excluded;
    const period = commentPeriodOf(policy.comment_period_days, options.history);
    if (period) policyView.commentPeriod = period;
  }

  const openObjections = [...latest.values()]
    .filter((view) => view.disposition === 'object' && (!judged || members.has(view.by)))
    .map((view) => view.by);
  const openConcerns = [...concerns.entries()].map(([name, raised]) => ({ name, by: raised.by }));

  if (file && judged && policyView) {
    for (const view of views) {
      if (view.disposition === 'approve' && view.current && stands(view) && !members.has(view.by)) {
        issues.push(
          dp904.report('notMember', fieldAt(file, entryField(view.index, 'by')), {
            field: entryField(view.index, 'by'),
            group: judged.group,
            state: subject.state,
          }),
        );
      }
    }
    if (!policyView.met) {
      for (const view of views) {
        if (view.disposition === 'approve' && !view.current)
          issues.push(
            dp905.report('stale', fieldAt(file, entryField(view.index, 'content')), { field: entryField(view.index, 'content') }),
          );
      }
    }
    if (judged.objections_block !== false) {
      for (const by of openObjections) {
        const view = latest.get(by)!;
        issues.push(
          dp910.report('objection', fieldAt(file, entryField(view.index, 'disposition')), { field: entryField(view.index, 'disposition') }),
        );
      }
      for (const { view } of concerns.values()) {
        issues.push(
          dp910.report('concern', fieldAt(file, entryField(view.index, 'concern')), { field: entryField(view.index, 'concern') }),
        );
      }
    }
  }
  if (judged) issues.push(...historyIssues(subject, file, judged, views, excluded, options.history, stands));
  if (judged && policyView && !policyView.met) {
    const data = {
      field: subject.anchorField,
      state: subject.state,
      needed: policyView.needed,
      group: judged.group,
      level: judged.level,
      have: policyView.have,
      transition: judged.from !== undefined,
    };
    issues.push(dp909.report('notMet', fieldAt(subject.anchor, subject.anchorField), data));
  }
  return { issues, view: { content: subject.content, entries: views, policy: policyView, openObjections, openConcerns } };
}

function commentPeriodOf(days: number | undefined, history: RecordHistory | undefined): PolicyView['commentPeriod'] {
  if (days === undefined) return undefined;
  if (!history?.available) return { days, elapsed: false };
  const ends = history.since + days * day;
  return { days, ends: new Date(ends * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), elapsed: history.head >= ends };
}

/** DP913 (the author's own approval, or an author that cannot be found) and DP914 (comment period). */
function historyIssues(
  subject: Subject,
  file: Loaded<ApprovalsFile> | undefined,
  policy: AnyPolicy,
  views: readonly EntryView[],
  author: string | undefined,
  history: RecordHistory | undefined,
  stands: (view: EntryView) => boolean,
): Issue[] {
  if (history === undefined) return [];
  const issues: Issue[] = [];
  const at = fieldAt(subject.anchor, subject.anchorField);
  const base = { field: subject.anchorField, state: subject.state };
  if (policy.author_counts === false) {
    if (!history.available) issues.push(dp913.report('unknown', at, { ...base, reason: history.reason }));
    for (const view of views) {
      if (!file || author === undefined || view.by !== author || view.disposition !== 'approve' || !view.current || !stands(view)) continue;
      issues.push(
        dp913.report('author', fieldAt(file, entryField(view.index, 'by')), { field: entryField(view.index, 'by'), state: subject.state }),
      );
    }
  }
  const days = policy.comment_period_days;
  if (days !== undefined) {
    if (!history.available) issues.push(dp914.report('unknown', at, { ...base, reason: history.reason }));
    else if (history.head < history.since + days * day) {
      const elapsed = Math.max(0, Math.floor((history.head - history.since) / day));
      issues.push(dp914.report('notElapsed', at, { ...base, days, elapsed }));
    }
  }
  return issues;
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
  return result.ok
    ? { how: 'signed', fingerprint: result.fingerprint, keyType: result.keyType }
    : { how: 'invalid', reason: result.reason };
}
