// Rule DP214 (judged by `check --base`): a change of a decision's state is one its kind's
// `transitions` allow. Staying in the same state is always allowed.
import type { Kind } from '../schemas/kind.ts';

export function transitionAllowed(kind: Pick<Kind, 'transitions'>, from: string, to: string): boolean {
  return from === to || (kind.transitions[from] ?? []).includes(to);
}
