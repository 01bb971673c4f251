// Rule DP309 (a warning): code cites a decision that is retired (its state says `retired: true`:
// superseded, deprecated …) with an `@decision <id>` marker or a link to its page, at the
// file and line of the citation, naming the successor when the decision names one.
import type { Issue } from '../core/issue.ts';
import type { Gate } from '../core/record-set.ts';
import { decisionSummaries } from '../governing/governing-index.ts';

export const retiredDecisionCitedRule = {
  id: 'DP309',
  name: 'retired-decision-cited',
  title: 'Code does not cite a retired (superseded or deprecated) decision',
  severity: 'warning',
  hint: 'Cite the decision that replaces it (update the @decision marker or the link), or remove the citation if the code no longer follows a decision. A warning: it fails the check only with --strict.',
  messages: {
    cited: (form: 'marker' | 'link', packet: string, state: string, successors: readonly string[]) =>
      `The ${form === 'marker' ? '@decision marker' : 'link'} cites decision "${packet}", which is ${state}${successors.length > 0 ? `; cite its successor ${successors.map((id) => `"${id}"`).join(', ')}` : ' and has no successor'}. Code cites decisions in a governing or current state.`,
  },
} as const;

export const retiredDecisionCitedGate: Gate = (records, context) => {
  if (!context.citations || context.citations.length === 0) return [];
  const retired = new Map(decisionSummaries(records).filter((decision) => decision.retired).map((decision) => [decision.id, decision]));
  const { id, hint, messages } = retiredDecisionCitedRule;
  return context.citations.flatMap((citation): Issue[] => {
    const decision = retired.get(citation.packet);
    if (!decision) return [];
    const message = messages.cited(citation.form, decision.id, decision.state, decision.successors);
    return [{ ruleId: id, file: citation.file, line: citation.line, column: citation.column, message, hint }];
  });
};
