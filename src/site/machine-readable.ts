// The machine-readable forms of a packet: decision.json, packets.json and the status badge, and
// the files they are published as (written by the integration after Astro has rendered the
// pages: a file each, without Astro's per-route cost). Pure: data in, text out.
import { rules } from '../rules/catalog.ts';
import { cmp } from '../core/issue.ts';
import type { PacketView, SiteData } from './site-data.ts';
import { governingJson, llmsFullTxt, llmsTxt } from '../governing/site-files.ts';

/** A file of the published site: its path relative to the output folder (`/`-separated) and its text. */
export interface SiteFile {
  path: string;
  text: string;
}

export function decisionDocument(packet: PacketView, buildCommit: string | null) {
  return {
    packet: packet.id,
    kind: packet.kind.id,
    state_field: packet.kind.stateField,
    state: packet.status,
    safe_state: packet.safeState,
    flags: packet.flags,
    record: packet.decision,
    source: packet.file,
    // A decision of a kind with body: own is its own document and points at no PRD.
    prd: packet.prd ? { id: packet.prd.id, title: packet.title, status: packet.prd.frontmatter.status } : null,
    work_items: packet.gatedItems.map((gated) => ({ role: gated.role, id: gated.item.id, status: gated.item.status, rule: gated.rule })),
    links: packet.links.map((link) => ({ field: link.field, direction: link.direction, packet: link.packet })),
    evidence: packet.evidence.map((item) => ({ id: item.id, kind: item.kind, repository: item.repository.id, path: item.path, commit: item.commit, counted: item.counted, verification: item.verification.status })),
    acceptance_criteria: packet.criteria.map((criterion) => ({ anchor: criterion.anchor, text: criterion.text, rules: criterion.rules, result: criterion.rules.length > 0 ? 'pass' : 'stated' })),
    gates: rules.map((rule) => ({ rule: rule.id, name: rule.name, result: 'pass' })),
    /** Every state transition of the record in git, oldest first (empty when history is not available). */
    transitions: packet.timeline.available ? packet.timeline.transitions.map((entry) => ({ commit: entry.commit, date: entry.date, from: entry.from, to: entry.to, record_url: entry.recordUrl ?? null })) : [],
    /** Who approved which content, verified how, and what each other state needs (README "Approvals"). */
    approvals: packet.approvals ?? null,
    build_commit: buildCommit,
  };
}

export function packetSummary(packet: PacketView) {
  return {
    id: packet.id,
    title: packet.title,
    kind: packet.kind.id,
    state: packet.status,
    safe_state: packet.safeState,
    work_items: Object.fromEntries(packet.gatedItems.map((gated) => [gated.role, gated.item.id])),
    prd: packet.prd?.id ?? null,
  };
}

// The safe state is grey; the other states take these colours in the order their kind declares them.
const stateColors = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c', '#0e7490'];

/** A flat badge with fixed-width text metrics, so the SVG is the same on every machine. */
export function badgeSvg(packet: PacketView): string {
  const label = 'decision';
  const value = packet.status;
  const others = packet.kind.states.filter((state) => state !== packet.kind.safeState);
  const color = packet.safeState ? '#6b7280' : stateColors[others.indexOf(packet.status) % stateColors.length]!;
  const width = (text: string) => Math.round(text.length * 6.6 + 12);
  const left = width(label);
  const right = width(value);
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + right}" height="20" role="img" aria-label="${escape(`${label}: ${value}`)}"><title>${escape(`${packet.id}: ${value}`)}</title><rect width="${left}" height="20" fill="#374151"/><rect x="${left}" width="${right}" height="20" fill="${color}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${escape(value)}</text></g></svg>\n`;
}

/** The text of `/packets/<id>/decision.json`. */
export function decisionJson(packet: PacketView, buildCommit: string | null): string {
  return `${JSON.stringify(decisionDocument(packet, buildCommit), null, 2)}\n`;
}

/** The text of `/packets.json`: every packet, by id. */
export function packetsJson(packets: readonly PacketView[], buildCommit: string | null): string {
  const sorted = [...packets].sort((a, b) => cmp(a.id, b.id));
  return `${JSON.stringify({ build_commit: buildCommit, packets: sorted.map(packetSummary) }, null, 2)}\n`;
}

/**
 * Every machine-readable file of the site: packets.json, governing.json, llms.txt and
 * llms-full.txt, then each packet's decision.json and badge.svg. `base`: the site's base path.
 */
export function machineReadableFiles(site: Pick<SiteData, 'packets' | 'buildCommit' | 'decisions'>, base = '/'): SiteFile[] {
  const buildCommit = site.buildCommit ?? null;
  const decisions = { decisions: site.decisions, buildCommit, base };
  return [
    { path: 'packets.json', text: packetsJson(site.packets, buildCommit) },
    { path: 'governing.json', text: governingJson(decisions) },
    { path: 'llms.txt', text: llmsTxt(decisions) },
    { path: 'llms-full.txt', text: llmsFullTxt(decisions, new Map(site.packets.map((packet) => [packet.id, packet.decision]))) },
    ...site.packets.flatMap((packet) => [
      { path: `packets/${packet.id}/decision.json`, text: decisionJson(packet, buildCommit) },
      { path: `packets/${packet.id}/badge.svg`, text: badgeSvg(packet) },
    ]),
  ];
}
