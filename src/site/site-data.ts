// The site's data, prepared once from a successful validation: pages only render it.
import type { Loaded, RecordSet } from '../core/record-set.ts';
import { cmp } from '../core/issue.ts';
import { commitUrl, fileUrl } from '../core/links.ts';
import { rules } from '../rules/catalog.ts';
import type { Decision, DecisionStatus } from '../schemas/decision.ts';
import type { EvidenceReference } from '../schemas/evidence-reference.ts';
import type { WorkItem } from '../schemas/work-item.ts';
import type { PrdFrontmatter } from '../schemas/prd.ts';
import type { ValidationResult } from '../validate/validate.ts';
import { statusLabels } from './branches.ts';
import { renderPrd, type AcceptanceCriterion, type RenderedPrd } from './render-markdown.ts';
import type { RenderJob } from './render-pool.ts';
import { rulesForCriterion } from '../rules/criteria-trace.ts';
import type { Timeline } from './timelines.ts';

export interface WorkItemView {
  id: string;
  title: string;
  status: WorkItem['status'];
  blockedReason?: string;
  file: string;
  timeline: Timeline;
  /** Packets that gate this item, with the role it plays there. */
  gatedBy: { packet: string; role: GateRole }[];
}

export type GateRole = 'admission_authority' | 'local_adapter' | 'stage2';

export interface EvidenceView {
  id: string;
  title: string;
  kind: EvidenceReference['kind'];
  repository: { id: string; url?: string; title?: string };
  path: string;
  commit: string;
  commitUrl?: string;
  fileUrl?: string;
  provider?: string;
  model?: string;
  result?: 'pass' | 'fail';
  verification: { status: 'verified' | 'not-verified'; detail: string };
  file: string;
  /** Packets that list it in evidence_sources (counted by the gates). */
  countedBy: string[];
  /** Packets it names in its own `packets` field (shown, not counted). */
  shownOn: string[];
}

export interface GatedItemView {
  role: GateRole;
  roleLabel: string;
  anchor: string;
  item: WorkItemView;
  rule: string;
  why: string;
}

export interface PacketView {
  id: string;
  title: string;
  file: string;
  decision: Decision;
  status: DecisionStatus;
  statusLabel: string;
  safeState: boolean;
  prd: { id: string; file: string; frontmatter: PrdFrontmatter; html: string };
  /** Each criterion with the rules that enforce it (all passed: the packet was published). */
  criteria: (AcceptanceCriterion & { rules: string[] })[];
  gatedItems: GatedItemView[];
  evidence: (EvidenceView & { counted: boolean })[];
  /** Changes of the decision record in git, newest first. */
  timeline: Timeline;
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
}

const roleLabels: Record<GateRole, string> = {
  admission_authority: 'Admission authority',
  local_adapter: 'Local adapter',
  stage2: 'Real Case Stage 2 run',
};

const noTimeline: Timeline = { available: false, message: 'History was not loaded.' };

