// The site's data, prepared once from a successful validation: pages only render it.
import { ownValue } from '../core/own-value.ts';
import { decisionSummaries, type DecisionSummary } from '../governing/governing-index.ts';
import type { Loaded, LoadedKind, RecordSet } from '../core/record-set.ts';
import { validatedDecisions, type ValidatedDecision } from '../core/validated-decision.ts';
import { cmp } from '../core/issue.ts';
import { commitUrl, fileUrl } from '../core/links.ts';
import { rules } from '../rules/catalog.ts';
import { dp302 } from '../rules/dp300-references.ts';
import { dp700 } from '../rules/dp700-role-state-not-reached.ts';
import { dp701 } from '../rules/dp701-role-requirement-not-met.ts';
import { dp702 } from '../rules/dp702-role-done-without-evidence.ts';
import type { Decision } from '../schemas/decision.ts';
import type { EvidenceReference } from '../schemas/evidence-reference.ts';
import type { WorkItem } from '../schemas/work-item.ts';
import type { PrdFrontmatter } from '../schemas/prd.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { renderPrd, type AcceptanceCriterion, type RenderedPrd } from './prd-html.ts';
import type { RenderJob } from './render-pool.ts';
import {
  describeField,
  pathsOfType,
  renderTemplate,
  templateSegments,
  valueAtPath,
  type CompiledState,
  type TextSegment,
} from '../kinds/compile-kind.ts';
import { bodyMode, defaultPageSections, ownBodyTitleField, type PageSectionId } from '../schemas/kind.ts';
import { editorSchemas } from '../schemas/json-schema.ts';
import { referenceTypes } from '../field-types/index.ts';
import type { Timeline } from './timelines.ts';
import { approvalsPanel, type ApprovalsPanel } from '../approvals/panel.ts';

export interface WorkItemView {
  id: string;
  title: string;
  status: WorkItem['status'];
  blockedReason?: string;
  file: string;
  timeline: Timeline;
  /** Packets that gate this item, with the role it plays there. */
  gatedBy: GatedByView[];
}

interface GatedByView {
  packet: string;
  /** The role id in the packet's kind (`roles.<id>`). */
  role: string;
  roleLabel: string;
  /** The anchor of the role on the packet page. */
  anchor: string;
}

export interface EvidenceView {
  id: string;
  title: string;
  kind: EvidenceReference['kind'];
  repository: { id: string; url?: string; title?: string };
  path: string;
  commit: string;
  commitUrl?: string;
  fileUrl?: string;
  /** The extra fields its evidence kind declares, in declaration order. */
  fields: { name: string; value: string }[];
  verification: { status: 'verified' | 'not-verified'; detail: string };
  file: string;
  /** Packets that list it in evidence_sources (counted by the gates). */
  countedBy: string[];
  /** Packets it names in its own `packets` field (shown, not counted). */
  shownOn: string[];
}

interface GatedItemView {
  role: string;
  roleLabel: string;
  anchor: string;
  item: WorkItemView;
  rule: string;
  why: string;
}

/** A piece of a rendered template; `href` when its value is the id of a page. */
interface SegmentView extends TextSegment {
  href?: string;
}

interface StateOptionView {
  /** The state id. */
  status: string;
  label: string;
  anchor: string;
  /** The anchor this state had before states were called states: reviews still link to it. */
  aliasAnchor: string;
  useWhen?: string;
  fields: { name: string; requirement: string }[];
  consequences: string[];
}

interface MoveView {
  status: string;
  label: string;
  /** Where the page lists the state's fields (`#state-…`); absent for the safe state. */
  anchor?: string;
  /** The fields the state requires beyond the state field. */
  fields: string[];
  /** The approvals moving there needs, in words; absent when its kind asks none. */
  approvals?: string;
}

