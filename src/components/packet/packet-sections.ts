// The sections of one packet page: those its kind lists (`page.sections`), in that order, each
// under its published anchor, and only when it has something to show.
import type { PageSectionId } from '../../schemas/kind.ts';
import type { PacketView, TargetRepositoryView } from '../../site/site-data.ts';

export interface PacketSection {
  /** The section's anchor on the page (stable: reviews link to it). */
  id: string;
  label: string;
  kindSection: PageSectionId;
}

/** Each kind section's anchor: the ids the page published before sections were declared. */
const anchors: Record<PageSectionId, string> = {
  outcome: 'outcome',
  record: 'decision-record',
  states: 'states',
  statements: 'authority',
  'target-repositories': 'target-repositories',
  approvals: 'approvals',
  'gated-items': 'gated-work-items',
  evidence: 'evidence',
  criteria: 'acceptance-criteria',
  history: 'history',
  link: 'link',
  document: 'prd',
};

function label(section: PageSectionId, packet: PacketView): string {
  switch (section) {
    case 'outcome':
      return packet.safeState ? 'Where it stands' : 'Outcome';
    case 'record':
      return 'Decision record';
    case 'states':
      return packet.kind.statesHeading;
    case 'statements':
      return 'Authority and execution gate';
    case 'target-repositories':
      return 'Target repositories';
    case 'approvals':
      return 'Approvals';
    case 'gated-items':
      return 'Gated work items';
    case 'evidence':
      return 'Evidence';
    case 'criteria':
      return 'Acceptance criteria';
    case 'history':
      return 'History';
    case 'link':
      return 'Link this packet';
    case 'document':
      return packet.prd ? 'The PRD' : 'The decision';
  }
}

/** Whether a section has anything to show for this packet (an empty one is left out). */
function hasContent(section: PageSectionId, packet: PacketView, targets: TargetRepositoryView[]): boolean {
  switch (section) {
    case 'states':
      return packet.otherStates.length > 0;
    case 'statements':
      return packet.statements.length > 0;
    case 'target-repositories':
      return targets.length > 0 || packet.kind.sectionsDeclared;
    case 'approvals':
      return approvalsToShow(packet);
    case 'gated-items':
      return packet.gatedItems.length > 0;
    case 'evidence':
      return packet.evidence.length > 0;
    case 'criteria':
      return packet.criteria.length > 0;
    case 'history':
      return packet.timeline.available && packet.timeline.entries.length > 0;
    case 'document':
      return packet.prd !== undefined || packet.body !== undefined;
    default:
      return true;
  }
}

function approvalsToShow(packet: PacketView): boolean {
  const panel = packet.approvals;
  return panel !== undefined && (panel.policy !== undefined || panel.entries.length > 0 || panel.others.length > 0);
}

/** Small sections shown side by side on wide screens when a kind lists them next to each other. */
const pairs: [PageSectionId, PageSectionId][] = [['history', 'link']];

/** The sections in rows: one section, or a pair of small ones next to each other. */
export function sectionRows(sections: PacketSection[]): PacketSection[][] {
  const rows: PacketSection[][] = [];
  for (const section of sections) {
    const last = rows.at(-1);
    const paired =
      last?.length === 1 && pairs.some(([a, b]) => new Set([a, b]).has(last[0]!.kindSection) && new Set([a, b]).has(section.kindSection));
    if (paired) last.push(section);
    else rows.push([section]);
  }
  return rows;
}

export function packetSections(packet: PacketView, targets: TargetRepositoryView[]): PacketSection[] {
  return packet.kind.sections
    .filter((section) => hasContent(section, packet, targets))
    .map((section) => ({ id: anchors[section], label: label(section, packet), kindSection: section }));
}

/** The page's table of contents: the state, then each section shown (OnThisPage, or the host's own). */
export function packetHeadings(packet: PacketView, targets: TargetRepositoryView[]): { id: string; label: string }[] {
  return [{ id: 'state', label: 'State' }, ...packetSections(packet, targets).map(({ id, label }) => ({ id, label }))];
}
