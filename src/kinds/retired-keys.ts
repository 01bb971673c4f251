// Kind keys the vocabulary no longer has: a kind file still using one is refused (DP211) with the
// key that says the same today, so migrating is a rename, not a search.
import type { z } from 'astro/zod';
import { ownValue } from '../core/own-value.ts';
import { dp211 } from '../rules/dp211-kind-shape.ts';

/** Keys the condition primitive replaced, wherever they stand, with what says the same today. */
const replacements: Readonly<Record<string, string>> = {
  admitted_by: 'a line field says empty_unless: { requirements: [<requirement>] } (type line replaces empty_or_line)',
  must_match_decision: 'a requirement with evidence: <this evidence kind> and matches: [<fields>] makes DP402 compare them',
  unblocked_in: 'a role says unblocked_when: { states: [<states>] }',
  unblocked_requires: 'a role says unblocked_when: { requirements: [<requirements>] }',
  done_requires: 'a role says done_when: { requirements: [<requirements>] }',
};

/** Keys renamed with the words of the packet page (old path → new path). */
const renamed: Readonly<Record<string, string>> = {
  'page.branches_heading': 'page.states_heading',
  'page.branches_intro': 'page.states_intro',
};

/** The DP211 message for an unknown key the vocabulary retired or renamed; undefined for any other issue. */
export function retiredKeyMessage(zodIssue: z.core.$ZodIssue, field: string): string | undefined {
  if (zodIssue.code !== 'unrecognized_keys') return undefined;
  const renamedTo = ownValue(renamed, field);
  if (renamedTo !== undefined) return dp211.message('renamedKey', { field, renamed: renamedTo });
  const replacement = ownValue(replacements, field.split('.').pop()!);
  return replacement === undefined ? undefined : dp211.message('retiredKey', { field, replacement });
}