interface KindView {
  id: string;
  title: string;
  stateField: string;
  safeState: string;
  safeStateLabel: string;
  /** Every state id, in declaration order. */
  states: string[];
  /** Each state's label, by state id (the history names the state each commit recorded). */
  stateLabels: Record<string, string>;
  statesHeading: string;
  statesIntro?: string;
  /** The sections of its packet pages, in order (`page.sections`, or the default). */
  sections: PageSectionId[];
  /** Whether the kind lists them itself: a listed section of fixed statements shows even with no data. */
  sectionsDeclared: boolean;
  /** body: own: the heading of the body's section that states the outcome. */
  outcomeHeading?: string;
  /** The evidence_list fields of its states: the evidence a decision lists there counts. */
  evidenceListFields: string[];
  indexNote?: string;
}

interface KindSummary {
  id: string;
  title: string;
  description?: string;
  stateField: string;
  safeState: string;
  states: { id: string; label: string; transitions: string[] }[];
  /** Criterion anchor → rules, as the kind traces them. */
  criteria: { anchor: string; rules: string[] }[];
}

export interface PacketView {
  id: string;
  title: string;
  file: string;
  decision: Decision;
  kind: KindView;
  /** The decision's state (the value of its kind's state field). */
  status: string;
  statusLabel: string;
  /** The state's short label, for badges and lists. */
  shortLabel: string;
  /** For badge colours: `safe`, or the state's position (1, 2, …) among its kind's other states. */
  tone: string;
  safeState: boolean;
  /** What the page states in this state: the kind's notices, then the state's. */
  notices: string[];
  /** The states other than the safe state, with what they require and what follows. */
  otherStates: StateOptionView[];
  /** What follows from the recorded state (its consequences, rendered); its notices are `notices`. */
  consequences: string[];
  /** The states this one may move to (its kind's transitions), with what each needs. */
  moves: MoveView[];
  /** The kind's "authority and execution gate" statements, rendered. */
  statements: { label: string; segments: SegmentView[] }[];
  /** The kind's flags in this state (decision.json). */
  flags: Record<string, boolean>;
  /** Links to and from other decisions through decision_ref fields (e.g. superseded_by). */
  links: { field: string; label: string; packet: string; direction: 'to' | 'from' }[];
  /** The PRD the decision points at (kinds with body: prd, the default). */
  prd?: { id: string; file: string; frontmatter: PrdFrontmatter; html: string };
  /** The decision's own markdown body, rendered (kinds with body: own), shown where a PRD would be. */
  body?: { file: string; html: string };
  /** Each criterion with the rules that enforce it (all passed: the packet was published). */
  criteria: (AcceptanceCriterion & { rules: string[] })[];
  gatedItems: GatedItemView[];
  evidence: (EvidenceView & { counted: boolean })[];
  /** Changes of the decision record in git, newest first. */
  timeline: Timeline;
  /** The record's `date_or_condition` fields in its state (review triggers), with their values. */
  reviewTriggers: { field: string; value: string }[];
  /** Who approved, verified how, for which content, and what each other state needs (src/approvals/panel.ts). */
  approvals?: ApprovalsPanel;
}

export interface TargetRepositoryView {
  id: string;
  url: string;
  title?: string;
  pathPrefix?: string;
}

export interface SiteData {
  buildCommit?: string;
  targetRepositories: TargetRepositoryView[];
  today: string;
  packets: PacketView[];
  workItems: WorkItemView[];
  evidence: EvidenceView[];
  rules: typeof rules;
  /** Every valid decision kind, for the rules reference. */
  kinds: KindSummary[];
  /** Editor JSON Schemas by name (/schemas/<name>.schema.json). */
  schemas: Record<string, Record<string, unknown>>;
  /** Every decision with its state's governs/retired and globs (governing.json, llms.txt). */
  decisions: DecisionSummary[];
}

const noTimeline: Timeline = { available: false, message: 'History was not loaded.' };

/**
 * The markdown the packets show, to render ahead (render-pool.ts) and hand to buildSiteData: each
 * PRD a decision points at once (by PRD id), and each own-body decision (by ownBodyJobId).
 */
export function prdRenderJobs(records: RecordSet): RenderJob[] {
  const prds = new Map<string, RenderJob>();
  const own: RenderJob[] = [];
  for (const { decision, prd } of validatedDecisions(records)) {
    if (decision.body !== undefined) own.push({ id: ownBodyJobId(decision.id), body: decision.body, bodyLine: decision.bodyLine ?? 1 });
    else if (prd && !prds.has(prd.id)) prds.set(prd.id, { id: prd.id, body: prd.body, bodyLine: prd.bodyLine });
  }
  return [...prds.values(), ...own];
}

