// The rules `check --base` adds for what a change does, as a pure function over the base's and
// the head's validation: a state transition the decision's kind does not allow (DP214), a packet
// or criterion anchor removed while a record still links to it (DP800), a decision whose kind
// changed (DP801). Located in the head's files; messages name states and
// anchors (kind data and ids), never a field's value. A base file that the input limits kept
// from being read (DP110) is reported too, at its base location: a change judged against a
// base without that file could pass what the file would refuse.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type RecordSet } from '../core/record-set.ts';
import { getRule } from '../rules/catalog.ts';
import { kindViewOf, transitionAllowed } from './kind-view.ts';
import { criteriaOf, markdownOf, stateOf, type ReviewSide } from './packet-diff.ts';
import { strings } from './record-fields.ts';
import { approvalChangeIssues } from '../approvals/change.ts';

export function changeIssues(base: ReviewSide, head: ReviewSide): Issue[] {
  return [...unreadBaseIssues(base), ...transitionIssues(base, head), ...removedLinkIssues(base, head), ...approvalChangeIssues(base, head)];
}

function unreadBaseIssues(base: ReviewSide): Issue[] {
  return base.issues
    .filter((issue) => issue.ruleId === 'DP110')
    .map((issue) => ({
      ...issue,
      message: `At the base commit: ${issue.message} The change cannot be judged against a file that was not read.`,
    }));
}

function transitionIssues(base: ReviewSide, head: ReviewSide): Issue[] {
  const issues: Issue[] = [];
  for (const [id, after] of head.records.decisions) {
    const before = base.records.decisions.get(id);
    if (!before) continue;
    const baseKind = kindViewOf(base.records, before);
    const headKind = kindViewOf(head.records, after);
    const kindBefore = (before.data as { kind?: unknown }).kind;
    const kindAfter = (after.data as { kind?: unknown }).kind;
    if (typeof kindBefore === 'string' && typeof kindAfter === 'string' && kindBefore !== kindAfter) {
      issues.push(issueAt('DP801', after, 'kind', `kind: the change gives the decision another kind ("${kindBefore}" at the base, "${kindAfter}" now); a decision keeps the kind it was recorded under.`));
      continue;
    }
    if (!baseKind || !headKind) continue;
    const from = stateOf(before, baseKind);
    const to = stateOf(after, headKind);
    if (from === undefined || to === undefined || transitionAllowed(headKind, from, to)) continue;
    const allowed = ownValue<string[]>(headKind.transitions, from) ?? [];
    const options = allowed.length > 0 ? `allows from "${from}" only: ${allowed.map((state) => `"${state}"`).join(', ')}` : `allows no move from "${from}"`;
    issues.push(
      issueAt(
        'DP214',
        after,
        headKind.stateField,
        `${headKind.stateField}: the change moves the decision from "${from}" (${ownValue<{ label: string }>(headKind.states, from)?.label ?? from}) to "${to}" (${ownValue<{ label: string }>(headKind.states, to)?.label ?? to}); its kind "${headKind.id}" ${options}.`,
      ),
    );
  }
  return issues;
}

/** Every place a head record names a link target: its strings and its markdown bodies (PRDs, own-body decisions). */
function linkSites(records: RecordSet): { file: string; field?: string; text: string; line?: number; at?: { positions: Parameters<typeof issueAt>[1]['positions'] } }[] {
  const sites = [];
  const all = [...records.prds.values(), ...records.decisions.values(), ...records.evidence.values(), ...records.workItems.values(), ...(records.repositories ? [records.repositories] : [])];
  for (const record of all) {
    for (const { field, value } of strings(record.data)) sites.push({ file: record.file, field, text: value, at: record });
  }
  const bodies = [...records.prds.values(), ...[...records.decisions.values()].flatMap((decision) => (decision.body === undefined ? [] : [{ file: decision.file, body: decision.body, bodyLine: decision.bodyLine ?? 1 }]))];
  for (const prd of bodies) {
    prd.body.split('\n').forEach((text, index) => sites.push({ file: prd.file, text, line: prd.bodyLine + index }));
  }
  return sites;
}

function linkIssue(site: ReturnType<typeof linkSites>[number], message: string): Issue {
  if (site.field !== undefined && site.at) return issueAt('DP800', { file: site.file, positions: site.at.positions }, site.field, `${site.field}: ${message}`);
  return { ruleId: 'DP800', file: site.file, line: site.line, column: 1, message, hint: getRule('DP800').hint };
}

function removedLinkIssues(base: ReviewSide, head: ReviewSide): Issue[] {
  const removedPackets = [...base.records.decisions.keys()].filter((id) => !head.records.ids.decision.has(id));
  const removedAnchors: { packet: string; anchor: string }[] = [];
  for (const [id, after] of head.records.decisions) {
    const before = base.records.decisions.get(id);
    if (!before) continue;
    const oldPrd = markdownOf(base.records, before);
    const newPrd = markdownOf(head.records, after);
    if (!oldPrd || !newPrd || oldPrd.body === newPrd.body) continue;
    const now = criteriaOf(newPrd);
    for (const anchor of criteriaOf(oldPrd).keys()) if (!now.has(anchor)) removedAnchors.push({ packet: id, anchor });
  }
  if (removedPackets.length === 0 && removedAnchors.length === 0) return [];
  const issues: Issue[] = [];
  const sites = linkSites(head.records);
  for (const packet of removedPackets) {
    const link = `packets/${packet}/`;
    for (const site of sites) {
      const names = site.field !== undefined && /(^|\.)packets\[\d+\]$/.test(site.field) && site.text === packet;
      if (names || site.text.includes(link)) issues.push(linkIssue(site, `the change removes the packet "${packet}", and this record still links to it.`));
    }
  }
  for (const { packet, anchor } of removedAnchors) {
    const link = `packets/${packet}/#${anchor}`;
    const message = `the change removes the acceptance criterion "#${anchor}" of the packet "${packet}", and this record still links to it.`;
    for (const site of sites) if (site.text.includes(link)) issues.push(linkIssue(site, message));
    // The packet's kind traces its criteria to rules by anchor (`criteria: { <anchor>: [...] }`).
    const kind = head.records.kinds.get(kindIdOf(head.records.decisions.get(packet)) ?? '');
    const traced = kind && Object.hasOwn((kind.data as { criteria?: object }).criteria ?? {}, anchor);
    // DP212 already refuses a traced anchor that no PRD of the kind defines: not reported twice.
    const refused = head.issues.some((issue) => issue.ruleId === 'DP212' && kind !== undefined && issue.file === kind.file && issue.field === `criteria.${anchor}`);
    if (kind && traced && !refused) issues.push(issueAt('DP800', kind, `criteria.${anchor}`, `criteria.${anchor}: ${message}`, { key: true }));
  }
  return issues;
}

function kindIdOf(decision: { data: unknown } | undefined): string | undefined {
  const kind = decision ? (decision.data as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' ? kind : undefined;
}
