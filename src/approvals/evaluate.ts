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

/** What every step of one evaluation reads, and the issues it has found so far. */
interface Evaluation {
  subject: Subject;
  file: Loaded<ApprovalsFile> | undefined;
  roster: Roster | undefined;
  people: ReadonlyMap<string, Person>;
  /** The policy judged now: the state's, unless it applies only to a move from other states. */
  judged: AnyPolicy | undefined;
  options: EvaluateOptions;
  issues: Issue[];
  /** An entry stands when its person is known and it is verified at the policy's level. */
  stands: (view: EntryView) => boolean;
}

/** An entry's field: where an issue about it is placed, and the field it names. */
function entryAt(file: Loaded<ApprovalsFile>, index: number, name: string) {
  const field = entryField(index, name);
  return { at: fieldAt(file, field), field };
}

export function evaluateApprovals(
  subject: Subject,
  file: Loaded<ApprovalsFile> | undefined,
  roster: Roster | undefined,
  policy: AnyPolicy | undefined,
  options: EvaluateOptions = {},
): { issues: Issue[]; view: ApprovalsView } {
  const judged = policy && policyApplies(policy, options.fromState) ? policy : undefined;
  // A claim stands only where the policy accepts claims.
  const accepted: Verification['how'][] = (judged?.level ?? 'claim') === 'claim' ? ['signed', 'claim'] : ['signed'];
  const run: Evaluation = {
    subject,
    file,
    roster,
    people: new Map<string, Person>((roster?.people ?? []).map((person) => [person.id, person])),
    judged,
    options,
    issues: [],
    stands: (view) => view.name !== undefined && accepted.includes(view.verification.how),
  };
  const views = (file?.data.approvals ?? []).map((entry, index) => entryView(run, entry, index));
  if (file && judged?.level === 'signed') reportClaims(run, file, views);
  const latest = positionsOf(run, views);
  const concerns = openConcernsOf(run, views);
  const excluded = policy?.author_counts === false ? authorOf(roster, options.history) : undefined;
  const policyView = policy ? policyViewOf(run, policy, latest, excluded) : undefined;
  const members = new Set(judged ? (roster?.groups[judged.group] ?? []) : []);
  const openObjections = [...latest.values()]
    .filter((view) => view.disposition === 'object' && (!judged || members.has(view.by)))
    .map((view) => view.by);
  const openConcerns = [...concerns.entries()].map(([name, raised]) => ({ name, by: raised.by }));
  if (file && judged && policyView)
    reportPolicy(run, file, judged, { views, members, latest, openObjections, concerns, met: policyView.met });
  if (judged) run.issues.push(...historyIssues(subject, file, judged, views, excluded, options.history, run.stands));
  if (judged && policyView && !policyView.met) run.issues.push(quorumIssue(subject, judged, policyView));
  const view = { content: subject.content, entries: views, policy: policyView, openObjections, openConcerns };
  return { issues: run.issues, view };
}

/** One entry as the page shows it; DP903 (not in the roster), DP907/DP908 (its signature). */
function entryView(run: Evaluation, entry: ApprovalEntry, index: number): EntryView {
  const { file, issues } = run;
  const base = run.options.base === true;
  const person = run.people.get(entry.by);
  const verification = verifyEntry(entry, person, run.subject.packet);
  if (file && !person) {
    const { at, field } = entryAt(file, index, 'by');
    issues.push(dp903.report('notInRoster', at, { field, base }));
  }
  if (file && person && verification.how === 'invalid') {
    const reason = verification.reason;
    const { at, field } = entryAt(file, index, 'signature');
    if (reason === 'key-mismatch') issues.push(dp908.report('notTheirs', at, { field, base }));
    else issues.push(dp907.report('invalid', at, { field, reason: failureText[reason] }));
  }
  return {
    index,
    by: entry.by,
    name: person?.name,
    disposition: entry.disposition,
    concern: entry.concern,
    content: entry.content,
    current: entry.content === run.subject.content,
    verification: verification.how === 'invalid' ? { how: 'invalid' } : verification,
    counts: false,
  };
}

/** DP906: an unsigned entry that would count (or a concern or resolution) where the policy asks for signatures. */
function reportClaims(run: Evaluation, file: Loaded<ApprovalsFile>, views: readonly EntryView[]): void {
  for (const view of views) {
    const matters = view.current || view.disposition === 'concern' || view.disposition === 'resolve';
    if (view.verification.how !== 'claim' || view.name === undefined || !matters) continue;
    const { at, field } = entryAt(file, view.index, 'signature');
    run.issues.push(dp906.report('claim', at, { field, state: run.subject.state }));
  }
}

