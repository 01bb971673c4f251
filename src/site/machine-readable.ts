// The machine-readable forms of a packet: decision.json, packets.json and the status badge.
import { rules } from '../rules/catalog.ts';
import type { PacketView } from './site-data.ts';

export function decisionDocument(packet: PacketView, buildCommit: string | null) {
  return {
    packet: packet.id,
    decision_status: packet.status,
    safe_state: packet.safeState,
    approves_provider: false,
    stage2_pass_evidence: false,
    record: packet.decision,
    source: packet.file,
    prd: { id: packet.prd.id, title: packet.title, status: packet.prd.frontmatter.status },
    work_items: packet.gatedItems.map((gated) => ({ role: gated.role, id: gated.item.id, status: gated.item.status, rule: gated.rule })),
    evidence: packet.evidence.map((item) => ({ id: item.id, kind: item.kind, repository: item.repository.id, path: item.path, commit: item.commit, counted: item.counted, verification: item.verification.status })),
    acceptance_criteria: packet.criteria.map((criterion) => ({ anchor: criterion.anchor, text: criterion.text, rules: criterion.rules, result: criterion.rules.length > 0 ? 'pass' : 'stated' })),
    gates: rules.map((rule) => ({ rule: rule.id, name: rule.name, result: 'pass' })),
    /** Every state transition of the record in git, oldest first (empty when history is not available). */
    transitions: packet.timeline.available ? packet.timeline.transitions.map((entry) => ({ commit: entry.commit, date: entry.date, from: entry.from, to: entry.to, record_url: entry.recordUrl ?? null })) : [],
    build_commit: buildCommit,
  };
}

export function packetSummary(packet: PacketView) {
  return { id: packet.id, title: packet.title, decision_status: packet.status, safe_state: packet.safeState, admission_authority: packet.decision.work_item, prd: packet.prd.id };
}

const badgeColors: Record<string, string> = {
  not_decided: '#6b7280',
  external_provider_approved: '#1d4ed8',
  local_provider_required: '#047857',
};

/** A flat badge with fixed-width text metrics, so the SVG is the same on every machine. */
export function badgeSvg(packet: PacketView): string {
  const label = 'decision';
  const value = packet.status;
  const width = (text: string) => Math.round(text.length * 6.6 + 12);
  const left = width(label);
  const right = width(value);
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + right}" height="20" role="img" aria-label="${escape(`${label}: ${value}`)}"><title>${escape(`${packet.id}: ${value}`)}</title><rect width="${left}" height="20" fill="#374151"/><rect x="${left}" width="${right}" height="20" fill="${badgeColors[value] ?? '#6b7280'}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${escape(value)}</text></g></svg>\n`;
}
