// Schema pass: the kind files first (their shape, DP211, and what they name, DP212), then each
// raw record against the schema its kind compiles to. Only records that pass reach the gates.
import type { Issue } from '../core/issue.ts';
import type { Loaded, LoadedDecision, LoadedKind, LoadedPrd, RecordSet } from '../core/record-set.ts';
import { fieldAt } from '../core/record-set.ts';
import { ownValue } from '../core/own-value.ts';
import type { ContentRead, RawRecord } from '../reader/read-content.ts';
import type { EvidenceReference } from '../schemas/evidence-reference.ts';
import { bodyMode, kindSchema, prdExtensionId, prdExtensionSchema, type PrdExtension } from '../schemas/kind.ts';
import { prdCoreShape } from '../schemas/prd.ts';
import { repositoriesSchema, type Repositories } from '../schemas/repositories.ts';
import { workItemSchema, type WorkItem } from '../schemas/work-item.ts';
import { copiedEvidenceRule } from '../gates/copied-runtime-evidence.ts';
import { checkKind } from '../kinds/check-kind.ts';
import { kindLimitIssues } from '../kinds/kind-limits.ts';
import { salvageKind } from '../kinds/salvage-kind.ts';
import { closest, suggestion } from '../core/suggest.ts';
import { compileKind, isTemplate, renderTemplate } from '../kinds/compile-kind.ts';
import { fieldTypeOf } from '../field-types/index.ts';
import { retiredKeyMessage } from '../kinds/retired-keys.ts';
import { compileEvidenceSchema, type EvidenceKindDeclaration } from '../kinds/compile-evidence.ts';
import { compilePrdSchema } from '../kinds/compile-prd.ts';
import { runSchema } from './schema-issues.ts';
import { reservedSchemaNames } from '../schemas/json-schema.ts';
import { dp900 } from '../rules/dp900-roster-shape.ts';
import { dp901 } from '../rules/dp901-approvals-file.ts';
import { dp200 } from '../rules/dp200-prd-frontmatter.ts';
import { dp201 } from '../rules/dp201-decision-state.ts';
import { dp202 } from '../rules/dp202-state-forbidden-field.ts';
import { dp203 } from '../rules/dp203-state-field-missing.ts';
import { dp204 } from '../rules/dp204-state-field-value.ts';
import { dp205 } from '../rules/dp205-decision-shape.ts';
import { dp206 } from '../rules/dp206-evidence-shape.ts';
import { dp207 } from '../rules/dp207-work-item-shape.ts';
import { dp208 } from '../rules/dp208-repositories-shape.ts';
import { dp211 } from '../rules/dp211-kind-shape.ts';
import { dp212 } from '../rules/dp212-kind-reference.ts';
import { dp213 } from '../rules/dp213-decision-kind.ts';
import { dp215 } from '../rules/dp215-decision-body.ts';
import { dp500 } from '../rules/dp500-commit-id-malformed.ts';
import { dp501 } from '../rules/dp501-evidence-path-invalid.ts';
import { dp503 } from '../rules/dp503-copied-runtime-evidence.ts';
import { approvalsFileSchema, rosterSchema, type ApprovalsFile, type Roster } from '../schemas/approvals.ts';

