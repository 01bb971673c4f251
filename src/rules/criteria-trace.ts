// Traceability: which rules enforce an acceptance criterion. A criterion is matched by the
// phrases below (case-insensitive); the packet page shows each criterion beside its rules and
// their result. A criterion no phrase matches is shown as "stated on this page, not checked".
import type { RuleId } from './catalog.ts';

export interface CriterionTrace {
  /** What the phrase recognises, for the rules reference. */
  topic: string;
  phrases: RegExp;
  rules: RuleId[];
}

export const criterionTraces: readonly CriterionTrace[] = [
  { topic: 'not_decided is the safe state', phrases: /current safe state/i, rules: ['DP201', 'DP202'] },
  { topic: 'only two active branches', phrases: /active branch/i, rules: ['DP201', 'DP203'] },
  { topic: 'no approval or admission by the packet', phrases: /not approve or admit/i, rules: ['DP202', 'DP400', 'DP402'] },
  { topic: 'not Stage 2 pass evidence', phrases: /not stage 2 pass evidence/i, rules: ['DP701', 'DP702'] },
  { topic: 'structured decision record', phrases: /structured decision record/i, rules: ['DP201', 'DP202', 'DP203', 'DP204', 'DP205'] },
  { topic: 'evidence referenced, not copied', phrases: /evidence paths and commits|copying runtime evidence/i, rules: ['DP500', 'DP501', 'DP503', 'DP504', 'DP505', 'DP300'] },
  { topic: 'admission authority', phrases: /admission authority/i, rules: ['DP302', 'DP702'] },
  { topic: 'exact fields before admission', phrases: /exact provider\/model/i, rules: ['DP203', 'DP204', 'DP402', 'DP601', 'DP403'] },
  { topic: 'no secrets', phrases: /no secrets?/i, rules: ['DP600', 'DP601', 'DP603'] },
  { topic: 'local adapter stays blocked', phrases: /CTO-WORK-022 stays blocked|local adapter/i, rules: ['DP700'] },
  { topic: 'Stage 2 stays blocked', phrases: /stage 2 remains blocked/i, rules: ['DP701', 'DP702'] },
  { topic: 'no target repository path', phrases: /target repository/i, rules: ['DP502'] },
];

/** The rules that enforce a criterion, in catalog order, without repeats. */
export function rulesForCriterion(text: string): RuleId[] {
  const found = new Set<RuleId>();
  for (const trace of criterionTraces) if (trace.phrases.test(text)) for (const rule of trace.rules) found.add(rule);
  return [...found].sort();
}
