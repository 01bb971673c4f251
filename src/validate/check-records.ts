// Schema pass: each raw record against its kind's schema. Only records that pass reach the gates.
import type { z } from 'astro/zod';
import type { Issue } from '../core/issue.ts';
import type { Loaded, LoadedPrd, RecordSet } from '../core/record-set.ts';
import { issueAt } from '../core/record-set.ts';
import type { ContentRead, RawRecord } from '../reader/read-content.ts';
import { branchFields, decisionSchemasByStatus, decisionStatuses, type Decision } from '../schemas/decision.ts';
import { evidenceReferenceSchema, evidenceKinds, type EvidenceReference } from '../schemas/evidence-reference.ts';
import { prdFrontmatterSchema } from '../schemas/prd.ts';
import { repositoriesSchema, type Repositories } from '../schemas/repositories.ts';
import { workItemSchema, type WorkItem } from '../schemas/work-item.ts';
import { copiedEvidenceRule } from '../gates/copied-runtime-evidence.ts';
import { runSchema } from './schema-issues.ts';

export function checkRecords(content: ContentRead): { records: RecordSet; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: RecordSet = { prds: new Map(), decisions: new Map(), evidence: new Map(), workItems: new Map(), ids: content.ids };
  for (const raw of content.records) {
    switch (raw.kind) {
      case 'prd': {
        const result = runSchema(prdFrontmatterSchema, raw.data, raw, 'DP200');
        if (result.ok) records.prds.set(raw.id, { ...base(raw), data: result.value, body: raw.body ?? '', bodyLine: raw.bodyLine ?? 1 } satisfies LoadedPrd);
        else issues.push(...result.issues);
        break;
      }
      case 'decision': {
        const decision = checkDecision(raw, issues);
        if (decision) records.decisions.set(raw.id, decision);
        break;
      }
      case 'evidence': {
        const evidence = checkEvidence(raw, issues);
        if (evidence) records.evidence.set(raw.id, evidence);
        break;
      }
      case 'work-item': {
        const result = runSchema(workItemSchema, raw.data, raw, 'DP207');
        if (result.ok) records.workItems.set(raw.id, { ...base(raw), data: result.value } satisfies Loaded<WorkItem>);
        else issues.push(...result.issues);
        break;
      }
      case 'repositories': {
        const result = runSchema(repositoriesSchema, raw.data, raw, 'DP208');
        if (result.ok) records.repositories = { ...base(raw), data: result.value } satisfies Loaded<Repositories>;
        else issues.push(...result.issues);
        break;
      }
    }
  }
  return { records, issues };
}

function base(raw: RawRecord) {
  return { id: raw.id, file: raw.file, source: raw.source, positions: raw.positions };
}

const branchFieldSet = new Set<string>(branchFields);

// decision_status is checked first, so that its absence or a typo is reported as such (DP201)
// rather than as a union miss; then the record is held against its own state's strict schema.
function checkDecision(raw: RawRecord, issues: Issue[]): Loaded<Decision> | undefined {
  const data = raw.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push(issueAt('DP205', raw, '', 'The decision record must be a mapping of fields.'));
    return undefined;
  }
  const status = (data as Record<string, unknown>).decision_status;
  const allowed = decisionStatuses.map((value) => `"${value}"`).join(', ');
  if (status === undefined || status === null) {
    issues.push(issueAt('DP201', raw, 'decision_status', `Field "decision_status" is required; it must be one of ${allowed}.`));
    return undefined;
  }
  if (typeof status !== 'string' || !(decisionStatuses as readonly string[]).includes(status)) {
    issues.push(issueAt('DP201', raw, 'decision_status', `"decision_status" must be one of ${allowed}; the value given is none of them.`));
    return undefined;
  }
  const state = status as keyof typeof decisionSchemasByStatus;
  const schema = decisionSchemasByStatus[state] as unknown as z.ZodType<Decision>;
  const result = runSchema(schema, data, raw, 'DP205', (zodIssue, field) => {
    if (copiedEvidenceRule(field, zodIssue.code)) return 'DP503';
    const top = field.split(/[.[]/)[0]!;
    if (state === 'not_decided') {
      return zodIssue.code === 'unrecognized_keys' && branchFieldSet.has(top) ? 'DP202' : undefined;
    }
    if (!branchFieldSet.has(top)) return undefined;
    if (top === 'credential_source_class' || top === 'allowed_network_class') {
      if (zodIssue.code !== 'invalid_type') return 'DP601';
    }
    if (zodIssue.code === 'invalid_type' && valueMissing(data, top)) return 'DP203';
    if (top === 'provider_class' || top === 'effect' || top === 'provider' || top === 'model') return 'DP204';
    return undefined;
  });
  if (!result.ok) {
    for (const issue of result.issues) {
      if (issue.ruleId === 'DP202') issue.message = `"${issue.field}" is a branch field; a not_decided record carries none.`;
    }
    issues.push(...result.issues);
    return undefined;
  }
  return { ...base(raw), data: result.value };
}

function valueMissing(data: object, key: string): boolean {
  return (data as Record<string, unknown>)[key] === undefined;
}

function checkEvidence(raw: RawRecord, issues: Issue[]): Loaded<EvidenceReference> | undefined {
  const data = raw.data as Record<string, unknown> | null;
  const kind = data && typeof data === 'object' ? data.kind : undefined;
  if (data && typeof data === 'object' && !Array.isArray(data) && (typeof kind !== 'string' || !(evidenceKinds as readonly string[]).includes(kind))) {
    const allowed = evidenceKinds.map((value) => `"${value}"`).join(', ');
    issues.push(issueAt('DP206', raw, 'kind', kind === undefined ? `Field "kind" is required; it must be one of ${allowed}.` : `"kind" must be one of ${allowed}.`));
    return undefined;
  }
  const result = runSchema(evidenceReferenceSchema, raw.data, raw, 'DP206', (zodIssue, field) => {
    if (copiedEvidenceRule(field, zodIssue.code)) return 'DP503';
    if (zodIssue.code === 'invalid_type' && valueMissing(data as object, field)) return undefined;
    if (field === 'commit') return 'DP500';
    if (field === 'path') return 'DP501';
    return undefined;
  });
  if (!result.ok) {
    issues.push(...result.issues);
    return undefined;
  }
  return { ...base(raw), data: result.value };
}
