// DP503: evidence is referenced, never copied. The schema pass reports an unknown key that names
// copied output (copiedEvidenceRule); this check reads the text fields the schemas allow.
import { defineRule } from './define-rule.ts';
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { MAX_REFERENCE_TEXT, looksCopied } from '../gates/copied-runtime-evidence.ts';
import { decisionsInKinds } from '../gates/decision-evidence.ts';
import { isSingleLineType } from '../field-types/index.ts';
import { schemaMessage } from './schema-message.ts';

const copiedRuntimeEvidence: Gate = (records) => {
  const issues: Issue[] = [];
  for (const evidence of records.evidence.values()) {
    if (looksCopied(evidence.data.title)) issues.push(dp503.report('pasted', fieldAt(evidence, 'title'), { field: 'title' }));
  }
  for (const { decision, state } of decisionsInKinds(records)) {
    for (const [field, spec] of state.fields) {
      const value = ownValue(decision.data, field);
      if (isSingleLineType(spec.type) && typeof value === 'string' && looksCopied(value)) {
        issues.push(dp503.report('pasted', fieldAt(decision, field), { field }));
      }
    }
  }
  return issues;
};

export const dp503 = defineRule({
  id: 'DP503',
  name: 'copied-runtime-evidence',
  title: 'Evidence is referenced, never copied',
  refusal: 8,
  hint: 'Remove the copied contents, logs or output. Point at the file in its repository at a commit instead.',
  messages: {
    ...schemaMessage,
    pasted: (d: { field: string }) =>
      `${d.field} reads as copied contents, logs or output (several lines, more than ${MAX_REFERENCE_TEXT} characters, terminal escapes, a stack trace or a prompt). Allowed: a short single-line text; the evidence itself is referenced by repository, path and commit.`,
  },
  check: copiedRuntimeEvidence,
});
