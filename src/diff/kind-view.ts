// What the change rules and the review diff need of a decision's kind: the field holding the
// state, each state's label and the allowed transitions, from the validated record set's kinds
// (content/kinds/<kind-id>.yaml) through this ONE function.
import { ownValue } from '../core/own-value.ts';
import type { Loaded, RecordSet } from '../core/record-set.ts';
import { transitionAllowed } from '../kinds/transitions.ts';

export { transitionAllowed };

export interface KindView {
  id: string;
  title: string;
  /** The record field that holds the state. */
  stateField: string;
  safeState?: string;
  states: Record<string, { label: string }>;
  /** State → the states it may move to. */
  transitions: Record<string, string[]>;
}

/** The kind a decision names (`kind: <kind-id>`), or undefined when the record set has no such kind. */
export function kindViewOf(records: Pick<RecordSet, 'kinds'>, decision: Pick<Loaded<unknown>, 'data'>): KindView | undefined {
  const data = decision.data;
  const kindId = typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
  const kind = typeof kindId === 'string' ? records.kinds.get(kindId) : undefined;
  if (!kind) return undefined;
  const states: KindView['states'] = {};
  for (const [id, state] of Object.entries(kind.data.states)) states[id] = { label: state.label };
  return {
    id: kind.id,
    title: kind.data.title,
    stateField: kind.data.state_field,
    safeState: kind.data.safe_state,
    states,
    transitions: kind.data.transitions,
  };
}

/** A state's label in its kind, or the state id itself. */
export function stateLabel(kind: KindView | undefined, state: string): string {
  return ownValue<{ label: string }>(kind?.states, state)?.label ?? state;
}