/** The PRDs the packets show, to render ahead (render-pool.ts) and hand to buildSiteData. */
export function prdRenderJobs(records: RecordSet): RenderJob[] {
  const ids = new Set([...records.decisions.values()].map((decision) => decision.data.prd));
  return [...ids].flatMap((id) => {
    const prd = records.prds.get(id);
    return prd ? [{ id: prd.id, body: prd.body, bodyLine: prd.bodyLine }] : [];
  });
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

  const gatedBy = new Map<string, { packet: string; role: GateRole }[]>();
  for (const decision of byId(records.decisions)) {
    const roles: [string, GateRole][] = [
      [decision.data.work_item, 'admission_authority'],
      [decision.data.work_items.local_adapter, 'local_adapter'],
      [decision.data.work_items.stage2, 'stage2'],
    ];
    for (const [id, role] of roles) append(gatedBy, id, { packet: decision.id, role });
  }
  const workItems = byId(records.workItems).map((item) => workItemView(item, gatedBy.get(item.id) ?? [], timelines.get(item.file) ?? noTimeline));
  const workItemById = new Map(workItems.map((item) => [item.id, item]));

  const countedBy = new Map<string, string[]>();
  for (const decision of byId(records.decisions)) {
    if (decision.data.decision_status === 'not_decided') continue;
    for (const id of decision.data.evidence_sources) append(countedBy, id, decision.id);
  }
  const evidence = byId(records.evidence).map((item) => evidenceView(item, records, result, countedBy.get(item.id) ?? []));
  // Each packet shows the evidence it counts and the evidence naming it, in evidence order:
  // looked up by id rather than by filtering all evidence for every packet.
  const evidencePosition = new Map(evidence.map((item, index) => [item.id, index]));
  const namingPacket = new Map<string, number[]>();
  evidence.forEach((item, index) => {
    for (const packet of item.shownOn) append(namingPacket, packet, index);
  });
  // A PRD that several packets share is rendered once.
  const renderedPrds = new Map<string, RenderedPrd>(rendered);

  const packets = byId(records.decisions).map((decision) => {
    const prd = records.prds.get(decision.data.prd)!;
    let rendered = renderedPrds.get(prd.id);
    if (!rendered) renderedPrds.set(prd.id, (rendered = renderPrd(prd.body, prd.bodyLine)));
    const status = decision.data.decision_status;
    const counted = new Set(decision.data.decision_status === 'not_decided' ? [] : decision.data.evidence_sources);
    const positions = new Set(namingPacket.get(decision.id));
    for (const id of counted) {
      const position = evidencePosition.get(id);
      if (position !== undefined) positions.add(position);
    }
    const shown = [...positions].sort((a, b) => a - b).map((position) => evidence[position]!);
    return {
      id: decision.id,
      title: prd.data.title,
      file: decision.source,
      decision: decision.data,
      status,
      statusLabel: statusLabels[status],
      safeState: status === 'not_decided',
      prd: { id: prd.id, file: prd.source, frontmatter: prd.data, html: rendered.html },
      criteria: rendered.criteria.map((criterion) => ({ ...criterion, rules: rulesForCriterion(criterion.text) })),
      gatedItems: gatedItems(decision, workItemById),
      evidence: shown.map((item) => ({ ...item, counted: counted.has(item.id) })),
      timeline: timelines.get(decision.file) ?? noTimeline,
    } satisfies PacketView;
  });
  const targetRepositories = (records.repositories?.data.target_repositories ?? [])
    .map((target) => ({ id: target.id, url: target.url, title: target.title, pathPrefix: target.path_prefix }))
    .sort((a, b) => cmp(a.id, b.id));
  return { buildCommit, targetRepositories, today: result.today, packets, workItems, evidence, rules };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function workItemView(item: Loaded<WorkItem>, gatedBy: { packet: string; role: GateRole }[], timeline: Timeline): WorkItemView {
  return { id: item.id, title: item.data.title, status: item.data.status, blockedReason: item.data.blocked_reason, file: item.source, timeline, gatedBy };
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
    provider: data.kind === 'admission' ? data.provider : undefined,
    model: data.kind === 'admission' ? data.model : undefined,
    result: data.kind === 'stage2-report' ? data.result : undefined,
    verification:
      verification?.status === 'verified'
        ? { status: 'verified', detail: 'The commit exists in the local clone and the path exists at it.' }
        : { status: 'not-verified', detail: verification?.status === 'not-verified' ? verification.reason : 'Not checked against a local clone.' },
    file: item.source,
    countedBy,
    shownOn: data.packets ?? [],
  };
}

function gatedItems(decision: Loaded<Decision>, workItems: Map<string, WorkItemView>): GatedItemView[] {
  const data = decision.data;
  const status = data.decision_status;
  const entries: [GateRole, string, string, string][] = [
    [
      'admission_authority',
      data.work_item,
      'DP702',
      `${data.work_item} is the provider/model admission authority. It cannot be done until the decision lists an admission matching its provider/model and a stage2-report with result: pass.`,
    ],
    [
      'local_adapter',
      data.work_items.local_adapter,
      'DP700',
      status === 'local_provider_required'
        ? `decision_status is local_provider_required, so ${data.work_items.local_adapter} is the next implementation candidate.`
        : `Stays blocked unless decision_status=local_provider_required; it is ${status}.`,
    ],
    [
      'stage2',
      data.work_items.stage2,
      'DP701',
      'Real Case Stage 2 stays blocked until a provider/model is admitted (matching admission evidence) and a Harness Evidence Interface pass report (stage2-report, result: pass) exists.',
    ],
  ];
  return entries.map(([role, id, rule, why]) => ({
    role,
    roleLabel: roleLabels[role],
    anchor: `gate-${role.replace(/_/g, '-')}`,
    item: workItems.get(id)!,
    rule,
    why,
  }));
}
