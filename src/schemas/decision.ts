// A decision record, before its kind is known: a mapping that names its kind (`kind: <kind-id>`).
// The fields a decision of a kind carries are compiled from its kind file (src/kinds/compile-kind.ts).

/** A decision record that passed its kind's schema: its fields as written. */
export type Decision = { kind: string } & Record<string, unknown>;
