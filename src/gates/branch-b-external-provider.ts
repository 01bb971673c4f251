// Rule DP401: a Branch B decision never names an external provider or model, in any field (no external fallback).
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { joinPath } from '../reader/positions.ts';
import { namesExternalProvider } from './external-providers.ts';

/** Every text value in a record, with its field path; `$schema` is an editor hint, not decision content. */
function textFields(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, index) => textFields(item, joinPath(path, index), out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (path === '' && key === '$schema') continue;
      textFields(item, joinPath(path, key), out);
    }
  }
  return out;
}

export const branchBExternalProviderGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    if (decision.data.decision_status !== 'local_provider_required') continue;
    for (const [field, text] of textFields(decision.data, '', [])) {
      if (!namesExternalProvider(text)) continue;
      issues.push(
        issueAt(
          'DP401',
          decision,
          field,
          `"${field}" names an external provider or model; a local_provider_required (Branch B) decision allows no external fallback. Allowed: a local provider/model, or decision_status external_provider_approved (Branch A).`,
        ),
      );
    }
  }
  return issues;
};
