// What the importer needs to know of the ADR kind it writes into: its state field, its states and,
// per state, the fields it declares (its `common` fields and the state's `requires`) and which of
// them it requires. Read from the content folder's own kind file, so a team's changes to the
// preset (renamed states, fewer fields) are what the importer maps to.
export interface StateFields {
  /** Field name → its type name. */
  declared: Map<string, string>;
  required: Set<string>;
}

export interface ImportKind {
  id: string;
  stateField: string;
  states: Map<string, StateFields>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(spec: unknown): string | undefined {
  if (typeof spec === 'string') return spec;
  return isRecord(spec) && typeof spec.type === 'string' ? spec.type : undefined;
}

/** The kind as the importer uses it; undefined when it is not a kind with `body: own`. */
export function importKind(id: string, kind: unknown): ImportKind | undefined {
  if (!isRecord(kind) || kind.body !== 'own' || typeof kind.state_field !== 'string' || !isRecord(kind.states)) return undefined;
  const common = isRecord(kind.common) ? kind.common : {};
  const states = new Map<string, StateFields>();
  for (const [state, declaration] of Object.entries(kind.states)) {
    const requires = isRecord(declaration) && isRecord(declaration.requires) ? declaration.requires : {};
    const fields: StateFields = { declared: new Map(), required: new Set() };
    for (const [name, spec] of [...Object.entries(common), ...Object.entries(requires)]) {
      const type = typeOf(spec);
      if (type === undefined) continue;
      fields.declared.set(name, type);
      if (!(isRecord(spec) && spec.optional === true)) fields.required.add(name);
    }
    states.set(state, fields);
  }
  return { id, stateField: kind.state_field, states };
}
