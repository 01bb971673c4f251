// Rule DP307: every glob of a path_globs field is one gitignore reads as written. Declared with
// its id, title, hint and messages together (the shape every rule will take), and its check.
import type { Issue } from '../core/issue.ts';
import type { Gate, RecordSet } from '../core/record-set.ts';
import { globSyntaxProblem, maxGlobs, pathGlobsType } from '../fields/path-globs.ts';
import { pathsOfType, valueAtPath } from '../kinds/compile-kind.ts';

export const pathGlobSyntaxRule = {
  id: 'DP307',
  name: 'path-glob-syntax',
  title: 'A path_globs field holds gitignore-style globs relative to the repository root',
  refusal: 14,
  hint: 'Write each glob as in a .gitignore, from the repository root: "src/reader/**", "docs/*.md", "!src/reader/legacy.ts"; no "..", no backslash, no absolute path, "**" only between "/".',
  messages: {
    invalid: (problem: string) => `The glob ${problem}; a path_globs entry is a gitignore-style glob relative to the repository root.`,
    tooMany: () => `More than ${maxGlobs} globs; a path_globs field holds at most ${maxGlobs}.`,
  },
} as const;

export const pathGlobSyntaxGate: Gate = (records) => {
  const issues: Issue[] = [];
  const { id, hint, messages } = pathGlobSyntaxRule;
  for (const { decision, field, globs } of pathGlobFields(records)) {
    if (globs.length > maxGlobs) issues.push(at(decision, field, messages.tooMany()));
    globs.forEach((glob, index) => {
      const problem = globSyntaxProblem(glob);
      if (problem !== undefined) issues.push(at(decision, `${field}[${index}]`, messages.invalid(problem)));
    });
  }
  return issues;

  function at(decision: { file: string; positions: { value(path: string): { line: number; column: number } } }, field: string, message: string): Issue {
    const { line, column } = decision.positions.value(field);
    return { ruleId: id, file: decision.file, line, column, field, message, hint };
  }
};

/** Every path_globs field of every decision of a known kind and state, with its globs. */
export function* pathGlobFields(records: RecordSet) {
  for (const decision of records.decisions.values()) {
    const kind = records.kinds.get(decision.data.kind);
    const stateId = kind ? String(decision.data[kind.data.state_field]) : '';
    const state = kind?.compiled.states.get(stateId);
    if (!kind || !state) continue;
    for (const field of pathsOfType(state.fields, pathGlobsType)) {
      const value = valueAtPath(decision.data, field);
      if (!Array.isArray(value)) continue;
      yield { decision, field, globs: value.map(String), governs: kind.data.states[stateId]!.governs === true };
    }
  }
}
