// A decision record, before its kind is known: a mapping that names its kind. The fields a
// decision of a kind carries are compiled from its kind file (src/kinds/compile-kind.ts).

/** The field every decision record has: the id of its kind (a file in kinds/). */
export const kindField = 'kind';

/** A decision record that passed its kind's schema: its fields as written. */
export type Decision = { kind: string } & Record<string, unknown>;
