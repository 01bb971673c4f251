// The rule catalog as plain data, derived from the registry (src/rules/index.ts): every rule with
// its permanent id, name, title, refusal, hint and its messages rendered with placeholders. The
// site publishes it as the rules reference (/rules/), and reporters read hints from it.
import type { Severity } from './define-rule.ts';
export type { Severity } from './define-rule.ts';
import { ruleModules, type RuleId } from './index.ts';

export type { RuleId } from './index.ts';

export interface RuleDefinition {
  id: RuleId;
  name: string;
  title: string;
  refusal?: number;
  severity: Severity;
  hint: string;
  /** Each message with its data shown as placeholders (‹field›). */
  messages: string[];
}

// Stands in for a message's data: every property reads as its own name in angle quotes.
// A message whose data is one plain value (not an object) shows it as ‹value›.
const placeholders = new Proxy({}, { get: (_, key) => (key === Symbol.toPrimitive ? () => '‹value›' : `‹${String(key)}›`) });

function describe(rule: (typeof ruleModules)[number]): RuleDefinition {
  const builders = Object.values(rule.messages) as ((data: unknown) => string)[];
  return {
    id: rule.id,
    name: rule.name,
    title: rule.title,
    ...(rule.refusal === undefined ? {} : { refusal: rule.refusal }),
    severity: rule.severity ?? 'error',
    hint: rule.hint,
    messages: builders.map((build) => build(placeholders)),
  };
}

export const rules: readonly RuleDefinition[] = ruleModules.map(describe);

const byId = new Map<string, RuleDefinition>(rules.map((rule) => [rule.id, rule]));

export function getRule(id: RuleId): RuleDefinition {
  const rule = byId.get(id);
  if (!rule) throw new Error(`Unknown rule id ${id}`);
  return rule;
}

/** A rule's severity (unknown ids are errors: fail closed). */
export function severityOf(id: string): Severity {
  return byId.get(id)?.severity ?? 'error';
}

/** Whether an issue fails the gate: every error, and warnings too when strict. */
export function failsGate(issue: { ruleId: string }, strict: boolean): boolean {
  return strict || severityOf(issue.ruleId) === 'error';
}
