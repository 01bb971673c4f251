// Rule DP308: a glob of a governing decision matches at least one file git tracks at the build
// commit (a glob that matches nothing governs nothing, usually a typo or a moved folder). The
// tracked files come from `git ls-tree` at that commit (GateContext.trackedFiles); without a
// repository there is nothing to judge against and the rule is silent.
import type { Issue } from '../core/issue.ts';
import type { Gate } from '../core/record-set.ts';
import { compileGlobs, globPrefix, globSyntaxProblem } from '../fields/path-globs.ts';
import { pathGlobFields } from './path-glob-syntax.ts';

export const pathGlobUnmatchedRule = {
  id: 'DP308',
  name: 'path-glob-unmatched',
  title: 'A governing decision\'s glob matches a file tracked at the build commit',
  refusal: 14,
  hint: 'Correct the glob (it is relative to the repository root, not the content folder), or remove it. List what git tracks with `git ls-files`.',
  messages: {
    unmatched: () => `The glob matches no file git tracks at the build commit; a governing decision's globs each match at least one file.`,
  },
} as const;

export const pathGlobUnmatchedGate: Gate = (records, context) => {
  const tracked = context.trackedFiles;
  if (tracked === undefined) return [];
  const sorted = [...tracked].sort();
  const issues: Issue[] = [];
  const { id, hint, messages } = pathGlobUnmatchedRule;
  for (const { decision, field, globs, governs } of pathGlobFields(records)) {
    if (!governs) continue;
    globs.forEach((glob, index) => {
      const prefix = globPrefix(glob);
      if (prefix === undefined || globSyntaxProblem(glob) !== undefined) return;
      const matches = compileGlobs([glob]);
      if (candidates(sorted, prefix).some((file) => matches(file))) return;
      const path = `${field}[${index}]`;
      const { line, column } = decision.positions.value(path);
      issues.push({ ruleId: id, file: decision.file, line, column, field: path, message: messages.unmatched(), hint });
    });
  }
  return issues;
};

/** The sorted paths at or under a literal prefix ('' for all): a binary search, then a scan. */
function candidates(sorted: readonly string[], prefix: string): readonly string[] {
  if (prefix === '') return sorted;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  const out: string[] = [];
  for (let index = low; index < sorted.length && sorted[index]!.startsWith(prefix); index += 1) {
    const path = sorted[index]!;
    if (path === prefix || path.charAt(prefix.length) === '/') out.push(path);
  }
  return out;
}
