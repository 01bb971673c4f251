// The registry: every rule, in id order. The catalog, the rules reference page and the gate list
// all derive from it. Adding a rule is one module in this folder, listed here, and its test.
import type { Gate } from '../core/record-set.ts';
import type { Rule } from './define-rule.ts';
import { dp100 } from './dp100-content-folder-missing.ts';
import { dp101 } from './dp101-unexpected-file.ts';
import { dp102 } from './dp102-symlink-outside-content.ts';
import { dp103 } from './dp103-not-utf8-text.ts';
import { dp104 } from './dp104-syntax-error.ts';
import { dp105 } from './dp105-duplicate-key.ts';
import { dp106 } from './dp106-yaml-feature-forbidden.ts';
import { dp107 } from './dp107-frontmatter-missing.ts';
import { dp108 } from './dp108-invalid-id.ts';
import { dp109 } from './dp109-duplicate-id.ts';
import { dp110 } from './dp110-input-limits.ts';
import { dp200 } from './dp200-prd-frontmatter.ts';
import { dp201 } from './dp201-decision-state.ts';
import { dp202 } from './dp202-state-forbidden-field.ts';
import { dp203 } from './dp203-state-field-missing.ts';
import { dp204 } from './dp204-state-field-value.ts';
import { dp205 } from './dp205-decision-shape.ts';
import { dp206 } from './dp206-evidence-shape.ts';
import { dp207 } from './dp207-work-item-shape.ts';
import { dp208 } from './dp208-repositories-shape.ts';
import { dp209 } from './dp209-prd-review-before-created.ts';
import { dp210 } from './dp210-criterion-anchor.ts';
import { dp211 } from './dp211-kind-shape.ts';
import { dp212 } from './dp212-kind-reference.ts';
import { dp213 } from './dp213-decision-kind.ts';
import { dp214 } from './dp214-state-transition.ts';
import { dp215 } from './dp215-decision-body.ts';
import { dp216 } from './dp216-kind-limits.ts';
import { dp217 } from './dp217-kind-consistency.ts';
import { dp300, dp301, dp302, dp303, dp304, dp305 } from './dp300-references.ts';
import { pathGlobSyntaxRule } from './path-glob-syntax.ts';
import { pathGlobUnmatchedRule } from './path-glob-unmatched.ts';
import { retiredDecisionCitedRule } from './retired-decision-cited.ts';
import { dp306 } from './dp306-decision-reference-cycle.ts';
import { dp400 } from './dp400-value-not-admitted.ts';
import { dp401 } from './dp401-forbidden-term.ts';
import { dp402 } from './dp402-evidence-mismatch.ts';
import { dp403 } from './dp403-review-overdue.ts';
import { dp500 } from './dp500-commit-id-malformed.ts';
import { dp501 } from './dp501-evidence-path-invalid.ts';
import { dp502 } from './dp502-target-repository.ts';
import { dp503 } from './dp503-copied-runtime-evidence.ts';
import { dp504, dp505, dp506, dp507 } from './dp504-evidence-verification.ts';
import { dp600 } from './dp600-secret-value.ts';
import { dp601 } from './dp601-credential-class-value.ts';
import { dp602 } from './dp602-secret-scanner-unavailable.ts';
import { dp603 } from './dp603-secret-in-output.ts';
import { dp700 } from './dp700-role-state-not-reached.ts';
import { dp701 } from './dp701-role-requirement-not-met.ts';
import { dp702 } from './dp702-role-done-without-evidence.ts';
import { dp800 } from './dp800-linked-anchor-removed.ts';
import { dp801 } from './dp801-kind-changed.ts';
import { dp900 } from './dp900-roster-shape.ts';
import { dp901 } from './dp901-approvals-file.ts';
import { dp902 } from './dp902-approval-policy-group.ts';
import { dp903 } from './dp903-approver-unknown.ts';
import { dp904 } from './dp904-approver-not-in-group.ts';
import { dp905 } from './dp905-approval-stale.ts';
import { dp906 } from './dp906-approval-unsigned.ts';
import { dp907 } from './dp907-approval-signature-invalid.ts';
import { dp908 } from './dp908-approval-key-unknown.ts';
import { dp909 } from './dp909-approval-quorum.ts';
import { dp910 } from './dp910-objection-open.ts';
import { dp911 } from './dp911-concern-resolved-by-other.ts';
import { dp912 } from './dp912-roster-change-unapproved.ts';
import { dp913 } from './dp913-approval-by-author.ts';
import { dp914 } from './dp914-comment-period.ts';

export const ruleModules = [
  dp100,
  dp101,
  dp102,
  dp103,
  dp104,
  dp105,
  dp106,
  dp107,
  dp108,
  dp109,
  dp110,
  dp200,
  dp201,
  dp202,
  dp203,
  dp204,
  dp205,
  dp206,
  dp207,
  dp208,
  dp209,
  dp210,
  dp211,
  dp212,
  dp213,
  dp214,
  dp215,
  dp216,
  dp217,
  dp300,
  dp301,
  dp302,
  dp303,
  dp304,
  dp305,
  dp306,
  pathGlobSyntaxRule,
  pathGlobUnmatchedRule,
  retiredDecisionCitedRule,
  dp400,
  dp401,
  dp402,
  dp403,
  dp500,
  dp501,
  dp502,
  dp503,
  dp504,
  dp505,
  dp506,
  dp507,
  dp600,
  dp601,
  dp602,
  dp603,
  dp700,
  dp701,
  dp702,
  dp800,
  dp801,
  // DP9xx: approvals; the family's one gate runs with its first rule (DP912 is judged by check --base).
  dp900,
  dp901,
  dp902,
  dp903,
  dp904,
  dp905,
  dp906,
  dp907,
  dp908,
  dp909,
  dp910,
  dp911,
  dp912,
  dp913,
  dp914,
] as const;

/** Every permanent rule id. */
export type RuleId = (typeof ruleModules)[number]['id'];

/** Every gate (a rule with a check), in id order. Each is a pure function of the records and the context. */
export const gates: readonly Gate[] = ruleModules.flatMap((rule: Rule) => (rule.check ? [rule.check] : []));
