// The review diff: what a change does to every packet, as pure functions over two validation
// results (the base commit's and the head's). For each packet added, removed or changed: its
// kind and state before and after (and whether the kind allows the move), its fields, the gates
// whose result changed, its gated work items (status changed, or may now leave or no longer
// leave their status), its evidence and its PRD's acceptance criteria by anchor.
// Values are shown masked: a value the secret scan flagged is never shown, and every value
// goes through the same masking as every message (report/redact.ts).
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { cmp } from '../core/issue.ts';
import type { EvidenceVerification, GateContext, Loaded, LoadedPrd, RecordSet } from '../core/record-set.ts';
import { gates } from '../gates/index.ts';
import { MASK, redactText } from '../report/redact.ts';
import { getRule, type RuleId } from '../rules/catalog.ts';
import type { Decision } from '../schemas/decision.ts';
import { prdField } from '../schemas/kind.ts';
import { workItemStatuses } from '../schemas/work-item.ts';
import { acceptanceCriteria } from '../markdown/criteria.ts';
import { kindViewOf, stateLabel, transitionAllowed, type KindView } from './kind-view.ts';
import { leaves, sameValue, strings } from './record-fields.ts';
import { approvalChanges, type ApprovalChange } from '../approvals/diff.ts';

/** What the diff needs of one side: a ValidationResult has it. */
export interface ReviewSide {
  records: RecordSet;
  issues: readonly Issue[];
  verification: ReadonlyMap<string, EvidenceVerification>;
  secrets: readonly string[];
  today: string;
}

export type Change = 'added' | 'removed' | 'changed';

export interface StateValue {
  id: string;
  label: string;
}

export interface StateChange {
  /** The record field holding the state (from the kind). */
  field: string;
  before?: StateValue;
  after?: StateValue;
  changed: boolean;
  /** Whether the kind allows the move; null when there is no move to judge (added, removed, kind changed). */
  allowed: boolean | null;
}

export interface FieldChange {
  field: string;
  change: Change;
  /** The value shown (JSON for lists and numbers), masked; absent when the field was not there. */
  before?: string;
  after?: string;
}

export interface GateChange {
  rule: string;
  name: string;
  before: 'pass' | 'fail';
  after: 'pass' | 'fail';
}

export interface WorkItemChange {
  id: string;
  /** The decision field that names it (its role), e.g. `gated.follow_up`. */
  field: string;
  before?: string;
  after?: string;
  statusChanged: boolean;
  /** Statuses it may now take that the gates refused at the base. */
  mayNowMoveTo: string[];
  /** Statuses it could take at the base that the gates now refuse. */
  noLongerMayMoveTo: string[];
}

export interface EvidenceChange {
  id: string;
  change: Change;
  kind?: string;
  repository?: string;
  path?: string;
  commit?: string;
  /** Whether a local clone confirmed commit and path ('failed': it refuted them). */
  verification: 'verified' | 'not-verified' | 'failed';
  /** Counted by the gates (named in the decision), or only shown on the page. */
  counted: boolean;
}

export interface CriterionChange {
  anchor: string;
  change: 'added' | 'removed' | 'reworded';
  before?: string;
  after?: string;
  /** Line in the head PRD file (the base's for a removed criterion). */
  line: number;
}

export interface PacketDiff {
  id: string;
  change: Change;
  /** The decision file (head's; the base's when removed), relative to the working directory. */
  file: string;
  /** The same inside the content folder, as the site shows it. */
  source: string;
  kind: { before?: string; after?: string; title?: string };
  state?: StateChange;
  fields: FieldChange[];
  gates: GateChange[];
  workItems: WorkItemChange[];
  evidence: EvidenceChange[];
  criteria: CriterionChange[];
  prd: { before?: string; after?: string; file?: string };
  /** Approval entries added or made stale, and approvals the new state still misses (src/approvals/diff.ts). */
  approvals: ApprovalChange[];
}

export interface PacketsDiff {
  packets: PacketDiff[];
  /** Packets present on both sides that the change does not touch. */
  unchanged: number;
}

const maxShown = 200;

