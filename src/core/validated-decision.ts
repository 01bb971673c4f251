// A decision record with what validation established about it: its kind and its state as typed
// objects, and its PRD when it names one that exists. Made once per record set, so gates and the
// site read `state` instead of looking the state field up again.
import { ownValue } from './own-value.ts';
import type { LoadedDecision, LoadedKind, LoadedPrd, RecordSet } from './record-set.ts';
import type { CompiledState } from '../kinds/compile-kind.ts';
import { prdField, type Kind } from '../schemas/kind.ts';

export interface ValidatedDecision {
  decision: LoadedDecision;
  kind: LoadedKind;
  state: CompiledState;
  /** The PRD its kind's prd_ref field names, when that PRD was loaded (none for body: own). */
  prd?: LoadedPrd;
}

const made = new WeakMap<RecordSet, readonly ValidatedDecision[]>();

/** Every schema-valid decision with its kind and state, in the record set's order. */
export function validatedDecisions(records: RecordSet): readonly ValidatedDecision[] {
  let known = made.get(records);
  if (!known) made.set(records, (known = findValidated(records)));
  return known;
}

function findValidated(records: RecordSet): ValidatedDecision[] {
  const out: ValidatedDecision[] = [];
  for (const decision of records.decisions.values()) {
    const kind = records.kinds.get(decision.data.kind);
    const state = kind?.compiled.states.get(String(ownValue(decision.data, kind.data.state_field)));
    if (!kind || !state) continue;
    const prdId = prdIdOf(kind.data, decision.data);
    out.push({ decision, kind, state, prd: prdId === undefined ? undefined : records.prds.get(prdId) });
  }
  return out;
}

/** The PRD id a decision names in its kind's one prd_ref field; none for body: own or a non-string value. */
export function prdIdOf(kind: Pick<Kind, 'common'>, data: Readonly<Record<string, unknown>>): string | undefined {
  const field = prdField(kind);
  const value = field === undefined ? undefined : data[field];
  return typeof value === 'string' ? value : undefined;
}
