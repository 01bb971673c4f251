// The review comment's "decisions governing the changed files": for each file the change
// touches (base commit → HEAD, from git's trees), the decisions that govern it before or after
// the change, and whether the change itself moves that decision's state. Judged only when both
// sides pass the gate; otherwise the section says the answer is undetermined.
import { codeSpan, markdownText, tableRow } from '../report/escape.ts';
import type { GitClient } from '../git/git-client.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { packetLink } from './answers.ts';
import { decisionSummaries, governingIndex } from './governing-index.ts';

/** At most this many governed files are listed (the rest are counted). */
const maxFiles = 200;

export interface GoverningReview {
  determined: boolean;
  /** Governed files, each with its decisions; by path. */
  files: { path: string; decisions: { id: string; state: string; moved: { from: string; to: string } | null; governs_after: boolean }[] }[];
  /** Governed files not listed (beyond maxFiles). */
  not_listed: number;
}

export async function changedFilesOf(client: GitClient, baseCommit: string): Promise<string[]> {
  const head = await client.headCommit();
  return head === undefined ? [] : client.changedPaths(baseCommit, head);
}

export function governingReview(base: ValidationResult, head: ValidationResult, changed: readonly string[]): GoverningReview {
  if (!base.ok || !head.ok) return { determined: false, files: [], not_listed: 0 };
  const before = decisionSummaries(base.records);
  const after = decisionSummaries(head.records);
  const stateBefore = new Map(before.map((decision) => [decision.id, decision.state]));
  const stateAfter = new Map(after.map((decision) => [decision.id, decision.state]));
  const [beforeIndex, afterIndex] = [governingIndex(before), governingIndex(after)];
  const files: GoverningReview['files'] = [];
  for (const path of [...changed].sort()) {
    const governsAfter = new Set(afterIndex.match(path).map((decision) => decision.id));
    const ids = [...new Set([...beforeIndex.match(path).map((decision) => decision.id), ...governsAfter])].sort();
    if (ids.length === 0) continue;
    files.push({
      path,
      decisions: ids.map((id) => {
        const [from, to] = [stateBefore.get(id), stateAfter.get(id)];
        return {
          id,
          state: to ?? 'removed',
          moved: from !== undefined && to !== undefined && from !== to ? { from, to } : null,
          governs_after: governsAfter.has(id),
        };
      }),
    });
  }
  return { determined: true, files: files.slice(0, maxFiles), not_listed: Math.max(0, files.length - maxFiles) };
}

/** `head`: the commit the links are pinned to (`?at=<commit>` on the packet page), when known. */
export function governingReviewMarkdown(review: GoverningReview, site: string | undefined, head?: string | null): string {
  const lines = ['', '### Decisions governing the changed files', ''];
  if (!review.determined)
    return `${[...lines, 'Undetermined: the content breaks a rule at the base or in this change, so no decision is given as governing.', ''].join('\n')}\n`;
  if (review.files.length === 0) return `${[...lines, 'No decision governs a file this change touches.', ''].join('\n')}\n`;
  lines.push('| file | decisions |', '| --- | --- |');
  for (const file of review.files) {
    const cells = file.decisions.map((decision) => {
      const moved = decision.moved ? `, moved by this change from ${markdownText(decision.moved.from)}` : '';
      const stops = decision.governs_after ? '' : ', no longer governs it';
      const link = `${packetLink(decision.id, site)}${head ? `?at=${head}` : ''}`;
      return `[${markdownText(decision.id)}](<${link}>) ${markdownText(decision.state)}${moved}${stops}`;
    });
    lines.push(tableRow([codeSpan(file.path, 'table'), cells.join('; ')]));
  }
  if (review.not_listed > 0) lines.push('', `${review.not_listed} more governed files are not listed.`);
  return `${lines.join('\n')}\n\n`;
}

/** The same list as plain text, for `check --base`'s pretty report. */
export function governingReviewText(review: GoverningReview): string {
  const title = 'Decisions governing the changed files:';
  if (!review.determined) return `${title} undetermined (the content breaks a rule at the base or in this change).\n`;
  if (review.files.length === 0) return `${title} none (no decision governs a file this change touches).\n`;
  const lines = [title];
  for (const file of review.files) {
    const decisions = file.decisions.map((decision) => {
      const moved = decision.moved ? `, moved by this change from ${decision.moved.from}` : '';
      return `${decision.id} ${decision.state}${moved}${decision.governs_after ? '' : ', no longer governs it'}`;
    });
    lines.push(`  ${file.path}: ${decisions.join('; ')}`);
  }
  if (review.not_listed > 0) lines.push(`  ${review.not_listed} more governed files are not listed.`);
  return `${lines.join('\n')}\n`;
}
