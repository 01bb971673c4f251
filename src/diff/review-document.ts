// The review of a change as a document: the versioned JSON shape (`diff --format json`, described
// in the README) and the markdown review comment (`diff`, the default). Both are made from the
// packet diff and the violations; neither reads anything.
import type { Issue } from '../core/issue.ts';
import { codeSpan, markdownText, tableRow } from '../report/escape.ts';
import { formatLocation, issueJson } from '../report/reporters.ts';
import type { PacketDiff, PacketsDiff } from './packet-diff.ts';

/** The hidden marker a workflow finds its own sticky comment by. */
export const REVIEW_MARKER = '<!-- decision-packet-review -->';

export interface ReviewDocument {
  version: 1;
  base: { revision: string; commit: string; violations: number };
  head: { commit: string | null; violations: number };
  /** The head's violations plus the change rules' (DP8xx): what `check --base` reports. */
  violations: { file: string; line: number | null; column: number | null; field: string | null; rule: string; name: string; message: string }[];
  packets: PacketDiff[];
  unchanged: number;
}

export function reviewDocument(input: { revision: string; baseCommit: string; headCommit?: string; baseViolations: number; violations: readonly Issue[]; diff: PacketsDiff }): ReviewDocument {
  return {
    version: 1,
    base: { revision: input.revision, commit: input.baseCommit, violations: input.baseViolations },
    head: { commit: input.headCommit ?? null, violations: input.violations.length },
    // As `check --format json` prints them, without the hint (the review links the rules instead).
    violations: input.violations.map((issue) => {
      const { hint: _hint, ...violation } = issueJson(issue);
      return violation;
    }),
    packets: input.diff.packets,
    unchanged: input.diff.unchanged,
  };
}

export interface MarkdownLinks {
  /** The published site (origin + base path, ending in /); links are site-relative without it. */
  siteUrl?: string;
  /** A file of the content repository at a commit (path from the repository's top). */
  fileAt?: (commit: string, file: string) => string | undefined;
  /** A record file (relative to the working directory) → its path from the repository's top. */
  repositoryPath?: (file: string) => string | undefined;
}

// Every value is content: code spans and text come from report/escape.ts, table rows are built
// with `cell` (a code span escaped for a table) so that no value can end a row or a span.
const code = (value: string) => codeSpan(value);
const cell = (value: string) => codeSpan(value, 'table');
const plain = markdownText;
/** A URL fragment or path segment from content. */
const segment = encodeURIComponent;

const short = (commit: string) => commit.slice(0, 12);

