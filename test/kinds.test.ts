// Decision kinds (contract refusal 14): a kind file is read strictly, validated by its own schema
// (DP211) and checked for what its names refer to (DP212); a decision names an existing kind
// (DP213). One fixture folder per failure, each asserting rule, file, line and field.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, validateFixture } from './helpers/fixtures.ts';
import { runCli } from './helpers/run.ts';
import { transitionAllowed } from '../src/kinds/transitions.ts';

type Expected = { ruleId: string; file: string; line: number; field?: string; message?: RegExp };

const tiny = 'content/kinds/tiny.yaml';

const failing: [fixture: string, expected: Expected[]][] = [
  [
    'DP212-transition-state-typo',
    [{ ruleId: 'DP212', file: tiny, line: 15, field: 'transitions.draft[0]', message: /Did you mean approved\?/ }],
  ],
  [
    'DP212-transition-unknown-state',
    [{ ruleId: 'DP212', file: tiny, line: 16, field: 'transitions.approved[1]', message: /its states are draft, approved/ }],
  ],
  ['DP212-safe-state-typo', [{ ruleId: 'DP212', file: tiny, line: 3, field: 'safe_state', message: /Did you mean draft\?/ }]],
  ['DP105-duplicate-state', [{ ruleId: 'DP105', file: tiny, line: 14, field: 'states.approved' }]],
  [
    'DP212-unknown-field-group',
    [{ ruleId: 'DP212', file: tiny, line: 10, field: 'states.draft.forbids[0]', message: /neither a field group/ }],
  ],
  [
    'DP212-criterion-unknown-rule',
    [{ ruleId: 'DP212', file: tiny, line: 20, field: 'criteria.ac-1[1]', message: /names a rule that the rules reference does not list/ }],
  ],
  // A named anchor must be one a PRD of the kind's decisions defines (ac-safe-state is; positional ac-1 is not judged).
  [
    'DP212-criterion-unknown-anchor',
    [{ ruleId: 'DP212', file: tiny, line: 22, field: 'criteria.ac-no-such-criterion', message: /no PRD of this kind's decisions defines/ }],
  ],
  // A kind whose decisions carry their own body names no PRD, and its title is the engine's own field.
  [
    'DP212-own-body-kind-names-prd',
    [
      {
        ruleId: 'DP212',
        file: tiny,
        line: 6,
        field: 'common.prd',
        message: /body: own: its decisions carry their own markdown body and name no PRD/,
      },
      {
        ruleId: 'DP212',
        file: tiny,
        line: 7,
        field: 'common.title',
        message: /is a field the engine provides \(kind, \$schema, title \(body: own\)/,
      },
    ],
  ],
  ['DP212-unknown-term-list', [{ ruleId: 'DP212', file: tiny, line: 10, field: 'states.draft.forbids_terms', message: /term list/ }]],
  // Everything else a kind names: a forbidden field the state requires, a requirement, a template
  // field, an evidence kind another kind declares otherwise, an evidence kind, a role's field.
  [
    'DP212-kind-names',
    [
      {
        ruleId: 'DP217',
        file: tiny,
        line: 10,
        field: 'states.draft.forbids[0]',
        message: /forbids field owner_item, but common requires it/,
      },
      {
        ruleId: 'DP212',
        file: tiny,
        line: 14,
        field: 'states.approved.requires.approver.empty_unless.requirements[0]',
        message: /Did you mean sign_off\?/,
      },
      { ruleId: 'DP212', file: tiny, line: 16, field: 'states.approved.consequences[0]', message: /names a field in braces/ },
      {
        ruleId: 'DP212',
        file: tiny,
        line: 21,
        field: 'evidence_kinds.validator',
        message: /also declared by kind provider-decision with other fields/,
      },
      { ruleId: 'DP212', file: tiny, line: 24, field: 'requirements.sign_off.evidence', message: /Did you mean sign-off\?/ },
      { ruleId: 'DP212', file: tiny, line: 26, field: 'roles.owner.field', message: /common field of type work_item_ref/ },
    ],
  ],
  // A group that holds fields the state requires: one issue per field, naming it and who requires it.
  [
    'DP217-forbids-group-required',
    [
      {
        ruleId: 'DP217',
        file: tiny,
        line: 10,
        field: 'states.draft.forbids[0]',
        message:
          /^states\.draft\.forbids\[0\] forbids field approver \(through field group outcome\), but states\.draft\.requires requires it/,
      },
      {
        ruleId: 'DP217',
        file: tiny,
        line: 10,
        field: 'states.draft.forbids[0]',
        message: /forbids field owner_item \(through field group outcome\), but common requires it/,
      },
    ],
  ],
  // A where value the evidence kind's own field refuses: no evidence could ever meet the requirement.
  [
    'DP217-where-value-refused',
    [
      {
        ruleId: 'DP217',
        file: tiny,
        line: 21,
        field: 'requirements.tests_pass.where.result',
        message: /refuses \(it takes one of pass, fail\); no evidence could meet requirement tests_pass/,
      },
    ],
  ],
  // A malformed criteria key says what a key must be, and does not hide the kind's reference errors.
  [
    'DP211-criteria-key-and-references',
    [
      { ruleId: 'DP212', file: tiny, line: 13, field: 'transitions.draft[0]', message: /Did you mean approved\?/ },
      { ruleId: 'DP211', file: tiny, line: 18, field: 'criteria.ac_1', message: /the key must be a criterion anchor: ac-<n> or ac-<name>/ },
    ],
  ],
  [
    'DP211-kind-shape',
    [
      { ruleId: 'DP211', file: tiny, line: 1, field: 'state_field', message: /required/ },
      { ruleId: 'DP211', file: tiny, line: 2, field: 'stat_field', message: /not a known field here. Did you mean state_field\?/ },
    ],
  ],
  // A key renamed when states stopped being called branches: the message names the new key.
  [
    'DP211-kind-renamed-key',
    [
      {
        ruleId: 'DP211',
        file: tiny,
        line: 20,
        field: 'page.branches_heading',
        message: /^page.branches_heading was renamed: write page.states_heading\.$/,
      },
    ],
  ],
  // page.sections names only the sections a packet page has.
  [
    'DP211-page-section-unknown',
    [
      {
        ruleId: 'DP211',
        file: tiny,
        line: 20,
        field: 'page.sections[2]',
        message: /^page.sections\[2\] must be one of "outcome", "record", "states"/,
      },
    ],
  ],
  // The condition primitive replaced these keys: the refusal names the key that says it today.
  [
    'DP211-kind-retired-key',
    [
      {
        ruleId: 'DP211',
        file: tiny,
        line: 20,
        field: 'roles.owner.unblocked_in',
        message: /no longer part of the kind vocabulary: a role says unblocked_when: \{ states/,
      },
    ],
  ],
  // A condition (empty_unless, unblocked_when, done_when) names declared states and requirements.
  [
    'DP211-condition-empty',
    [{ ruleId: 'DP211', file: tiny, line: 25, field: 'roles.helper.done_when', message: /a condition: states, requirements or both/ }],
  ],
  [
    'DP212-condition-names',
    [
      {
        ruleId: 'DP212',
        file: tiny,
        line: 13,
        field: 'states.approved.requires.approver.empty_unless.requirements[0]',
        message: /names a requirement that requirements does not declare/,
      },
      { ruleId: 'DP212', file: tiny, line: 23, field: 'roles.owner.unblocked_when.states[0]', message: /Did you mean approved\?/ },
      {
        ruleId: 'DP212',
        file: tiny,
        line: 24,
        field: 'roles.reviewer.done_when.requirements[1]',
        message: /names a requirement that requirements does not declare/,
      },
    ],
  ],
  [
    'DP213-decision-without-kind',
    [{ ruleId: 'DP213', file: 'content/decisions/alpha.yaml', line: 1, field: 'kind', message: /kind is required/ }],
  ],
  [
    'DP213-unknown-kind',
    [{ ruleId: 'DP213', file: 'content/decisions/alpha.yaml', line: 7, field: 'kind', message: /Did you mean provider-decision\?/ }],
  ],
  // The PRD frontmatter extension lives in kinds/ but is no decision kind.
  [
    'DP213-kind-is-prd-extension',
    [{ ruleId: 'DP213', file: 'content/decisions/alpha.yaml', line: 7, field: 'kind', message: /kind names a kind that does not exist/ }],
  ],
  // A malformed kind is refused; its decisions are not judged further (no cascade of errors).
  [
    'DP213-kind-malformed-not-judged',
    [
      { ruleId: 'DP211', file: tiny, line: 1, field: 'state_field' },
      { ruleId: 'DP211', file: tiny, line: 2, field: 'stat_field' },
    ],
  ],
  // A mistyped state field: the missing field, and the unknown key at its own line with a suggestion.
  [
    'DP205-state-field-typo',
    [
      {
        ruleId: 'DP201',
        file: 'content/decisions/alpha.yaml',
        line: 1,
        field: 'decision_status',
        message:
          /^Field decision_status is required; it must be one of not_decided, external_provider_approved, local_provider_required\.$/,
      },
      {
        ruleId: 'DP205',
        file: 'content/decisions/alpha.yaml',
        line: 3,
        field: 'decison_status',
        message: /Did you mean decision_status\?/,
      },
    ],
  ],
];

describe('kind files and the kinds decisions name', () => {
  it.each(failing)('%s is refused with rule, file, line and field', async (fixture, expected) => {
    const result = await validateFixture(fixture);
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual(
      expected.map((want) => [want.ruleId, want.file, want.line, want.field]),
    );
    expected.forEach((want, index) => {
      if (want.message) expect(result.issues[index]!.message).toMatch(want.message);
      expect(result.issues[index]!.hint.length).toBeGreaterThan(10);
      // A contradiction is not a misspelt name: its hint says how to reconcile, not how to spell.
      if (want.ruleId === 'DP217') expect(result.issues[index]!.hint).not.toMatch(/Correct the name/);
    });
  });

  it("requires the organisation's PRD fields only where kinds/prd-frontmatter.yaml declares them", async () => {
    const without = await validateFixture(undefined, { remove: ['kinds/prd-frontmatter.yaml'] });
    expect(without.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP200', 'content/prds/alpha.md', 4, 'lifecycle_classification'],
      ['DP200', 'content/prds/alpha.md', 8, 'core_promotion_status'],
      ['DP200', 'content/prds/alpha.md', 9, 'route'],
    ]);
    const withIt = await validateFixture();
    expect(withIt.records.prds.get('alpha')?.data).toMatchObject({
      lifecycle_classification: 'sot',
      core_promotion_status: 'not-promoted',
      route: 'cto',
    });
  });

  it('loads the shipped kind with its states, safe state and transitions', async () => {
    const result = await validateFixture();
    expect(result.issues).toEqual([]);
    const kind = result.records.kinds.get('provider-decision')!;
    expect(kind.data).toMatchObject({ title: 'Provider decision', state_field: 'decision_status', safe_state: 'not_decided' });
    expect(Object.keys(kind.data.states)).toEqual(['not_decided', 'external_provider_approved', 'local_provider_required']);
    expect(kind.data.transitions.not_decided).toEqual(['external_provider_approved', 'local_provider_required']);
  });
});

describe('what a kind declares, used', () => {
  it('allows only the transitions a kind declares (check --base, DP214), and staying put', async () => {
    const kind = (await validateFixture()).records.kinds.get('provider-decision')!.data;
    expect(transitionAllowed(kind, 'not_decided', 'local_provider_required')).toBe(true);
    expect(transitionAllowed(kind, 'local_provider_required', 'not_decided')).toBe(true);
    expect(transitionAllowed(kind, 'local_provider_required', 'external_provider_approved')).toBe(false);
    expect(transitionAllowed(kind, 'not_decided', 'not_decided')).toBe(true);
    expect(transitionAllowed(kind, 'constructor', 'not_decided')).toBe(false);
  });

  it("check writes each kind's JSON Schema where the seed decision's $schema comment points", async () => {
    const result = await runCli('check', [], { PACKET_TODAY: '2026-11-24' });
    expect(result.code).toBe(0);
    const seed = readFileSync(path.join(projectRoot, 'content/decisions/cto-work-020.yaml'), 'utf8');
    const target = /\$schema=(\S+)/.exec(seed)![1]!;
    const file = path.resolve(projectRoot, 'content/decisions', target);
    expect(existsSync(file)).toBe(true);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    expect(schema.$id).toBe('provider-decision.schema.json');
    expect(JSON.stringify(schema)).toContain('local_provider_required');
    expect(existsSync(path.resolve(projectRoot, 'node_modules/.decision-packet/schemas/kind.schema.json'))).toBe(true);
  });
});