export function checkRecords(content: ContentRead): { records: RecordSet; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: RecordSet = {
    kinds: new Map(),
    prds: new Map(),
    decisions: new Map(),
    evidence: new Map(),
    workItems: new Map(),
    ids: content.ids,
  };

  // Kinds first: every other record is judged by what they declare.
  let prdExtension: PrdExtension | undefined;
  let prdExtensionBroken = content.ids.kind.has(prdExtensionId);
  const evidenceKinds = new Map<string, EvidenceKindDeclaration>();
  for (const raw of content.records) {
    if (raw.kind !== 'kind') continue;
    // Bounds first (DP216): a kind beyond them is not judged further, so checking stays linear.
    const beyond = kindLimitIssues(raw, raw.data);
    if (beyond.length > 0) {
      issues.push(...beyond);
      continue;
    }
    if (raw.id === prdExtensionId) {
      const result = runSchema(prdExtensionSchema, raw.data, raw, dp211);
      if (!result.ok) {
        issues.push(...result.issues);
        continue;
      }
      const clashes = Object.keys(result.value.fields).filter((name) => Object.hasOwn(prdCoreShape, name));
      for (const name of clashes) issues.push(dp212.report('prdCoreField', fieldAt(raw, `fields.${name}`), { field: `fields.${name}` }));
      if (clashes.length === 0) {
        prdExtension = result.value;
        records.prdExtension = prdExtension;
        prdExtensionBroken = false;
      }
      continue;
    }
    const kind = checkKindRecord(raw, issues, evidenceKinds);
    if (kind) records.kinds.set(raw.id, kind);
  }
  const evidenceSchema = compileEvidenceSchema(evidenceKinds);
  // A kind that failed its own checks may have declared the evidence kinds its evidence uses.
  const someKindBroken = records.kinds.size + (content.ids.kind.has(prdExtensionId) ? 1 : 0) < content.ids.kind.size;
  const prdSchema = compilePrdSchema(prdExtension);

  for (const raw of content.records) {
    switch (raw.kind) {
      case 'prd': {
        // A broken prd-frontmatter.yaml is refused on its own; its PRDs are not judged without it.
        if (prdExtensionBroken) break;
        const result = runSchema(prdSchema, raw.data, raw, dp200);
        if (result.ok)
          records.prds.set(raw.id, {
            ...base(raw),
            data: result.value,
            body: raw.body ?? '',
            bodyLine: raw.bodyLine ?? 1,
          } satisfies LoadedPrd);
        else issues.push(...result.issues);
        break;
      }
      case 'decision': {
        const decision = checkDecision(raw, records, issues);
        if (decision) records.decisions.set(raw.id, decision);
        break;
      }
      case 'evidence': {
        const evidence = checkEvidence(raw, evidenceSchema, [...evidenceKinds.keys()], someKindBroken, issues);
        if (evidence) records.evidence.set(raw.id, evidence);
        break;
      }
      case 'work-item': {
        const result = runSchema(workItemSchema, raw.data, raw, dp207);
        if (result.ok) records.workItems.set(raw.id, { ...base(raw), data: result.value } satisfies Loaded<WorkItem>);
        else issues.push(...result.issues);
        break;
      }
      case 'repositories': {
        const result = runSchema(repositoriesSchema, raw.data, raw, dp208);
        if (result.ok) records.repositories = { ...base(raw), data: result.value } satisfies Loaded<Repositories>;
        else issues.push(...result.issues);
        break;
      }
      case 'roster': {
        const result = runSchema(rosterSchema, raw.data, raw, dp900);
        if (result.ok) records.roster = { ...base(raw), data: result.value } satisfies Loaded<Roster>;
        else issues.push(...result.issues);
        break;
      }
      case 'approvals':
      case 'roster-approvals': {
        const result = runSchema(approvalsFileSchema, raw.data, raw, dp901);
        if (!result.ok) issues.push(...result.issues);
        else if (raw.kind === 'roster-approvals')
          records.rosterApprovals = { ...base(raw), data: result.value } satisfies Loaded<ApprovalsFile>;
        else (records.approvals ??= new Map()).set(raw.id, { ...base(raw), data: result.value });
        break;
      }
      case 'kind':
        break;
    }
  }
  return { records, issues };
}

function base(raw: RawRecord) {
  return { id: raw.id, file: raw.file, source: raw.source, positions: raw.positions };
}

