// Rule DP212 (criterion traces): a kind's `criteria` trace to a named anchor (`ac-<name>`) that a PRD of one of its decisions, or an own-body decision of it, defines.
// Positional anchors (`ac-1`, `ac-2`, …) are not judged: a kind serves PRDs with criteria lists
// of different lengths, and a PRD without that criterion simply shows none.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { criterionAnchors } from '../markdown/criteria.ts';
import { decisionsInKinds } from './decision-evidence.ts';

const positional = /^ac-\d+$/;

export const criterionTraceAnchorsGate: Gate = (records) => {
  const issues: Issue[] = [];
  const prdsByKind = new Map<string, Set<string>>();
  const definedByKind = new Map<string, Set<string>>();
  for (const { decision, kind } of decisionsInKinds(records)) {
    // An own-body decision is its own document: its criteria count for its kind.
    if (decision.body !== undefined) {
      if (!definedByKind.has(kind.id)) definedByKind.set(kind.id, new Set());
      for (const criterion of criterionAnchors(decision.body, decision.bodyLine ?? 1)) definedByKind.get(kind.id)!.add(criterion.anchor);
      continue;
    }
    const prd = Object.entries(kind.data.common).find(([, spec]) => (typeof spec === 'string' ? spec : spec.type) === 'prd_ref')?.[0];
    const id = prd === undefined ? undefined : ownValue(decision.data, prd);
    if (typeof id !== 'string') continue;
    if (!prdsByKind.has(kind.id)) prdsByKind.set(kind.id, new Set());
    prdsByKind.get(kind.id)!.add(id);
  }
  for (const kind of records.kinds.values()) {
    const named = Object.keys(kind.data.criteria ?? {}).filter((anchor) => !positional.test(anchor));
    const prdIds = prdsByKind.get(kind.id);
    if (named.length === 0 || (!prdIds && !definedByKind.has(kind.id))) continue;
    const defined = definedByKind.get(kind.id) ?? new Set<string>();
    for (const id of prdIds ?? []) {
      const prd = records.prds.get(id);
      if (prd) for (const criterion of criterionAnchors(prd.body, prd.bodyLine)) defined.add(criterion.anchor);
    }
    for (const anchor of named) {
      if (defined.has(anchor)) continue;
      issues.push(issueAt('DP212', kind, `criteria.${anchor}`, `criteria.${anchor} traces a criterion anchor that no PRD of this kind's decisions defines, nor any decision's own body (a criterion ending with {#${anchor.slice(3)}}).`, { key: true }));
    }
  }
  return issues;
};
