// DP504, DP505, DP507 and DP506: evidence verification against local clones (src/git/
// verify-evidence.ts). Failures are reported on `commit` (DP504, DP507) or `path` (DP505); with
// requireVerifiedEvidence, evidence not verified (and not already failed) is DP506.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';

const verificationFailed: Gate = (records, context) => {
  const issues: Issue[] = [];
  for (const evidence of records.evidence.values()) {
    const result = context.verification.get(evidence.id);
    if (result?.status !== 'failed') continue;
    const at = fieldAt(evidence, result.ruleId === dp505.id ? 'path' : 'commit');
    issues.push({ ...at, ruleId: result.ruleId, message: result.message, hint: verificationRules[result.ruleId].hint });
  }
  return issues;
};

const unverified: Gate = (records, context) => {
  const issues: Issue[] = [];
  if (!context.requireVerifiedEvidence) return issues;
  for (const evidence of records.evidence.values()) {
    const result = context.verification.get(evidence.id);
    if (result?.status === 'verified' || result?.status === 'failed') continue;
    const reason = result?.status === 'not-verified' ? ` ${result.reason}` : ' Verification was not attempted.';
    issues.push(dp506.report('unverified', fieldAt(evidence, 'commit'), { reason }));
  }
  return issues;
};

export const dp504 = defineRule({
  id: 'DP504',
  name: 'commit-not-found',
  title: "An evidence commit exists in its repository's local clone",
  refusal: 7,
  hint: 'Check the commit id, fetch the history that contains it (CI: fetch-depth: 0), or correct the repository.',
  messages: {
    format: (d: { idFormat: string; repository: string; cloneFormat: string }) =>
      `The commit is a ${d.idFormat} id, but the local clone of repository '${d.repository}' uses ${d.cloneFormat} ids: the commit cannot be in it.`,
    missing: (d: { repository: string }) => `The commit does not exist in the local clone of repository '${d.repository}'.`,
    notCommit: (d: { repository: string; found: string }) =>
      `The commit id names a ${d.found} object in the local clone of repository '${d.repository}', not a commit.`,
  },
  check: verificationFailed,
});

export const dp505 = defineRule({
  id: 'DP505',
  name: 'path-not-at-commit',
  title: 'An evidence path exists at its commit',
  refusal: 7,
  hint: 'Check the path at that commit with `git ls-tree <commit> -- <path>` and correct the path or the commit.',
  messages: {
    missing: (d: { repository: string }) => `The path does not exist at the commit in the local clone of repository '${d.repository}'.`,
  },
});

export const dp506 = defineRule({
  id: 'DP506',
  name: 'evidence-unverified',
  title: 'Evidence is verified against a local clone (when required)',
  refusal: 7,
  hint: 'Give the repository a local_path in repositories.yaml, or build without --require-verified-evidence.',
  messages: {
    unverified: (d: { reason: string }) =>
      `The commit of this evidence was not verified against a local clone of its repository, and this build requires verified evidence.${d.reason}`,
  },
  check: unverified,
});

export const dp507 = defineRule({
  id: 'DP507',
  name: 'git-unavailable',
  title: "A repository's local clone can answer",
  refusal: 7,
  hint: 'Make the clone complete (not shallow, not partial), readable and trusted (git config --global --add safe.directory <path>), with no setting in its own config that names a program (uploadpack, fsmonitor, hooksPath, pager, textconv, credential helper, gpg, alias, …), or remove local_path.',
  messages: {
    shallow: (d: { repository: string; shallow: string }) =>
      `The commit is not in the local clone of repository '${d.repository}', and ${d.shallow}.`,
    unavailable: (d: { problem: string }) => d.problem,
  },
});

const verificationRules = { DP504: dp504, DP505: dp505, DP507: dp507 } as const;

/** The rules a failed verification reports (the message is built by the rule, in src/git/). */
export type VerificationRuleId = keyof typeof verificationRules;