/** The render job id of an own-body decision: a path, so it never equals a PRD id. */
function ownBodyJobId(decisionId: string): string {
  return `decisions/${decisionId}`;
}

/** What every packet's view is made from, besides its own decision. */
interface PacketSources {
  records: RecordSet;
  timelines: ReadonlyMap<string, Timeline>;
  /** Rendered markdown by render job id; a PRD that several packets share is rendered once. */
  renderedPrds: Map<string, RenderedPrd>;
  workItemById: ReadonlyMap<string, WorkItemView>;
  /** The evidence each decision counts, by decision id. */
  countedIds: ReadonlyMap<string, string[]>;
  links: ReadonlyMap<string, PacketView['links']>;
  /** The evidence a packet shows, in evidence order. */
  shownEvidence: (decisionId: string, counted: ReadonlySet<string>) => EvidenceView[];
}

/** `rendered`: PRDs already rendered (by id, as renderPrd returns them); the others are rendered here. */
export function buildSiteData(
  result: ValidationResult,
  buildCommit?: string,
  timelines: ReadonlyMap<string, Timeline> = new Map(),
  rendered: ReadonlyMap<string, RenderedPrd> = new Map(),
): SiteData {
  const records = result.records;
  const byId = <T>(map: Map<string, T>) => [...map.keys()].sort(cmp).map((id) => map.get(id)!);
  const decisions = [...validatedDecisions(records)].sort((a, b) => cmp(a.decision.id, b.decision.id));
  const gatedBy = gatedByIndex(decisions);
  const workItems = byId(records.workItems).map((item) =>
    workItemView(item, gatedBy.get(item.id) ?? [], timelines.get(item.file) ?? noTimeline),
  );
  const { countedBy, countedIds } = countedIndex(decisions);
  const evidence = byId(records.evidence).map((item) => evidenceView(item, records, result, countedBy.get(item.id) ?? []));
  const sources: PacketSources = {
    records,
    timelines,
    renderedPrds: new Map<string, RenderedPrd>(rendered),
    workItemById: new Map(workItems.map((item) => [item.id, item])),
    countedIds,
    links: decisionLinks(decisions),
    shownEvidence: evidenceShown(evidence),
  };
  return {
    buildCommit,
    targetRepositories: targetRepositoryViews(records),
    today: result.today,
    packets: decisions.map((validated) => packetView(validated, sources)),
    workItems,
    evidence,
    rules,
    kinds: kindSummaries(records),
    schemas: editorSchemas(records),
    decisions: decisionSummaries(records),
  };
}

/** The packets gating each work item (by work item id), through the roles of their kinds. */
function gatedByIndex(decisions: readonly ValidatedDecision[]): Map<string, GatedByView[]> {
  const gatedBy = new Map<string, GatedByView[]>();
  for (const { decision, kind } of decisions) {
    for (const [role, spec] of Object.entries(kind.data.roles ?? {})) {
      const view = { packet: decision.id, role, roleLabel: spec.label, anchor: roleAnchor(role) };
      append(gatedBy, String(valueAtPath(decision.data, spec.field)), view);
    }
  }
  return gatedBy;
}

/** Which decisions count each evidence (by evidence id), and what each decision counts. */
function countedIndex(decisions: readonly ValidatedDecision[]) {
  const countedBy = new Map<string, string[]>();
  const countedIds = new Map<string, string[]>();
  for (const validated of decisions) {
    const ids = countedEvidence(validated);
    countedIds.set(validated.decision.id, ids);
    for (const id of ids) append(countedBy, id, validated.decision.id);
  }
  return { countedBy, countedIds };
}