export function reviewMarkdown(review: ReviewDocument, links: MarkdownLinks = {}): string {
  const site = links.siteUrl ?? '/';
  const packetLink = (id: string, anchor = '') => `${site}packets/${segment(id)}/${anchor ? `#${segment(anchor)}` : ''}`;
  const fileLink = (commit: string | null, file: string) => {
    const inRepository = links.repositoryPath?.(file) ?? file;
    const target = commit ? links.fileAt?.(commit, inRepository) : undefined;
    if (!target) return code(inRepository);
    return `[${code(inRepository)} at ${plain(short(commit!))}](<${target.replace(/[\s<>]/g, encodeURIComponent)}>)`;
  };
  const out: string[] = [REVIEW_MARKER];
  const changed = review.packets.length;
  out.push(`## Decision Packet review: ${changed === 0 ? 'no packet changed' : `${changed} packet${changed === 1 ? '' : 's'} changed`}`);
  out.push('');
  out.push(`Base ${code(short(review.base.commit))} (${code(review.base.revision)}) → head ${review.head.commit ? code(short(review.head.commit)) : 'working tree'}; ${review.unchanged} packet${review.unchanged === 1 ? '' : 's'} unchanged.`);
  out.push('');
  out.push(review.violations.length === 0 ? '**Check: passed.** The change breaks no rule.' : `**Check: ${review.violations.length} violation${review.violations.length === 1 ? '' : 's'}.**`);
  out.push('');
  if (review.violations.length > 0) {
    out.push('| where | rule | what |', '| --- | --- | --- |');
    for (const violation of review.violations) {
      const where = formatLocation({ ruleId: violation.rule, file: violation.file, line: violation.line ?? undefined, column: violation.column ?? undefined, message: '', hint: '' });
      const rule = `[${plain(violation.rule)}](${site}rules/#${segment(violation.rule.toLowerCase())}) ${plain(violation.name)}`;
      const what = plain(`${violation.field ? `${violation.field}: ` : ''}${violation.message}`);
      out.push(tableRow([cell(where), rule, what]));
    }
    out.push('');
  }
  for (const packet of review.packets) out.push(...packetSection(packet, review, packetLink, fileLink));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function packetSection(packet: PacketDiff, review: ReviewDocument, packetLink: (id: string, anchor?: string) => string, fileLink: (commit: string | null, file: string) => string): string[] {
  const out: string[] = [];
  const commit = packet.change === 'removed' ? review.base.commit : review.head.commit;
  out.push(`### [${plain(packet.id)}](${packetLink(packet.id)}) — ${packet.change}`);
  out.push('');
  out.push(`Record: ${fileLink(commit, packet.file)}${packet.change === 'changed' ? ` (before: ${fileLink(review.base.commit, packet.file)})` : ''}`);
  if (packet.kind.before !== packet.kind.after && packet.kind.before && packet.kind.after) out.push('', `**Kind changed:** ${code(packet.kind.before)} → ${code(packet.kind.after)}`);
  const state = packet.state;
  if (state) {
    const show = (value?: { id: string; label: string }) => (value ? `${plain(value.label)} (${code(value.id)})` : '—');
    const verdict = state.allowed === null ? '' : state.allowed ? ` — allowed by the kind${packet.kind.title ? ` *${plain(packet.kind.title)}*` : ''}` : ` — **not allowed** by the kind${packet.kind.title ? ` *${plain(packet.kind.title)}*` : ''} (DP214)`;
    out.push('', state.changed ? `**State** (${code(state.field)}): ${show(state.before)} → ${show(state.after)}${verdict}` : `**State** (${code(state.field)}): ${show(state.after ?? state.before)}, unchanged`);
  }
  if (packet.fields.length > 0) {
    out.push('', '**Fields**', '', '| field | change | before | after |', '| --- | --- | --- | --- |');
    for (const field of packet.fields) {
      const name = `[${cell(field.field)}](${packetLink(packet.id, `field-${field.field.replace(/[^A-Za-z0-9_-]+/g, '-')}`)})`;
      const value = (shown?: string) => (shown === undefined ? '' : cell(shown));
      out.push(tableRow([name, plain(field.change), value(field.before), value(field.after)]));
    }
  }
  if (packet.gates.length > 0) {
    out.push('', '**Gates whose result changed**', '');
    for (const gate of packet.gates) out.push(`- ${plain(`${gate.rule} ${gate.name}: ${gate.before} → ${gate.after}`)}`);
  }
  if (packet.workItems.length > 0) {
    out.push('', '**Gated work items**', '', '| work item | named by | status before | status after | what may move |', '| --- | --- | --- | --- | --- |');
    for (const item of packet.workItems) {
      const moves = [
        ...(item.mayNowMoveTo.length > 0 ? [`may now move to ${item.mayNowMoveTo.map(cell).join(', ')}`] : []),
        ...(item.noLongerMayMoveTo.length > 0 ? [`may no longer move to ${item.noLongerMayMoveTo.map(cell).join(', ')}`] : []),
      ];
      const status = (shown?: string) => (shown ? cell(shown) : '—');
      const what = moves.join('; ') || (item.statusChanged ? 'status changed' : '');
      out.push(tableRow([cell(item.id), cell(item.field), status(item.before), status(item.after), what]));
    }
  }
  if (packet.evidence.length > 0) {
    out.push('', '**Evidence**', '');
    for (const evidence of packet.evidence) {
      const where = evidence.repository && evidence.path && evidence.commit ? ` — ${code(`${evidence.repository}:${evidence.path}`)} at ${code(short(evidence.commit))}` : '';
      const link = evidence.change === 'removed' ? code(evidence.id) : `[${code(evidence.id)}](${packetLink(packet.id, `evidence-${evidence.id}`)})`;
      out.push(`- ${plain(evidence.change)} ${link} (${plain(evidence.kind ?? 'evidence')}${evidence.counted ? ', counted by the gates' : ', shown only'})${where}: ${evidence.verification === 'verified' ? 'verified' : evidence.verification === 'failed' ? '**verification failed**' : 'not verified'}`);
    }
  }
  if (packet.criteria.length > 0) {
    out.push('', '**Acceptance criteria**', '');
    for (const criterion of packet.criteria) {
      const anchor = criterion.change === 'removed' ? code(`#${criterion.anchor}`) : `[${code(`#${criterion.anchor}`)}](${packetLink(packet.id, criterion.anchor)})`;
      const text = criterion.change === 'reworded' ? `${plain(criterion.before ?? '')} → ${plain(criterion.after ?? '')}` : plain(criterion.after ?? criterion.before ?? '');
      out.push(`- ${plain(criterion.change)} ${anchor}: ${text}`);
    }
  }
  if (packet.approvals.length > 0) {
    out.push('', '**Approvals** (judged with the base commit\'s roster)', '');
    for (const approval of packet.approvals) {
      if (approval.change === 'missing') out.push(`- missing for ${code(approval.state)}: ${approval.needed} ${approval.level === 'signed' ? 'signed ' : ''}from group ${code(approval.group)}, ${approval.have} count`);
      else out.push(`- ${approval.change} ${approval.disposition} by ${code(approval.by)}: ${approval.verified === 'signed' ? `signed, key ${code(approval.fingerprint ?? '')}` : approval.verified === 'claim' ? 'claim (unsigned)' : '**invalid signature**'}`);
    }
  }
  out.push('');
  return out;
}
