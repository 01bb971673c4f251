// Rule DP214 (judged by `check --base`): a change of a decision's state is one its kind's
// `transitions` allow. Staying in the same state is always allowed.
import type { Kind } from '../schemas/kind.ts';

export function transitionAllowed(kind: Pick<Kind, 'transitions'>, from: string, to: string): boolean {
  // Own keys only: a state read from content never resolves through the prototype.
  return from === to || (Object.hasOwn(kind.transitions, from) && kind.transitions[from]!.includes(to));
}
