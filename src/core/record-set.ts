// The loaded record set that gates read: every record that passed its schema, typed, with the
// positions of its fields, plus every id present (valid or not) for resolving references.
import type { Issue } from './issue.ts';
import type { IssueLocation } from '../rules/define-rule.ts';
import type { VerificationRuleId } from '../rules/dp504-evidence-verification.ts';
import type { PositionIndex } from '../reader/positions.ts';
import type { RecordKind } from '../reader/read-content.ts';
import type { PrdFrontmatter } from '../schemas/prd.ts';
import type { Decision } from '../schemas/decision.ts';
import type { EvidenceReference } from '../schemas/evidence-reference.ts';
import type { WorkItem } from '../schemas/work-item.ts';
import type { Repositories } from '../schemas/repositories.ts';
import type { ApprovalsFile, Roster } from '../schemas/approvals.ts';
import type { Kind, PrdExtension } from '../schemas/kind.ts';
import type { CompiledKind } from '../kinds/compile-kind.ts';
import type { ApprovalTimes } from '../approvals/record-history.ts';

export interface Loaded<T> {
  id: string;
  file: string;
  /** Path inside the content folder, as the site shows it. */
  source: string;
  data: T;
  positions: PositionIndex;
}

export interface LoadedPrd extends Loaded<PrdFrontmatter> {
  body: string;
  bodyLine: number;
}

/** A decision record; one whose kind says `body: own` carries its own markdown body. */
export interface LoadedDecision extends Loaded<Decision> {
  body?: string;
  bodyLine?: number;
}

/** A kind file that passed its schema and checks, compiled. */
export interface LoadedKind extends Loaded<Kind> {
  compiled: CompiledKind;
}

export interface RecordSet {
  /** Decision kinds by id (kinds/<id>.yaml), valid ones only. */
  kinds: Map<string, LoadedKind>;
  /** The organisation's own PRD fields (kinds/prd-frontmatter.yaml), when declared. */
  prdExtension?: PrdExtension;
  prds: Map<string, LoadedPrd>;
  decisions: Map<string, LoadedDecision>;
  evidence: Map<string, Loaded<EvidenceReference>>;
  workItems: Map<string, Loaded<WorkItem>>;
  repositories?: Loaded<Repositories>;
  /** roster.yaml: people, their keys, groups (src/approvals/). */
  roster?: Loaded<Roster>;
  /** Approval entries per packet id (decisions/<id>.approvals.yaml). */
  approvals?: Map<string, Loaded<ApprovalsFile>>;
  /** roster.approvals.yaml: approvals of the roster's own content. */
  rosterApprovals?: Loaded<ApprovalsFile>;
  /** Authors and state dates from git, when a policy needs them (src/approvals/record-history.ts). */
  approvalTimes?: ApprovalTimes;
  /** Every id present per kind, valid or not. */
  ids: Record<RecordKind, Set<string>>;
}

/** How an evidence reference fared against its repository's local clone. */
export type EvidenceVerification =
  | { status: 'verified'; repository: string }
  | { status: 'not-verified'; reason: string }
  | { status: 'failed'; ruleId: VerificationRuleId; message: string };

export interface GateContext {
  /** The build's date, YYYY-MM-DD: PACKET_TODAY, else SOURCE_DATE_EPOCH, else today, in UTC (./build-date.ts). */
  today: string;
  /** Verification result per evidence id; absent when not attempted. */
  verification: ReadonlyMap<string, EvidenceVerification>;
  requireVerifiedEvidence: boolean;
  /** The files git tracks at the build commit, from the repository root (DP308); absent: not judged. */
  trackedFiles?: readonly string[];
  /** Code citing a decision (`@decision <id>`, a link to its page) in the files tracked at that commit (DP309). */
  citations?: readonly { file: string; line: number; column: number; packet: string; form: 'marker' | 'link' }[];
}

export type Gate = (records: RecordSet, context: GateContext) => Issue[];

/** Where a field of a record is (its value; `key: true` for the key itself), for a rule's report. */
export function fieldAt(record: { file: string; positions: PositionIndex }, field: string, options: { key?: boolean } = {}): IssueLocation {
  const position = options.key ? record.positions.key(field) : record.positions.value(field);
  return { file: record.file, line: position.line, column: position.column, field };
}