function checkKindRecord(raw: RawRecord, issues: Issue[], evidenceKinds: Map<string, EvidenceKindDeclaration>): LoadedKind | undefined {
  const result = runSchema(kindSchema, raw.data, raw, dp211, undefined, retiredKeyMessage);
  if (!result.ok) {
    issues.push(...result.issues);
    // Shape errors do not hide reference errors: what has a valid shape is checked too.
    const salvaged = salvageKind(raw.data);
    if (salvaged) issues.push(...checkKind(raw, salvaged.kind, salvaged.unsure));
    return undefined;
  }
  const problems = checkKind(raw, result.value);
  if ((reservedSchemaNames as readonly string[]).includes(raw.id)) {
    problems.push(dp212.report('reservedName', fieldAt(raw, ''), { kind: raw.id, reserved: reservedSchemaNames.join(', ') }));
  }
  // Two kinds may share an evidence kind only when they declare it alike.
  for (const [id, declaration] of Object.entries(result.value.evidence_kinds)) {
    const fields = declaration.fields ?? {};
    const earlier = evidenceKinds.get(id);
    if (earlier && JSON.stringify(earlier.fields) !== JSON.stringify(fields)) {
      const field = `evidence_kinds.${id}`;
      problems.push(dp212.report('evidenceKindClash', fieldAt(raw, field), { field, kind: earlier.declaredBy }));
    }
  }
  if (problems.length > 0) {
    issues.push(...problems);
    return undefined;
  }
  for (const [id, declaration] of Object.entries(result.value.evidence_kinds)) {
    if (!evidenceKinds.has(id)) evidenceKinds.set(id, { fields: declaration.fields ?? {}, declaredBy: raw.id });
  }
  return { ...base(raw), data: result.value, compiled: compileKind(raw.id, result.value) };
}

const list = (names: readonly string[]) => names.join(', ');

