// The message of a rule that the schema pass (src/validate/schema-issues.ts) reports: the
// schema's problem in our own wording, built from the zod issue code and never from its input.
import type { Issue } from '../core/issue.ts';
import type { IssueLocation } from './define-rule.ts';
import type { RuleId } from './index.ts';

export const schemaMessage = {
  schema: (d: { problem: string }) => d.problem,
};

/** A rule the schema pass may report: one that declares the schema message. */
export interface SchemaRule {
  id: RuleId;
  report(key: 'schema', at: IssueLocation, data: { problem: string }): Issue;
}
