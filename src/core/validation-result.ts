// What one validation of a content folder gives: the verdict, every issue (masked) and the records
// that passed. The checker produces it (src/validate/validate.ts); the site, the integration, the
// loaders and the review read it. Its shape lives here so that reading it needs nothing of the checker.
import type { Issue } from './issue.ts';
import type { EvidenceVerification, RecordSet } from './record-set.ts';

export interface ValidationResult {
  ok: boolean;
  issues: Issue[];
  /** Records that passed their schemas. Render only when `ok`. */
  records: RecordSet;
  verification: ReadonlyMap<string, EvidenceVerification>;
  today: string;
  contentRoot: string;
  /** Secret values found, kept only to mask them downstream; never print this. */
  secrets: readonly string[];
}