export function diffPackets(base: ReviewSide, head: ReviewSide): PacketsDiff {
  const ids = [...new Set([...base.records.decisions.keys(), ...head.records.decisions.keys()])].sort(cmp);
  const packets: PacketDiff[] = [];
  let unchanged = 0;
  const secrets = [...base.secrets, ...head.secrets];
  const flagged = flaggedFields([...base.issues, ...head.issues]);
  for (const id of ids) {
    const diff = diffPacket(id, base, head, secrets, flagged);
    if (diff) packets.push(diff);
    else unchanged += 1;
  }
  return { packets, unchanged };
}

function diffPacket(id: string, base: ReviewSide, head: ReviewSide, secrets: readonly string[], flagged: ReadonlyMap<string, string[]>): PacketDiff | undefined {
  const before = base.records.decisions.get(id);
  const after = head.records.decisions.get(id);
  const decision = (after ?? before)!;
  const change: Change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  const baseKind = before ? kindViewOf(base.records, before) : undefined;
  const headKind = after ? kindViewOf(head.records, after) : undefined;
  const kind = {
    before: kindIdOf(before),
    after: kindIdOf(after),
    title: (headKind ?? baseKind)?.title,
  };
  const state = stateChange(before, after, baseKind, headKind);
  const hidden = new Set([...(state ? [state.field] : []), 'kind']);
  const diff: PacketDiff = {
    id,
    change,
    file: decision.file,
    source: decision.source,
    kind,
    state,
    fields: fieldChanges(before, after, hidden, flagged, secrets),
    gates: gateChanges(packetFiles(base, before), base.issues, packetFiles(head, after), head.issues),
    workItems: workItemChanges(base, before, head, after),
    evidence: evidenceChanges(id, base, before, head, after),
    criteria: criterionChanges(base, before, head, after, secrets),
    prd: { before: prdOf(base.records, before), after: prdOf(head.records, after), file: (after ? head.records.prds.get(prdOf(head.records, after) ?? '') : undefined)?.file },
    approvals: approvalChanges(base.records, before, head.records, after),
  };
  const touched =
    change !== 'changed' ||
    kind.before !== kind.after ||
    state?.changed === true ||
    diff.fields.length + diff.gates.length + diff.workItems.length + diff.evidence.length + diff.criteria.length + diff.approvals.length > 0 ||
    diff.prd.before !== diff.prd.after;
  return touched ? diff : undefined;
}

