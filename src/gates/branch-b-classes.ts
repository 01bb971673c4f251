// Rule DP204 (Branch B classes): a local_provider_required decision uses a local or no-secret credential class and a local-only or explicitly bounded network class.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';

/** `no-secret`, `local`, or a class whose first word is `local` (`local-keychain`, `local_file`). */
export function isBranchBCredentialClass(value: string): boolean {
  return value === 'no-secret' || /^local(?:[-_][a-z0-9_-]*[a-z0-9])?$/.test(value);
}

/** `local-only`, or an explicitly bounded class (`bounded-lan`, `bounded_vpn`). */
export function isBranchBNetworkClass(value: string): boolean {
  return value === 'local-only' || /^bounded[-_][a-z0-9_-]*[a-z0-9]$/.test(value);
}

export const branchBClassesGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const data = decision.data;
    if (data.decision_status !== 'local_provider_required') continue;
    if (!isBranchBCredentialClass(data.credential_source_class)) {
      issues.push(
        issueAt(
          'DP204',
          decision,
          'credential_source_class',
          '"credential_source_class" of a local_provider_required (Branch B) decision must be a local or no-secret class: "no-secret", or a class starting with "local-" (e.g. "local-keychain").',
        ),
      );
    }
    if (!isBranchBNetworkClass(data.allowed_network_class)) {
      issues.push(
        issueAt(
          'DP204',
          decision,
          'allowed_network_class',
          '"allowed_network_class" of a local_provider_required (Branch B) decision must be "local-only" or an explicitly bounded class starting with "bounded-" (e.g. "bounded-lan").',
        ),
      );
    }
  }
  return issues;
};