// The kind first (DP213), then the state field (DP201), so that a missing or mistyped state is
// reported as such rather than as a union miss; then the record against its state's schema.
function checkDecision(raw: RawRecord, records: RecordSet, issues: Issue[]): LoadedDecision | undefined {
  const data = raw.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push(dp205.report('notMapping', fieldAt(raw, '')));
    return undefined;
  }
  const record = data as Record<string, unknown>;
  const kindId = ownValue(record, 'kind');
  const kindIds = [...records.ids.kind].filter((id) => id !== prdExtensionId);
  if (kindId === undefined || kindId === null) {
    issues.push(dp213.report('required', fieldAt(raw, 'kind'), { known: kindIds.length > 0 ? ` (here: ${list(kindIds)})` : '' }));
    return undefined;
  }
  if (typeof kindId !== 'string' || !records.ids.kind.has(kindId) || kindId === prdExtensionId) {
    issues.push(dp213.report('unknown', fieldAt(raw, 'kind'), { guess: typeof kindId === 'string' ? suggestion(kindId, kindIds) : '' }));
    return undefined;
  }
  const loaded = records.kinds.get(kindId);
  // The kind file is malformed: its own issues say so; its decisions are not judged further.
  if (!loaded) return undefined;
  // The file's form follows the kind (DP215): own body → decisions/<id>.md, else YAML or JSON.
  const ownBody = bodyMode(loaded.data) === 'own';
  const markdown = raw.body !== undefined;
  if (ownBody !== markdown) {
    issues.push(dp215.report(ownBody ? 'ownBody' : 'prdBody', fieldAt(raw, 'kind'), { kind: kindId }));
    return undefined;
  }
  const compiled = loaded.compiled;
  const stateField = loaded.data.state_field;
  const stateIds = [...compiled.states.keys()];
  const status = ownValue(record, stateField);
  if (status === undefined || status === null) {
    issues.push(dp201.report('required', fieldAt(raw, stateField), { stateField, states: list(stateIds) }));
    // A mistyped key is the likely cause: name it at its own line.
    for (const key of Object.keys(record)) {
      if (key === '$schema' || compiled.knownFields.includes(key)) continue;
      const data = { field: key, kind: kindId, guess: suggestion(key, compiled.knownFields) };
      issues.push(dp205.report('unknownField', fieldAt(raw, key, { key: true }), data));
    }
    return undefined;
  }
  const state = typeof status === 'string' ? compiled.states.get(status) : undefined;
  if (!state) {
    const guess = typeof status === 'string' ? suggestion(status, stateIds) : '';
    issues.push(dp201.report('notAState', fieldAt(raw, stateField), { stateField, states: list(stateIds), guess }));
    return undefined;
  }

  const result = runSchema(
    state.schema,
    data,
    raw,
    dp205,
    (zodIssue, field) => {
      if (copiedEvidenceRule(field, zodIssue.code)) return dp503;
      const top = field.split(/[.[]/)[0]!;
      if (zodIssue.code === 'unrecognized_keys') return state.forbidden.has(top) ? dp202 : undefined;
      const spec = state.own.get(top);
      if (!spec) return undefined;
      const refusedAs = fieldTypeOf(spec).refusedAs;
      if (refusedAs && zodIssue.code !== 'invalid_type') return refusedAs;
      if (zodIssue.code === 'invalid_type' && ownValue(record, top) === undefined) return dp203;
      return dp204;
    },
    (zodIssue, field, rule) => {
      const top = field.split(/[.[]/)[0]!;
      const inState = { field, stateField, state: state.id };
      if (rule === dp202) {
        const group = state.forbidden.get(top);
        return group ? dp202.message('forbiddenGroup', { ...inState, group }) : dp202.message('forbidden', inState);
      }
      if (rule === dp203) return dp203.message('required', inState);
      if (rule === dp205 && zodIssue.code === 'unrecognized_keys') {
        if (field !== top) return undefined;
        const elsewhere = [...compiled.states.values()].filter((other) => other.fields.has(top)).map((other) => other.id);
        if (elsewhere.length > 0) return dp205.message('otherState', { field, state: state.id, states: list(elsewhere) });
        const missing = [...state.fields.keys()].filter((name) => ownValue(record, name) === undefined);
        const guess = closest(top, missing) ?? closest(top, compiled.knownFields);
        return dp205.message('unknownInState', { field, kind: kindId, state: state.id, guess: guess ? ` Did you mean ${guess}?` : '' });
      }
      return undefined;
    },
    stateField,
  );
  // Exact values written as templates are compared with the record's own fields filled in.
  const exactIssues: Issue[] = [];
  for (const [name, spec] of state.fields) {
    // A template value (type exact) is compared once the record's own fields are known.
    if (spec.value === undefined || !isTemplate(spec.value)) continue;
    const value = ownValue(record, name);
    if (typeof value !== 'string' || value === renderTemplate(spec.value, record)) continue;
    exactIssues.push(dp204.report('exact', fieldAt(raw, name), { field: name, state: state.id, template: spec.value }));
  }
  if (!result.ok || exactIssues.length > 0) {
    issues.push(...(result.ok ? [] : result.issues), ...exactIssues);
    return undefined;
  }
  return { ...base(raw), data: result.value, ...(markdown ? { body: raw.body, bodyLine: raw.bodyLine ?? 1 } : {}) };
}

function checkEvidence(
  raw: RawRecord,
  schema: ReturnType<typeof compileEvidenceSchema>,
  kinds: string[],
  someKindBroken: boolean,
  issues: Issue[],
): Loaded<EvidenceReference> | undefined {
  const data = raw.data as Record<string, unknown> | null;
  const kind = data && typeof data === 'object' ? ownValue(data, 'kind') : undefined;
  if (data && typeof data === 'object' && !Array.isArray(data) && (typeof kind !== 'string' || !kinds.includes(kind))) {
    // The evidence kind may belong to a kind file that is refused on its own.
    if (someKindBroken) return undefined;
    const allowed =
      kinds.length > 0
        ? `one of ${list(kinds)} (the evidence kinds the decision kinds declare)`
        : 'an evidence kind a decision kind declares; no valid kind declares any';
    const at = fieldAt(raw, 'kind');
    const guess = typeof kind === 'string' ? suggestion(kind, kinds) : '';
    issues.push(kind === undefined ? dp206.report('kindRequired', at, { allowed }) : dp206.report('kindUnknown', at, { allowed, guess }));
    return undefined;
  }
  if (!schema) return undefined;
  const result = runSchema(
    schema,
    raw.data,
    raw,
    dp206,
    (zodIssue, field) => {
      if (copiedEvidenceRule(field, zodIssue.code)) return dp503;
      if (zodIssue.code === 'invalid_type' && data !== null && typeof data === 'object' && ownValue(data, field) === undefined)
        return undefined;
      if (field === 'commit') return dp500;
      if (field === 'path') return dp501;
      return undefined;
    },
    undefined,
    'kind',
  );
  if (!result.ok) {
    issues.push(...result.issues);
    return undefined;
  }
  return { ...base(raw), data: result.value };
}