function kindIdOf(decision: Loaded<unknown> | undefined): string | undefined {
  const value = decision ? (decision.data as { kind?: unknown }).kind : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The PRD id a decision names in its kind's prd_ref field (none for an unknown kind or body: own). */
export function prdOf(records: RecordSet, decision: Loaded<unknown> | undefined): string | undefined {
  if (!decision) return undefined;
  const data = decision.data as Record<string, unknown>;
  const kind = typeof data.kind === 'string' ? records.kinds.get(data.kind) : undefined;
  const field = kind ? prdField(kind.data) : undefined;
  const value = field === undefined ? undefined : ownValue(data, field);
  return typeof value === 'string' ? value : undefined;
}

/** The markdown whose criteria a packet shows: the decision's own body (its kind says body: own), else its PRD's. */
export function markdownOf(records: RecordSet, decision: Loaded<unknown> | undefined): { body: string; bodyLine: number } | undefined {
  if (!decision) return undefined;
  const own = decision as { body?: string; bodyLine?: number };
  if (own.body !== undefined) return { body: own.body, bodyLine: own.bodyLine ?? 1 };
  return records.prds.get(prdOf(records, decision) ?? '');
}

/** The decision's state in its kind's state field, when the kind is known. */
export function stateOf(decision: Loaded<unknown> | undefined, kind: KindView | undefined): string | undefined {
  if (!decision || !kind) return undefined;
  const value = (decision.data as Record<string, unknown>)[kind.stateField];
  return typeof value === 'string' ? value : undefined;
}

function stateChange(before: Loaded<unknown> | undefined, after: Loaded<unknown> | undefined, baseKind: KindView | undefined, headKind: KindView | undefined): StateChange | undefined {
  const kind = headKind ?? baseKind;
  if (!kind) return undefined;
  const from = stateOf(before, baseKind);
  const to = stateOf(after, headKind);
  const sameKind = baseKind !== undefined && headKind !== undefined && baseKind.id === headKind.id;
  return {
    field: kind.stateField,
    before: from === undefined ? undefined : { id: from, label: stateLabel(baseKind, from) },
    after: to === undefined ? undefined : { id: to, label: stateLabel(headKind, to) },
    changed: from !== to,
    allowed: from !== undefined && to !== undefined && sameKind ? transitionAllowed(headKind!, from, to) : null,
  };
}

/** A value as a reviewer may see it: never a flagged secret, always masked. */
export function shownValue(value: unknown, flagged: boolean, secrets: readonly string[]): string {
  if (flagged) return MASK;
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const masked = redactText(text, secrets);
  return masked.length > maxShown ? `${masked.slice(0, maxShown)}…` : masked;
}

const secretRules = new Set(['DP600', 'DP601']);

/** Per file, the fields where the secret scan found something ('' for the file's raw text). */
function flaggedFields(issues: readonly Issue[]): Map<string, string[]> {
  const flagged = new Map<string, string[]>();
  for (const issue of issues) {
    if (!secretRules.has(issue.ruleId)) continue;
    const fields = flagged.get(issue.file);
    if (fields) fields.push(issue.field ?? '');
    else flagged.set(issue.file, [issue.field ?? '']);
  }
  return flagged;
}

function isFlagged(field: string, flagged: readonly string[]): boolean {
  // A finding without a field (the raw text) hides every value of the file.
  return flagged.some((at) => at === '' || at === field || at.startsWith(`${field}.`) || at.startsWith(`${field}[`));
}

function fieldChanges(before: Loaded<unknown> | undefined, after: Loaded<unknown> | undefined, hidden: ReadonlySet<string>, flaggedByFile: ReadonlyMap<string, string[]>, secrets: readonly string[]): FieldChange[] {
  const old = before ? leaves(before.data) : new Map<string, unknown>();
  const now = after ? leaves(after.data) : new Map<string, unknown>();
  const flagged = [...(before ? flaggedByFile.get(before.file) ?? [] : []), ...(after ? flaggedByFile.get(after.file) ?? [] : [])];
  const changes: FieldChange[] = [];
  for (const field of [...new Set([...old.keys(), ...now.keys()])].sort(cmp)) {
    if (hidden.has(field)) continue;
    const had = old.has(field);
    const has = now.has(field);
    if (had && has && sameValue(old.get(field), now.get(field))) continue;
    const masked = isFlagged(field, flagged);
    changes.push({
      field,
      change: !had ? 'added' : !has ? 'removed' : 'changed',
      before: had ? shownValue(old.get(field), masked, secrets) : undefined,
      after: has ? shownValue(now.get(field), masked, secrets) : undefined,
    });
  }
  return changes;
}

/** The files whose violations belong to a packet: its decision, PRD, gated work items and evidence. */
function packetFiles(side: ReviewSide, decision: Loaded<unknown> | undefined): Set<string> {
  const files = new Set<string>();
  if (!decision) return files;
  files.add(decision.file);
  const prd = side.records.prds.get(prdOf(side.records, decision) ?? '');
  if (prd) files.add(prd.file);
  for (const { value } of strings(decision.data)) {
    const item = side.records.workItems.get(value) ?? side.records.evidence.get(value);
    if (item) files.add(item.file);
  }
  return files;
}

// Per issue list: the rules failing in each file (built once, not per packet).
const rulesByFile = new WeakMap<readonly Issue[], Map<string, Set<string>>>();

function failingRules(issues: readonly Issue[]): Map<string, Set<string>> {
  let index = rulesByFile.get(issues);
  if (!index) {
    index = new Map();
    for (const issue of issues) {
      const rules = index.get(issue.file);
      if (rules) rules.add(issue.ruleId);
      else index.set(issue.file, new Set([issue.ruleId]));
    }
    rulesByFile.set(issues, index);
  }
  return index;
}

function gateChanges(baseFiles: Set<string>, baseIssues: readonly Issue[], headFiles: Set<string>, headIssues: readonly Issue[]): GateChange[] {
  const failing = (files: Set<string>, issues: readonly Issue[]) => {
    const index = failingRules(issues);
    return new Set([...files].flatMap((file) => [...(index.get(file) ?? [])]));
  };
  const old = failing(baseFiles, baseIssues);
  const now = failing(headFiles, headIssues);
  const changes: GateChange[] = [];
  for (const rule of [...new Set([...old, ...now])].sort(cmp)) {
    if (old.has(rule) === now.has(rule)) continue;
    changes.push({ rule, name: getRule(rule as RuleId).name, before: old.has(rule) ? 'fail' : 'pass', after: now.has(rule) ? 'fail' : 'pass' });
  }
  return changes;
}

/** The work items a decision names, with the field naming each (its role). */
function gatedItems(side: ReviewSide, decision: Loaded<unknown> | undefined): Map<string, string> {
  const items = new Map<string, string>();
  if (!decision) return items;
  for (const { field, value } of strings(decision.data)) if (side.records.workItems.has(value) && !items.has(value)) items.set(value, field);
  return items;
}

function workItemChanges(base: ReviewSide, before: Loaded<unknown> | undefined, head: ReviewSide, after: Loaded<unknown> | undefined): WorkItemChange[] {
  const baseItems = gatedItems(base, before);
  const headItems = gatedItems(head, after);
  const changes: WorkItemChange[] = [];
  for (const id of [...new Set([...baseItems.keys(), ...headItems.keys()])].sort(cmp)) {
    const old = base.records.workItems.get(id)?.data.status;
    const now = head.records.workItems.get(id)?.data.status;
    const movableBefore = baseItems.has(id) ? allowedStatuses(base, before!, id) : new Set<string>();
    // The gates are pure: over the same records and date they answer the same.
    const same = before !== undefined && after !== undefined && base.today === head.today && fingerprint(base, before) === fingerprint(head, after);
    const movableNow = !headItems.has(id) ? new Set<string>() : same && baseItems.has(id) ? movableBefore : allowedStatuses(head, after!, id);
    const mayNowMoveTo = [...movableNow].filter((status) => !movableBefore.has(status) && status !== now);
    const noLongerMayMoveTo = [...movableBefore].filter((status) => !movableNow.has(status) && status !== now);
    if (old === now && mayNowMoveTo.length === 0 && noLongerMayMoveTo.length === 0) continue;
    changes.push({ id, field: headItems.get(id) ?? baseItems.get(id)!, before: old, after: now, statusChanged: old !== now, mayNowMoveTo, noLongerMayMoveTo });
  }
  return changes;
}

/**
 * The statuses a gated work item could take on this side without breaking a gate: each status
 * is tried on the packet alone, and kept when it breaks nothing beyond what breaks whatever the
 * status (so an item whose current status is refused is judged like any other).
 */
function allowedStatuses(side: ReviewSide, decision: Loaded<unknown>, itemId: string): Set<string> {
  const item = side.records.workItems.get(itemId)!;
  const context: GateContext = { today: side.today, verification: side.verification, requireVerifiedEvidence: false };
  const own = packetRecords(side, decision);
  const alone = (status: string): RecordSet => {
    const workItems = new Map(own.workItems);
    workItems.set(itemId, { ...item, data: { ...item.data, status: status as typeof item.data.status } });
    return { ...own, workItems };
  };
  const violations = (records: RecordSet) => new Set(gates.flatMap((gate) => gate(records, context)).map((issue) => `${issue.ruleId}\0${issue.file}\0${issue.field ?? ''}`));
  const byStatus = new Map(workItemStatuses.map((status) => [status as string, violations(alone(status))]));
  // What breaks whatever the item's status (another record's fault) does not hold the item.
  const regardless = [...byStatus.values()].reduce((common, set) => new Set([...common].filter((violation) => set.has(violation))));
  return new Set([...byStatus].filter(([, set]) => set.size === regardless.size).map(([status]) => status));
}

/**
 * The packet alone: its decision, PRD, the work items and evidence it names or that name it, and
 * every id (references still resolve). Gates over it cost what one packet costs, whatever the
 * size of the content.
 */
function packetRecords(side: ReviewSide, decision: Loaded<unknown>): RecordSet {
  const pick = <T>(map: Map<string, T>, ids: Iterable<string>) => new Map([...ids].flatMap((id) => (map.has(id) ? [[id, map.get(id)!] as const] : [])));
  const prd = prdOf(side.records, decision);
  return {
    ...side.records,
    decisions: new Map([[decision.id, decision as Loaded<Decision>]]),
    prds: pick(side.records.prds, prd === undefined ? [] : [prd]),
    workItems: pick(side.records.workItems, gatedItems(side, decision).keys()),
    evidence: pick(side.records.evidence, evidenceOf(side, decision.id, decision).keys()),
  };
}

/** Everything the gates read of one packet, as text: equal texts, equal gate results. */
function fingerprint(side: ReviewSide, decision: Loaded<unknown>): string {
  const own = packetRecords(side, decision);
  const data = <T extends { data: unknown }>(map: Map<string, T>) => [...map].map(([id, record]) => [id, record.data]);
  return JSON.stringify([decision.data, data(own.prds), data(own.workItems), data(own.evidence), [...own.evidence.keys()].map((id) => side.verification.get(id) ?? null)]);
}

// Per record set: which evidence names each packet in its `packets` list (built once, not per packet).
const shownOnIndex = new WeakMap<RecordSet, Map<string, string[]>>();

function evidenceNaming(records: RecordSet, packetId: string): string[] {
  let index = shownOnIndex.get(records);
  if (!index) {
    index = new Map();
    for (const evidence of records.evidence.values()) {
      const packets = (evidence.data as { packets?: unknown }).packets;
      if (!Array.isArray(packets)) continue;
      for (const packet of new Set(packets)) {
        if (typeof packet !== 'string') continue;
        const list = index.get(packet);
        if (list) list.push(evidence.id);
        else index.set(packet, [evidence.id]);
      }
    }
    shownOnIndex.set(records, index);
  }
  return index.get(packetId) ?? [];
}

function evidenceOf(side: ReviewSide, packetId: string, decision: Loaded<unknown> | undefined): Map<string, boolean> {
  const found = new Map<string, boolean>();
  if (!decision) return found;
  for (const { value } of strings(decision.data)) if (side.records.evidence.has(value)) found.set(value, true);
  for (const id of evidenceNaming(side.records, packetId)) if (!found.has(id)) found.set(id, false);
  return found;
}

function evidenceChanges(packetId: string, base: ReviewSide, before: Loaded<unknown> | undefined, head: ReviewSide, after: Loaded<unknown> | undefined): EvidenceChange[] {
  const old = evidenceOf(base, packetId, before);
  const now = evidenceOf(head, packetId, after);
  const changes: EvidenceChange[] = [];
  for (const id of [...new Set([...old.keys(), ...now.keys()])].sort(cmp)) {
    const was = base.records.evidence.get(id);
    const is = head.records.evidence.get(id);
    const change: Change | undefined = !now.has(id) ? 'removed' : !old.has(id) ? 'added' : !sameValue(was?.data, is?.data) || old.get(id) !== now.get(id) ? 'changed' : undefined;
    if (!change) continue;
    const side = change === 'removed' ? base : head;
    const record = (change === 'removed' ? was : is)!;
    const verification = side.verification.get(id);
    changes.push({
      id,
      change,
      kind: record.data.kind,
      repository: record.data.repository,
      path: record.data.path,
      commit: record.data.commit,
      verification: verification?.status ?? 'not-verified',
      counted: (change === 'removed' ? old : now).get(id) === true,
    });
  }
  return changes;
}

/** The criteria of a PRD (or a decision's own body) by anchor (text masked, and line), or nothing when there is none. */
export function criteriaOf(prd: { body: string; bodyLine: number } | undefined, secrets: readonly string[] = []): Map<string, { text: string; line: number }> {
  const criteria = new Map<string, { text: string; line: number }>();
  if (!prd) return criteria;
  for (const criterion of acceptanceCriteria(prd.body, prd.bodyLine)) {
    if (!criteria.has(criterion.anchor)) criteria.set(criterion.anchor, { text: shownValue(criterion.text, false, secrets), line: criterion.line });
  }
  return criteria;
}

function criterionChanges(base: ReviewSide, before: Loaded<unknown> | undefined, head: ReviewSide, after: Loaded<unknown> | undefined, secrets: readonly string[]): CriterionChange[] {
  const oldPrd = markdownOf(base.records, before);
  const newPrd = markdownOf(head.records, after);
  if (oldPrd && newPrd && oldPrd.body === newPrd.body) return [];
  const old = criteriaOf(oldPrd, secrets);
  const now = criteriaOf(newPrd, secrets);
  const changes: CriterionChange[] = [];
  for (const [anchor, criterion] of now) {
    const was = old.get(anchor);
    if (!was) changes.push({ anchor, change: 'added', after: criterion.text, line: criterion.line });
    else if (was.text !== criterion.text) changes.push({ anchor, change: 'reworded', before: was.text, after: criterion.text, line: criterion.line });
  }
  for (const [anchor, criterion] of old) if (!now.has(anchor)) changes.push({ anchor, change: 'removed', before: criterion.text, line: criterion.line });
  return changes;
}