/** decision_ref links (e.g. superseded_by), written once on one side, shown on both pages. */
function decisionLinks(decisions: readonly ValidatedDecision[]): Map<string, PacketView['links']> {
  const links = new Map<string, PacketView['links']>();
  for (const { decision, state } of decisions) {
    for (const field of pathsOfType(state.fields, 'decision_ref')) {
      const target = valueAtPath(decision.data, field);
      if (typeof target !== 'string') continue;
      const spec = state.fields.get(field);
      append(links, decision.id, { field, label: field, packet: target, direction: 'to' });
      append(links, target, { field, label: spec?.inverse_label ?? `${field} of`, packet: decision.id, direction: 'from' });
    }
  }
  return links;
}

/**
 * Each packet shows the evidence it counts and the evidence naming it, in evidence order:
 * looked up by id rather than by filtering all evidence for every packet.
 */
function evidenceShown(evidence: readonly EvidenceView[]): PacketSources['shownEvidence'] {
  const evidencePosition = new Map(evidence.map((item, index) => [item.id, index]));
  const namingPacket = new Map<string, number[]>();
  evidence.forEach((item, index) => {
    for (const packet of item.shownOn) append(namingPacket, packet, index);
  });
  return (decisionId, counted) => {
    const positions = new Set(namingPacket.get(decisionId));
    for (const id of counted) {
      const position = evidencePosition.get(id);
      if (position !== undefined) positions.add(position);
    }
    return [...positions].sort((a, b) => a - b).map((position) => evidence[position]!);
  };
}

function packetView(validated: ValidatedDecision, sources: PacketSources): PacketView {
  const { decision, kind, state } = validated;
  const status = state.id;
  const declared = kind.data.states[status]!;
  const document = packetDocument(validated);
  let rendered = sources.renderedPrds.get(document.jobId);
  if (!rendered) sources.renderedPrds.set(document.jobId, (rendered = renderPrd(document.body, document.bodyLine)));
  const counted = new Set(sources.countedIds.get(decision.id));
  const otherStates = stateOptionViews(kind, decision.data);
  const approvals = approvalsPanel(sources.records, decision);
  return {
    id: decision.id,
    title: document.title,
    file: decision.source,
    decision: decision.data,
    kind: kindView(kind),
    status,
    statusLabel: declared.label,
    shortLabel: declared.short_label ?? declared.label,
    tone: stateTone(kind, status),
    safeState: status === kind.data.safe_state,
    notices: [...(kind.data.page?.notices ?? []), ...(declared.notices ?? [])],
    otherStates,
    consequences: (declared.consequences ?? []).map((template) => renderTemplate(template, decision.data)),
    moves: moveViews(kind, status, otherStates, approvals),
    statements: (kind.data.page?.statements ?? []).map((statement) => ({
      label: statement.label,
      segments: segmentViews(state, decision.data, statement.text),
    })),
    flags: { ...kind.data.flags, ...declared.flags },
    links: sources.links.get(decision.id) ?? [],
    ...(document.prd
      ? { prd: { id: document.prd.id, file: document.prd.source, frontmatter: document.prd.data, html: rendered.html } }
      : { body: { file: decision.source, html: rendered.html } }),
    criteria: rendered.criteria.map((criterion) => ({
      ...criterion,
      rules: [...(ownValue<string[]>(kind.data.criteria, criterion.anchor) ?? [])].sort(),
    })),
    gatedItems: gatedItems(validated, sources.workItemById),
    evidence: sources.shownEvidence(decision.id, counted).map((item) => ({ ...item, counted: counted.has(item.id) })),
    timeline: sources.timelines.get(decision.file) ?? noTimeline,
    reviewTriggers: pathsOfType(state.fields, 'date_or_condition').flatMap((field) => {
      const value = valueAtPath(decision.data, field);
      return typeof value === 'string' ? [{ field, value }] : [];
    }),
    approvals,
  };
}

/** `safe` for the kind's safe state, else the state's place among the others (`1`, `2`, …): its colour. */
function stateTone(kind: LoadedKind, status: string): string {
  if (status === kind.data.safe_state) return 'safe';
  const others = Object.keys(kind.data.states).filter((id) => id !== kind.data.safe_state);
  return String(others.indexOf(status) + 1);
}

function targetRepositoryViews(records: RecordSet): SiteData['targetRepositories'] {
  return (records.repositories?.data.target_repositories ?? [])
    .map((target) => ({ id: target.id, url: target.url, title: target.title, pathPrefix: target.path_prefix }))
    .sort((a, b) => cmp(a.id, b.id));
}

