// The rule catalog: every rule the gate enforces, with a permanent id. Ids are never reused or
// renumbered: reviews, CI logs and suppress lists refer to them. The site publishes this list
// as the rules reference (/rules/), and the README links to it.
//
// Style (after Astro's error guide): the message says what went wrong and what is allowed; the
// hint says how to fix it. No blame, no "Oops". Messages never repeat a value from the content.

import { approvalRuleDefinitions } from '../approvals/rules.ts';
import { pathGlobSyntaxRule } from './path-glob-syntax.ts';
import { pathGlobUnmatchedRule } from './path-glob-unmatched.ts';
import { retiredDecisionCitedRule } from './retired-decision-cited.ts';

export interface RuleDefinition {
  /** Permanent id, `DP` + three digits. */
  id: string;
  /** Short kebab-case name, also permanent. */
  name: string;
  /** One line: what the rule protects. */
  title: string;
  /** The refusal number in CONTRACT.md "What the build refuses", when there is one. */
  refusal?: number;
  /** The general fix, shown under every violation. */
  hint: string;
  /** `warning`: reported, exit 0 unless --strict (PACKET_STRICT=1); default `error`: exit 1, nothing published. */
  severity?: Severity;
}

export type Severity = 'error' | 'warning';

/** The catalog entry of a rule module that declares itself (id, name, title, hint, messages). */
function describedBy<const Rule extends RuleDefinition>(rule: Rule): RuleDefinition & Pick<Rule, 'id'> {
  const { id, name, title, refusal, hint, severity } = rule;
  return { id, name, title, hint, ...(refusal === undefined ? {} : { refusal }), ...(severity === undefined ? {} : { severity }) };
}

