// What the change rules and the review diff need of a decision's kind: the field holding the
// state, each state's label and the allowed transitions. Taken from the validated record set's
// kinds (`records.kinds`, content/kinds/<kind-id>.yaml) through this ONE function, so that the
// diff engine knows no kind file format.
import type { Loaded, RecordSet } from '../core/record-set.ts';

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

interface KindData {
  title?: unknown;
  state_field?: unknown;
  safe_state?: unknown;
  states?: unknown;
  transitions?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The kind a decision names (`kind: <kind-id>`), or undefined when the record set has no such kind. */
export function kindViewOf(records: RecordSet, decision: Pick<Loaded<unknown>, 'data'>): KindView | undefined {
  const kindId = isObject(decision.data) ? decision.data.kind : undefined;
  const kinds = (records as { kinds?: ReadonlyMap<string, { data: unknown }> }).kinds;
  if (typeof kindId !== 'string' || !(kinds instanceof Map)) return undefined;
  const data = kinds.get(kindId)?.data as KindData | undefined;
  if (!isObject(data) || typeof data.state_field !== 'string') return undefined;
  const states: KindView['states'] = {};
  if (isObject(data.states)) {
    for (const [id, state] of Object.entries(data.states)) states[id] = { label: isObject(state) && typeof state.label === 'string' ? state.label : id };
  }
  const transitions: KindView['transitions'] = {};
  if (isObject(data.transitions)) {
    for (const [from, to] of Object.entries(data.transitions)) transitions[from] = Array.isArray(to) ? to.filter((state): state is string => typeof state === 'string') : [];
  }
  return {
    id: kindId,
    title: typeof data.title === 'string' ? data.title : kindId,
    stateField: data.state_field,
    safeState: typeof data.safe_state === 'string' ? data.safe_state : undefined,
    states,
    transitions,
  };
}

/** Whether the kind lets a decision move from one state to another (staying put always is). */
export function transitionAllowed(kind: Pick<KindView, 'transitions'>, from: string, to: string): boolean {
  return from === to || (kind.transitions[from] ?? []).includes(to);
}

/** A state's label in its kind, or the state id itself. */
export function stateLabel(kind: KindView | undefined, state: string): string {
  return kind?.states[state]?.label ?? state;
}
