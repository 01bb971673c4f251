// An issue built by hand at a field of a record: only for the approvals code, not yet moved to
// its rules' `report` (src/rules/define-rule.ts). The hint is looked up when called, so this
// module adds no work to the registry's import.
import type { Issue } from '../core/issue.ts';
import { fieldAt } from '../core/record-set.ts';
import type { PositionIndex } from '../reader/positions.ts';
import { ruleModules, type RuleId } from '../rules/index.ts';

export function issueAt(ruleId: RuleId, record: { file: string; positions: PositionIndex }, field: string, message: string): Issue {
  const hint = ruleModules.find((rule) => rule.id === ruleId)!.hint;
  return { ...fieldAt(record, field), ruleId, message, hint };
}
