// Rule DP400: a Branch B decision names a provider/model only when a listed admission evidence admits exactly that provider and model.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { listsMatchingAdmission } from './decision-evidence.ts';

export const branchBUnadmittedProviderGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const data = decision.data;
    if (data.decision_status !== 'local_provider_required') continue;
    if (data.provider === '' && data.model === '') continue;
    if (listsMatchingAdmission(records, data)) continue;
    const field = data.provider !== '' ? 'provider' : 'model';
    issues.push(
      issueAt(
        'DP400',
        decision,
        field,
        'A local_provider_required (Branch B) decision names a provider/model, but no admission evidence listed in "evidence_sources" admits exactly this provider and model. Allowed: empty "provider" and "model", or both set and admitted by a listed admission evidence.',
      ),
    );
  }
  return issues;
};