const definitions = [
  // DP1xx: reading the content folder and parsing files
  { id: 'DP100', name: 'content-folder-missing', title: 'The content folder exists and is a folder', refusal: 13,
    hint: 'Create the folder (see "Content layout" in the README) or point PACKET_CONTENT_DIR at it.' },
  { id: 'DP101', name: 'unexpected-file', title: 'Only known folders and file types, no hidden files', refusal: 13,
    hint: 'Move or remove the file. Allowed: kinds/<id>.yaml, prds/<id>.md, decisions/<id>.yaml|.json (.md for a kind with body: own), evidence/<id>.yaml|.json, work-items/<ID>.yaml|.json, decisions/<id>.approvals.yaml, repositories.yaml, roster.yaml and roster.approvals.yaml.' },
  { id: 'DP102', name: 'symlink-outside-content', title: 'No symbolic link leads out of the content folder', refusal: 13,
    hint: 'Replace the link with the file itself, inside the content folder.' },
  { id: 'DP103', name: 'not-utf8-text', title: 'Every file is UTF-8 text', refusal: 13,
    hint: 'Save the file as UTF-8 (a byte-order mark and CRLF line ends are fine) and remove NUL bytes.' },
  { id: 'DP104', name: 'syntax-error', title: 'YAML, JSON and frontmatter parse', refusal: 13,
    hint: 'Fix the syntax at the position given; a YAML linter or your editor\'s YAML mode shows the same spot.' },
  { id: 'DP105', name: 'duplicate-key', title: 'No key appears twice in one mapping', refusal: 13,
    hint: 'Keep one of the two keys: with duplicates, parsers disagree on which value wins.' },
  { id: 'DP106', name: 'yaml-feature-forbidden', title: 'Plain YAML only: no anchors, aliases, merge keys, tags, directives or extra documents', refusal: 13,
    hint: 'Write the value out in full. Anchors, aliases, merge keys and tags change meaning between parsers and can expand without bound.' },
  { id: 'DP107', name: 'frontmatter-missing', title: 'A PRD, and a decision written as markdown, starts with a YAML frontmatter block', refusal: 13,
    hint: 'Start the file with a line "---", the frontmatter fields, and a closing line "---".' },
  { id: 'DP108', name: 'invalid-id', title: 'File names are valid ids', refusal: 13,
    hint: 'Rename the file: an id is letters, digits, "-" and "_", starting with a letter or digit, at most 100 characters.' },
  { id: 'DP109', name: 'duplicate-id', title: 'Every id is defined by exactly one file', refusal: 6,
    hint: 'Rename or remove one of the files. Ids are compared ignoring case, because URLs and file systems may.' },
  { id: 'DP110', name: 'input-limits', title: 'Files stay within the size, line-length and nesting limits', refusal: 13,
    hint: 'Split the file or flatten the text: at most 4 MiB a file and 512 KiB a PRD, 20,000 characters a line; in markdown 16 nested "[" brackets, 32 nested block quotes/lists/indentation levels, 500 "*"/"_" emphasis markers a paragraph and 100,000 a PRD; 64 nested YAML/JSON collections (README "Limits").' },

  // DP2xx: the shape of each record kind
  { id: 'DP200', name: 'prd-frontmatter', title: 'PRD frontmatter has exactly the core fields and the declared ones', refusal: 13,
    hint: 'PRD frontmatter takes title, status (draft | active | superseded | retired), owner, created and last_reviewed (YYYY-MM-DD, quoted or not), plus the fields kinds/prd-frontmatter.yaml declares, if that file exists.' },
  { id: 'DP201', name: 'decision-state', title: 'A decision\'s state field holds one of its kind\'s states', refusal: 1,
    hint: 'Set the state field to one of the states its kind declares (kinds/<kind>.yaml, "states"); the safe state is the kind\'s safe_state.' },
  { id: 'DP202', name: 'state-forbidden-field', title: 'A record carries no field its state forbids', refusal: 2,
    hint: 'Remove the field, or change the state field to the state the field belongs to. A record in its safe state with another state\'s fields would read like that state.' },
  { id: 'DP203', name: 'state-field-missing', title: 'A record has every field its state requires', refusal: 3,
    hint: 'Add the missing field. The packet page lists each state\'s required fields; the kind file declares them under states.<state>.requires.' },
  { id: 'DP204', name: 'state-field-value', title: 'A state\'s fields hold the values and classes the state requires', refusal: 3,
    hint: 'Copy the exact value the state requires (see the packet page\'s list of states and their required fields).' },
  { id: 'DP205', name: 'decision-shape', title: 'Decision record fields have the right types and no unknown keys', refusal: 13,
    hint: 'Use the fields the decision\'s kind declares; editors can check them with the JSON Schema published at /schemas/<kind>.schema.json.' },
  { id: 'DP206', name: 'evidence-shape', title: 'Evidence reference fields have the right types and no unknown keys', refusal: 13,
    hint: 'An evidence reference takes title, kind (an evidence kind a decision kind declares), repository, path, commit, optional packets, and the extra fields its evidence kind declares.' },
  { id: 'DP207', name: 'work-item-shape', title: 'Work item fields have the right types and no unknown keys', refusal: 13,
    hint: 'A work item takes title, status (blocked | candidate | in_progress | done) and an optional blocked_reason.' },
  { id: 'DP208', name: 'repositories-shape', title: 'repositories.yaml has the right shape', refusal: 13,
    hint: 'repositories.yaml takes "repositories" (id, url, optional local_path, optional link templates) and "target_repositories" (id, url, optional path_prefix).' },
  { id: 'DP209', name: 'prd-review-before-created', title: 'A PRD is not reviewed before it was created', refusal: 13,
    hint: 'Set last_reviewed to a date on or after created.' },
  { id: 'DP210', name: 'criterion-anchor', title: 'Acceptance-criterion anchors are valid and unique', refusal: 13,
    hint: 'End a criterion with {#name}, where name starts with a letter and holds lowercase letters, digits and "-"; give each criterion its own name.' },

  { id: 'DP211', name: 'kind-shape', title: 'A kind file has the shape of a kind', refusal: 14,
    hint: 'See "How to write a kind" in the README: title, state_field, safe_state, common, states, transitions, evidence_kinds, and optionally field_groups, term_lists, requirements, roles, flags, page and criteria.' },
  { id: 'DP212', name: 'kind-reference', title: 'A kind file names only states, groups, lists, requirements, fields and rules it declares', refusal: 14,
    hint: 'Correct the name to one the kind declares (states, field_groups, term_lists, requirements, evidence_kinds, common fields) or a rule listed at /rules/.' },
  { id: 'DP213', name: 'decision-kind', title: 'A decision names a kind that exists', refusal: 14,
    hint: 'Add kind: <kind-id> to the decision record, naming a file kinds/<kind-id>.yaml.' },
  { id: 'DP214', name: 'state-transition', title: 'A change of state is one its kind allows', refusal: 14,
    hint: 'Move the decision through the states its kind\'s transitions allow, or change the kind\'s transitions in a reviewed change of its own.' },
  { id: 'DP215', name: 'decision-body', title: 'A decision is written in the form its kind\'s body says', refusal: 14,
    hint: 'A kind with body: own has decisions/<id>.md (frontmatter and a markdown body); a kind with body: prd (the default) has decisions/<id>.yaml or .json naming its PRD. Rename the file and move its text, or change the kind\'s body.' },
  { id: 'DP216', name: 'kind-limits', title: 'A kind file stays within the kind limits', refusal: 14,
    hint: 'Shorten or split the kind: at most 200 entries in any mapping or list of a kind (states, fields, transitions, groups, roles, requirements, …), 2,000 terms a term list, 100 characters a term and 2,000 a text (README "Limits").' },
  { id: 'DP217', name: 'kind-consistency', title: 'A kind\'s declarations can all be met together', refusal: 14,
    hint: 'Make the declarations agree: a state may not forbid (itself or through a field group) a field it requires, and a requirement\'s where values must be values its evidence kind\'s fields accept.' },

  // DP3xx: references between records
  { id: 'DP300', name: 'unknown-evidence', title: 'evidence_sources names only existing evidence', refusal: 6,
    hint: 'Add content/evidence/<id>.yaml for the id, or correct the id in evidence_sources.' },
  { id: 'DP301', name: 'unknown-prd', title: 'A decision names an existing PRD', refusal: 6,
    hint: 'Add content/prds/<id>.md, or correct the prd field.' },
  { id: 'DP302', name: 'unknown-work-item', title: 'A decision names existing work items', refusal: 6,
    hint: 'Add content/work-items/<ID>.yaml, or correct the work item id.' },
  { id: 'DP303', name: 'unknown-repository', title: 'Evidence names a repository listed in repositories.yaml', refusal: 6,
    hint: 'Add the repository to repositories.yaml, or correct the repository field.' },
  { id: 'DP304', name: 'unknown-packet', title: 'Evidence "packets" names existing decision records', refusal: 6,
    hint: 'Correct the id in "packets", or add content/decisions/<id>.yaml.' },
  { id: 'DP305', name: 'unknown-decision', title: 'A decision names only existing decisions', refusal: 6,
    hint: 'Correct the decision id, or add content/decisions/<id>.yaml.' },
  { id: 'DP306', name: 'decision-reference-cycle', title: 'Decisions referring to each other through one field form no cycle', refusal: 6,
    hint: 'Break the cycle: a decision cannot, through a chain of the same field, refer back to itself (e.g. supersede a decision that supersedes it).' },
  describedBy(pathGlobSyntaxRule),
  describedBy(pathGlobUnmatchedRule),
  describedBy(retiredDecisionCitedRule),

  // DP4xx: evidence requirements of a decision's state
  { id: 'DP400', name: 'value-not-admitted', title: 'A field that must stay empty until admitted is set only when its requirement holds', refusal: 4,
    hint: 'Leave the field empty until the evidence its kind requires exists, then list that evidence in the decision.' },
  { id: 'DP401', name: 'forbidden-term', title: 'A record names no term its state forbids, in any field', refusal: 4,
    hint: 'Remove the term, or record the state that allows it.' },
  { id: 'DP402', name: 'evidence-mismatch', title: 'Listed evidence names exactly the decision\'s values', refusal: 5,
    hint: 'Make the decision\'s fields and the evidence name the same exact strings, or list the evidence that does.' },
  { id: 'DP403', name: 'review-overdue', title: 'A date-or-condition field written as a date is not in the past', refusal: 12,
    hint: 'Review the decision and set a new date (or a condition). The build date comes from SOURCE_DATE_EPOCH or PACKET_TODAY when set.' },

  // DP5xx: evidence references
  { id: 'DP500', name: 'commit-id-malformed', title: 'An evidence commit is a full lowercase 40- or 64-hex object id', refusal: 7,
    hint: 'Use the full object id from `git rev-parse <rev>`, quoted, in lowercase; abbreviated ids are ambiguous and may stop resolving.' },
  { id: 'DP501', name: 'evidence-path-invalid', title: 'An evidence path is a relative POSIX path inside its repository', refusal: 7,
    hint: 'Write the path relative to the repository root with "/" separators: no leading "/", no "..", no ".git", no backslash, no %-encoding, no control characters.' },
  { id: 'DP502', name: 'target-repository', title: 'Evidence never points into a target repository', refusal: 7,
    hint: 'Reference evidence in a source repository instead. No Target Repository path may be inspected or copied.' },
  { id: 'DP503', name: 'copied-runtime-evidence', title: 'Evidence is referenced, never copied', refusal: 8,
    hint: 'Remove the copied contents, logs or output. Point at the file in its repository at a commit instead.' },
  { id: 'DP504', name: 'commit-not-found', title: 'An evidence commit exists in its repository\'s local clone', refusal: 7,
    hint: 'Check the commit id, fetch the history that contains it (CI: fetch-depth: 0), or correct the repository.' },
  { id: 'DP505', name: 'path-not-at-commit', title: 'An evidence path exists at its commit', refusal: 7,
    hint: 'Check the path at that commit with `git ls-tree <commit> -- <path>` and correct the path or the commit.' },
  { id: 'DP506', name: 'evidence-unverified', title: 'Evidence is verified against a local clone (when required)', refusal: 7,
    hint: 'Give the repository a local_path in repositories.yaml, or build without --require-verified-evidence.' },
  { id: 'DP507', name: 'git-unavailable', title: 'A repository\'s local clone can answer', refusal: 7,
    hint: 'Make the clone complete (not shallow, not partial), readable and trusted (git config --global --add safe.directory <path>), with no setting in its own config that names a program (uploadpack, fsmonitor, hooksPath, pager, textconv, credential helper, gpg, alias, …), or remove local_path.' },

  // DP6xx: secrets
  { id: 'DP600', name: 'secret-value', title: 'No secret value anywhere in the content', refusal: 9,
    hint: 'Remove the secret from the file and rotate it: it is in your history now. Name a credential source class (e.g. ci-secret-store) instead of a value.' },
  { id: 'DP601', name: 'credential-class-value', title: 'Class fields hold class names, not values', refusal: 9,
    hint: 'Use a class name: lowercase letters, digits, "-" and "_", at most 64 characters, e.g. no-secret, local-only, ci-secret-store.' },
  { id: 'DP602', name: 'secret-scanner-unavailable', title: 'The secret scanner runs', refusal: 9,
    hint: 'Reinstall dependencies (npm install). The build never passes without a secret scan.' },
  { id: 'DP603', name: 'secret-in-output', title: 'No secret value in the built site', refusal: 9,
    hint: 'Find where the value enters the site (content or templates) and remove it; nothing was published.' },

  // DP7xx: gated work items (a kind's roles)
  { id: 'DP700', name: 'role-state-not-reached', title: 'A gated work item stays blocked unless the decision is in a state that releases it', refusal: 10,
    hint: 'Set the work item status to blocked, or record the state its role is released in first (the packet page names it).' },
  { id: 'DP701', name: 'role-requirement-not-met', title: 'A gated work item stays blocked until the evidence its role requires is listed', refusal: 11,
    hint: 'Set the work item status to blocked until the decision lists the evidence its role requires (the packet page names it).' },
  { id: 'DP702', name: 'role-done-without-evidence', title: 'A gated work item is done only with the evidence its role requires for done', refusal: 11,
    hint: 'Keep the work item open until the decision lists the evidence its role requires for done.' },

  // DP8xx: changes (check --base <git-ref>: what the change from the base commit does; a state
  // transition its kind does not allow is DP214)
  { id: 'DP800', name: 'linked-anchor-removed', title: 'A packet or acceptance criterion that another record links to is not removed', refusal: 14,
    hint: 'Keep the packet or criterion (name the criterion with {#name} so rewording or reordering keeps its anchor), or update the records that link to it in the same change.' },
  { id: 'DP801', name: 'kind-changed', title: 'A decision keeps its kind', refusal: 14,
    hint: 'Keep the decision\'s kind. To decide under another kind, add a new packet and retire this one.' },

  // DP9xx: approvals (roster, policies, signed entries): declared with their messages in src/approvals/rules-*.ts
  ...approvalRuleDefinitions,
] as const satisfies readonly RuleDefinition[];

export type RuleId = (typeof definitions)[number]['id'];

export const rules: readonly RuleDefinition[] = definitions;

const byId = new Map<string, RuleDefinition>(definitions.map((rule) => [rule.id, rule]));

export function getRule(id: RuleId): RuleDefinition {
  const rule = byId.get(id);
  if (!rule) throw new Error(`Unknown rule id ${id}`);
  return rule;
}

/** A rule's severity (unknown ids are errors: fail closed). */
export function severityOf(id: string): Severity {
  return byId.get(id)?.severity ?? 'error';
}

/** Whether an issue fails the gate: every error, and warnings too when strict. */
export function failsGate(issue: { ruleId: string }, strict: boolean): boolean {
  return strict || severityOf(issue.ruleId) === 'error';
}
