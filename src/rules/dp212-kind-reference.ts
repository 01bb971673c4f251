// DP212: what a kind file names exists. Its one owner: the kind checker (src/kinds/check-kind.ts)
// and the schema pass report `reference`, `prdCoreField`, `reservedName` and `evidenceKindClash`;
// this rule's check judges the criterion traces against the PRDs of the kind's decisions. Positional
// anchors (`ac-1`, `ac-2`, …) are not judged: a kind serves PRDs with criteria lists of different
// lengths, and a PRD without that criterion simply shows none.
import { defineRule } from './define-rule.ts';
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { criterionAnchors } from '../markdown/criteria.ts';
import { decisionsInKinds } from '../gates/decision-evidence.ts';

const positional = /^ac-\d+$/;

/** Per kind, the anchors its decisions' PRDs and own bodies define (undefined: no decision to judge by). */
function definedAnchors(records: Parameters<Gate>[0]): Map<string, Set<string>> {
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
  for (const [kindId, prdIds] of prdsByKind) {
    const defined = definedByKind.get(kindId) ?? new Set<string>();
    for (const id of prdIds) {
      const prd = records.prds.get(id);
      if (prd) for (const criterion of criterionAnchors(prd.body, prd.bodyLine)) defined.add(criterion.anchor);
    }
    definedByKind.set(kindId, defined);
  }
  return definedByKind;
}

const criterionTraces: Gate = (records) => {
  const issues: Issue[] = [];
  const definedByKind = definedAnchors(records);
  for (const kind of records.kinds.values()) {
    const named = Object.keys(kind.data.criteria ?? {}).filter((anchor) => !positional.test(anchor));
    const defined = definedByKind.get(kind.id);
    if (named.length === 0 || !defined) continue;
    for (const anchor of named.filter((name) => !defined.has(name))) {
      const field = `criteria.${anchor}`;
      issues.push(dp212.report('untracedAnchor', fieldAt(kind, field, { key: true }), { field, name: anchor.slice(3) }));
    }
  }
  return issues;
};

export const dp212 = defineRule({
  id: 'DP212',
  name: 'kind-reference',
  title: 'A kind file names only states, groups, lists, requirements, fields and rules it declares',
  refusal: 14,
  hint: 'Correct the name to one the kind declares (states, field_groups, term_lists, requirements, evidence_kinds, common fields) or a rule listed at /rules/.',
  messages: {
    reference: (d: { problem: string }) => d.problem,
    prdCoreField: (d: { field: string }) =>
      `${d.field} is already a core PRD field; declare only fields beside the core (title, status, owner, created, last_reviewed).`,
    reservedName: (d: { kind: string; reserved: string }) =>
      `A decision kind may not be named ${d.kind}: the name is the engine's own (${d.reserved}).`,
    evidenceKindClash: (d: { field: string; kind: string }) =>
      `${d.field} is also declared by kind ${d.kind} with other fields; kinds share an evidence kind only when they declare the same fields (or name their own).`,
    untracedAnchor: (d: { field: string; name: string }) =>
      `${d.field} traces a criterion anchor that no PRD of this kind's decisions defines, nor any decision's own body (a criterion ending with {#${d.name}}).`,
  },
  check: criterionTraces,
});
