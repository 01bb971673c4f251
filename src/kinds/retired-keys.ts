// Kind keys that the condition primitive replaced or that were renamed: a kind file still using one
// is refused (DP211) with the key that says the same today, so migrating is a rename, not a search.
import type { z } from 'astro/zod';
import { dp211 } from '../rules/dp211-kind-shape.ts';

const replacements: Record<string, string> = {
  admitted_by: 'a line field says empty_unless: { requirements: [<requirement>] } (type line replaces empty_or_line)',
  must_match_decision: 'a requirement with evidence: <this evidence kind> and matches: [<fields>] makes DP402 compare them',
  unblocked_in: 'a role says unblocked_when: { states: [<states>] }',
  unblocked_requires: 'a role says unblocked_when: { requirements: [<requirements>] }',
  done_requires: 'a role says done_when: { requirements: [<requirements>] }',
};

/** Kind keys that were renamed (old path → new path): the page now says "states". */
const renamedKeys: Record<string, string> = {
  'page.branches_heading': 'page.states_heading',
  'page.branches_intro': 'page.states_intro',
};

/** The DP211 message for an unknown key the vocabulary retired or renamed; undefined for any other issue. */
export function retiredKeyMessage(zodIssue: z.core.$ZodIssue, field: string): string | undefined {
  if (zodIssue.code !== 'unrecognized_keys') return undefined;
  if (Object.hasOwn(renamedKeys, field)) return dp211.message('renamedKey', { field, renamed: renamedKeys[field]! });
  const key = field.split('.').pop()!;
  const replacement = Object.hasOwn(replacements, key) ? replacements[key] : undefined;
  return replacement ? dp211.message('retiredKey', { field, replacement }) : undefined;
}