function kindSummaries(records: RecordSet): KindSummary[] {
  return [...records.kinds.values()]
    .sort((a, b) => cmp(a.id, b.id))
    .map((kind) => ({
      id: kind.id,
      title: kind.data.title,
      description: kind.data.description,
      stateField: kind.data.state_field,
      safeState: kind.data.safe_state,
      states: Object.entries(kind.data.states).map(([id, state]) => ({
        id,
        label: state.label,
        transitions: Object.hasOwn(kind.data.transitions, id) ? kind.data.transitions[id]! : [],
      })),
      criteria: Object.entries(kind.data.criteria ?? {}).map(([anchor, ids]) => ({ anchor, rules: [...ids] })),
    }));
}

/**
 * The markdown a packet shows: the decision's own body (body: own), else its PRD's. A decision
 * reaches the site only when its PRD exists (DP301).
 */
function packetDocument({ decision, kind, prd }: ValidatedDecision) {
  if (bodyMode(kind.data) === 'own') {
    return {
      jobId: ownBodyJobId(decision.id),
      title: String(decision.data[ownBodyTitleField]),
      body: decision.body ?? '',
      bodyLine: decision.bodyLine ?? 1,
      prd: undefined,
    };
  }
  if (!prd) throw new Error(`Internal error: the published decision ${decision.file} names no loaded PRD.`);
  return { jobId: prd.id, title: prd.data.title, body: prd.body, bodyLine: prd.bodyLine, prd };
}

/** The evidence ids a decision lists in its evidence_list fields (counted by the gates). */
function countedEvidence({ decision, state }: ValidatedDecision): string[] {
  return pathsOfType(state.fields, 'evidence_list').flatMap((field) => {
    const ids = valueAtPath(decision.data, field);
    return Array.isArray(ids) ? ids.map(String) : [];
  });
}

function roleAnchor(role: string): string {
  return `gate-${role.replace(/_/g, '-')}`;
}

function kindView(kind: LoadedKind): KindView {
  const data = kind.data;
  return {
    id: kind.id,
    title: data.title,
    stateField: data.state_field,
    safeState: data.safe_state,
    safeStateLabel: data.states[data.safe_state]!.label,
    states: Object.keys(data.states),
    stateLabels: Object.fromEntries(Object.entries(data.states).map(([id, state]) => [id, state.label])),
    statesHeading: data.page?.states_heading ?? 'Other states',
    statesIntro: data.page?.states_intro,
    sections: data.page?.sections ?? defaultPageSections(data),
    sectionsDeclared: data.page?.sections !== undefined,
    outcomeHeading: data.page?.outcome_heading,
    indexNote: data.page?.index_note,
    evidenceListFields: [...new Set([...kind.compiled.states.values()].flatMap((state) => pathsOfType(state.fields, 'evidence_list')))],
  };
}

function stateOptionViews(kind: LoadedKind, record: Decision): StateOptionView[] {
  const data = kind.data;
  return [...kind.compiled.states.values()]
    .filter((state) => state.id !== data.safe_state)
    .map((state) => {
      const declared = data.states[state.id]!;
      return {
        status: state.id,
        label: declared.label,
        anchor: `state-${state.id.replace(/_/g, '-')}`,
        aliasAnchor: `branch-${state.id.replace(/_/g, '-')}`,
        useWhen: declared.use_when,
        fields: [
          { name: data.state_field, requirement: `exactly ${state.id}` },
          ...[...state.own].map(([name, spec]) => ({ name, requirement: describeField(spec, record) })),
        ],
        consequences: (declared.consequences ?? []).map((template) => renderTemplate(template, record)),
      };
    });
}