/** A person's latest standing approve/object of the current content is their position. */
function positionsOf(run: Evaluation, views: readonly EntryView[]): Map<string, EntryView> {
  const latest = new Map<string, EntryView>();
  for (const view of views) {
    const position = view.disposition === 'approve' || view.disposition === 'object';
    if (position && view.current && run.stands(view)) latest.set(view.by, view);
  }
  return latest;
}

/** Concerns stay open across edits until their raiser or a chair resolves them; DP911 for any other resolution. */
function openConcernsOf(run: Evaluation, views: readonly EntryView[]): Map<string, { by: string; view: EntryView }> {
  const { file, roster } = run;
  const chairs = new Set(roster?.chair_group ? (roster.groups[roster.chair_group] ?? []) : []);
  const concerns = new Map<string, { by: string; view: EntryView }>();
  for (const view of views) {
    if (!run.stands(view) || view.concern === undefined) continue;
    if (view.disposition === 'concern') concerns.set(view.concern, { by: view.by, view });
    else if (view.disposition === 'resolve') {
      const raised = concerns.get(view.concern);
      if (!raised) {
        if (file) {
          const { at, field } = entryAt(file, view.index, 'concern');
          run.issues.push(dp911.report('noConcern', at, { field }));
        }
      } else if (raised.by !== view.by && !chairs.has(view.by)) {
        if (file) {
          const { at, field } = entryAt(file, view.index, 'by');
          run.issues.push(dp911.report('notAllowed', at, { field }));
        }
      } else concerns.delete(view.concern);
    }
  }
  return concerns;
}

/** The policy's count: who approved, how many it needs, who may still approve. Marks the entries that count. */
function policyViewOf(
  run: Evaluation,
  policy: AnyPolicy,
  latest: ReadonlyMap<string, EntryView>,
  excluded: string | undefined,
): PolicyView {
  const { people } = run;
  const groupMembers = run.roster?.groups[policy.group] ?? [];
  const approvers = new Set<string>();
  for (const [by, view] of latest) {
    if (view.disposition !== 'approve' || !groupMembers.includes(by) || by === excluded) continue;
    approvers.add(by);
    view.counts = run.judged !== undefined;
  }
  const need = needed(policy.quorum, groupMembers.length);
  const mayApprove = groupMembers
    .filter((id) => !approvers.has(id) && id !== excluded && people.has(id))
    .map((id) => ({ id, name: people.get(id)!.name }));
  const policyView: PolicyView = {
    state: run.subject.state,
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
  const period = commentPeriodOf(policy.comment_period_days, run.options.history);
  if (period) policyView.commentPeriod = period;
  return policyView;
}

interface Standing {
  views: readonly EntryView[];
  members: ReadonlySet<string>;
  latest: ReadonlyMap<string, EntryView>;
  openObjections: readonly string[];
  concerns: ReadonlyMap<string, { by: string; view: EntryView }>;
  met: boolean;
}

/** DP904 (an approver outside the group), DP905 (stale approvals while unmet), DP910 (open objections and concerns). */
function reportPolicy(run: Evaluation, file: Loaded<ApprovalsFile>, judged: AnyPolicy, standing: Standing): void {
  const { issues, subject } = run;
  const { views, members } = standing;
  for (const view of views) {
    if (view.disposition === 'approve' && view.current && run.stands(view) && !members.has(view.by)) {
      const { at, field } = entryAt(file, view.index, 'by');
      issues.push(dp904.report('notMember', at, { field, group: judged.group, state: subject.state }));
    }
  }
  if (!standing.met) {
    for (const view of views) {
      if (view.disposition !== 'approve' || view.current) continue;
      const { at, field } = entryAt(file, view.index, 'content');
      issues.push(dp905.report('stale', at, { field }));
    }
  }
  if (judged.objections_block === false) return;
  for (const by of standing.openObjections) {
    const { at, field } = entryAt(file, standing.latest.get(by)!.index, 'disposition');
    issues.push(dp910.report('objection', at, { field }));
  }
  for (const { view } of standing.concerns.values()) {
    const { at, field } = entryAt(file, view.index, 'concern');
    issues.push(dp910.report('concern', at, { field }));
  }
}

/** DP909: the state's quorum is not met, reported on the record's state field. */
function quorumIssue(subject: Subject, judged: AnyPolicy, policyView: PolicyView): Issue {
  const data = {
    field: subject.anchorField,
    state: subject.state,
    needed: policyView.needed,
    group: judged.group,
    level: judged.level,
    have: policyView.have,
    transition: judged.from !== undefined,
  };
  return dp909.report('notMet', fieldAt(subject.anchor, subject.anchorField), data);
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
