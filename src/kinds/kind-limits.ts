// Rule DP216: a kind file stays within bounds that real kinds never reach, so that checking a
// kind and the records it judges stays linear (no step multiplies states by states or terms by
// texts beyond these numbers). Judged on the parsed file before its schema runs; a kind beyond a
// bound is refused and not judged further. The numbers are documented in README "Limits".
import type { Issue } from '../core/issue.ts';
import { issueAt } from '../core/record-set.ts';
import { joinPath, type PositionIndex } from '../reader/positions.ts';

export const kindLimits = {
  /** Entries in any one mapping or list: states, fields, transitions, groups, roles, requirements… */
  entries: 200,
  /** Terms in one term list (term_lists.<name>). */
  terms: 2_000,
  /** Characters in one term. */
  termLength: 100,
  /** Characters in any other text: labels, templates, values. */
  textLength: 2_000,
} as const;

interface KindTarget {
  file: string;
  positions: PositionIndex;
}

export function kindLimitIssues(target: KindTarget, data: unknown): Issue[] {
  const issues: Issue[] = [];
  const walk = (value: unknown, path: string, inTermList: boolean) => {
    if (typeof value === 'string') {
      const max = inTermList ? kindLimits.termLength : kindLimits.textLength;
      if (value.length > max) issues.push(issueAt('DP216', target, path, `${path} is ${value.length} characters long; a kind allows at most ${max} characters ${inTermList ? 'a term' : 'a text'}.`));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    const termList = Array.isArray(value) && /^term_lists\.[^.[]+$/.test(path);
    const max = termList ? kindLimits.terms : kindLimits.entries;
    if (entries.length > max) {
      const what = termList ? 'terms in one term list' : 'entries in one mapping or list';
      issues.push(issueAt('DP216', target, path, `${path || 'The kind'} holds ${entries.length} entries; a kind allows at most ${max} ${what}.`, { key: true }));
      return;
    }
    for (const [key, item] of entries) walk(item, joinPath(path, key), termList);
  };
  walk(data, '', false);
  return issues;
}