/** The states a decision in `current` may move to, with the fields and approvals each needs. */
function moveViews(kind: LoadedKind, current: string, options: StateOptionView[], approvals?: ApprovalsPanel): MoveView[] {
  const targets = ownValue(kind.data.transitions, current) ?? [];
  return targets.map((status) => {
    const option = options.find((candidate) => candidate.status === status);
    const policy = approvals?.others.find((other) => other.state === status);
    return {
      status,
      label: kind.data.states[status]!.label,
      ...(option ? { anchor: option.anchor } : {}),
      fields: (option?.fields ?? []).slice(1).map((field) => field.name),
      ...(policy ? { approvals: approvalWords(policy.needed, policy.level, policy.group, policy.mayApprove) } : {}),
    };
  });
}

function approvalWords(needed: number, level: string, group: string, people: { name: string }[]): string {
  const kind = level === 'signed' ? 'signed approval' : 'approval';
  const who = people.length > 0 ? ` (${people.map((person) => person.name).join(', ')})` : ' (nobody in the roster)';
  return `${needed} ${kind}${needed === 1 ? '' : 's'} from ${group}${who}`;
}

/** A template in pieces; a piece that is a work item, PRD or decision id links to its page. */
function segmentViews(state: CompiledState, record: Decision, template: string): SegmentView[] {
  return templateSegments(template, record).map((segment) => {
    if (!segment.field) return segment;
    const route = referenceTypes().find(
      (reference) => reference.route && pathsOfType(state.fields, reference.type).includes(segment.field!),
    )?.route;
    return route ? { ...segment, href: `${route}/${segment.text}/` } : segment;
  });
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function workItemView(item: Loaded<WorkItem>, gatedBy: GatedByView[], timeline: Timeline): WorkItemView {
  return {
    id: item.id,
    title: item.data.title,
    status: item.data.status,
    blockedReason: item.data.blocked_reason,
    file: item.source,
    timeline,
    gatedBy,
  };
}

function evidenceView(item: Loaded<EvidenceReference>, records: RecordSet, result: ValidationResult, countedBy: string[]): EvidenceView {
  const data = item.data;
  const repository = records.repositories?.data.repositories.find((candidate) => candidate.id === data.repository);
  const verification = result.verification.get(item.id);
  return {
    id: item.id,
    title: data.title,
    kind: data.kind,
    repository: { id: data.repository, url: repository?.url, title: repository?.title },
    path: data.path,
    commit: data.commit,
    commitUrl: repository ? commitUrl(repository, data.commit) : undefined,
    fileUrl: repository ? fileUrl(repository, data.commit, data.path) : undefined,
    fields: evidenceFields(records, data),
    verification:
      verification?.status === 'verified'
        ? { status: 'verified', detail: 'The commit exists in the local clone and the path exists at it.' }
        : {
            status: 'not-verified',
            detail: verification?.status === 'not-verified' ? verification.reason : 'Not checked against a local clone.',
          },
    file: item.source,
    countedBy,
    shownOn: data.packets ?? [],
  };
}

/** The extra fields of an evidence reference, as the first valid kind declaring its evidence kind orders them. */
function evidenceFields(records: RecordSet, data: EvidenceReference): { name: string; value: string }[] {
  for (const kind of records.kinds.values()) {
    const declared = Object.hasOwn(kind.data.evidence_kinds, data.kind) ? kind.data.evidence_kinds[data.kind] : undefined;
    if (declared)
      return Object.keys(declared.fields ?? {})
        .filter((name) => ownValue(data, name) !== undefined)
        .map((name) => ({ name, value: String(ownValue(data, name)) }));
  }
  return [];
}

function gatedItems({ decision, kind, state }: ValidatedDecision, workItems: ReadonlyMap<string, WorkItemView>): GatedItemView[] {
  const data = decision.data;
  const status = state.id;
  return Object.entries(kind.data.roles ?? {}).map(([role, spec]) => {
    const template = typeof spec.why === 'string' ? spec.why : Object.hasOwn(spec.why, status) ? spec.why[status]! : spec.why.default!;
    return {
      role,
      roleLabel: spec.label,
      anchor: roleAnchor(role),
      item: workItems.get(String(valueAtPath(data, spec.field)))!,
      rule: spec.unblocked_when?.states ? dp700.id : spec.unblocked_when?.requirements ? dp701.id : spec.done_when ? dp702.id : dp302.id,
      why: renderTemplate(template, data),
    };
  });
}
