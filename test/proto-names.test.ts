// Names from content never resolve through Object.prototype. Each case writes one of the names
// below into one name position of a kind or a record of the invented third kind
// (test/fixtures/third-kind) and expects a clean verdict: refused with rule issues, never an
// internal error (a throw, exit 2) and never a pass. "constructor" is a valid name, so each
// case also gives the named entry something wrong that only a correct lookup finds.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { makeContent } from './helpers/fixtures.ts';
import { runCli } from './helpers/run.ts';
import { rules } from '../src/rules/catalog.ts';
import { validate } from '../src/validate/validate.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed site JSON, read by shape and checked by expect.
type Data = Record<string, any>;
/** Sets an own entry, even for "__proto__" (an assignment would set the prototype). */
const set = (object: Data, key: string, value: unknown) =>
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const kindFile = 'kinds/database-choice.yaml';
const decisionFile = 'decisions/db-choice.yaml';
const evidenceFile = 'evidence/db-load.yaml';

const kindPositions: Record<string, (kind: Data, name: string) => void> = {
  'a state id': (kind, name) => set(kind.states, name, { label: 'Extra', forbids: ['no_such_field'] }),
  'the state field': (kind, name) => (kind.state_field = name),
  safe_state: (kind, name) => (kind.safe_state = name),
  'a transition source': (kind, name) => set(kind.transitions, name, ['open']),
  'a transition target': (kind, name) => kind.transitions.open.push(name),
  'a common field name': (kind, name) => set(kind.common, name, { type: 'one_of' }),
  'a state field name': (kind, name) => set(kind.states.chosen.requires, name, { type: 'one_of' }),
  'a mapping field name': (kind, name) => set(kind.common.work_items.fields, name, { type: 'one_of' }),
  'a field group name': (kind, name) => set(kind.field_groups, name, ['no_such_field']),
  'a field group entry': (kind, name) => kind.field_groups.choice.push(name),
  'a forbids entry': (kind, name) => kind.states.open.forbids.push(name),
  'a term list name': (kind, name) => {
    set(kind.term_lists, name, ['postgres']);
    kind.states.chosen.forbids_terms = name;
  },
  forbids_terms: (kind, name) => (kind.states.chosen.forbids_terms = name),
  'a requirement name': (kind, name) => set(kind.requirements, name, { evidence: 'no-such-kind', listed_in: 'benchmarks' }),
  'a role requirement': (kind, name) => kind.roles.owner.done_when.requirements.push(name),
  empty_unless: (kind, name) => (kind.states.chosen.requires.engine.empty_unless.requirements = [name]),
  'an evidence kind name': (kind, name) => {
    set(kind.evidence_kinds, name, {});
    kind.requirements.extra = { evidence: name, listed_in: 'benchmarks', matches: ['engine'] };
  },
  'a requirement evidence kind': (kind, name) => (kind.requirements.quote_matching.evidence = name),
  'a requirement listed_in': (kind, name) => (kind.requirements.load_test_green.listed_in = name),
  'a requirement matches entry': (kind, name) => kind.requirements.quote_matching.matches.push(name),
  'a requirement where field': (kind, name) => set(kind.requirements.load_test_green.where, name, 'green'),
  'a condition state': (kind, name) => kind.roles.migration.unblocked_when.states.push(name),
  'a role name': (kind, name) =>
    set(kind.roles, name, { field: 'owner', label: 'Extra', why: 'Extra.', unblocked_when: { states: ['no_such_state'] } }),
  'a role field': (kind, name) => (kind.roles.owner.field = name),
  'a role why key': (kind, name) => set(kind.roles.migration.why, name, 'Extra.'),
  'a criteria key': (kind, name) => set(kind.criteria, name, ['DP201']),
};

const recordPositions: Record<string, [file: string, (record: Data, name: string) => void]> = {
  'a decision field key': [decisionFile, (record, name) => set(record, name, 'x')],
  'a work_items key': [decisionFile, (record, name) => set(record.work_items, name, 'DB-OWNER')],
  'a decision state': [decisionFile, (record, name) => (record.phase = name)],
  'a listed evidence id': [decisionFile, (record, name) => record.benchmarks.push(name)],
  'a work item id': [decisionFile, (record, name) => (record.owner = name)],
  'an evidence field key': [evidenceFile, (record, name) => set(record, name, 'x')],
  'an evidence kind': [evidenceFile, (record, name) => (record.kind = name)],
};

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function contentWith(file: string, change: (data: Data) => void): string {
  const content = makeContent('third-kind', { withoutBase: true });
  folders.push(path.dirname(content));
  const target = path.join(content, file);
  const data = parse(readFileSync(target, 'utf8')) as Data;
  change(data);
  writeFileSync(target, stringify(data));
  return content;
}

const known = new Set(rules.map((rule) => rule.id));
const cases = names.flatMap((name) => [
  ...Object.entries(kindPositions).map(([position, change]) => [position, name, kindFile, change] as const),
  ...Object.entries(recordPositions).map(([position, [file, change]]) => [position, name, file, change] as const),
]);

describe('a prototype name in any name position gets a clean verdict', () => {
  it.each(cases)('%s named %s', async (_position, name, file, change) => {
    const content = contentWith(file, (data) => {
      change(data, name);
    });
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) expect(known.has(issue.ruleId)).toBe(true);
  });

  it('check exits 1 with the rule, not 2, for the names that crashed or passed', async () => {
    for (const change of [kindPositions['a forbids entry']!, kindPositions['a requirement evidence kind']!]) {
      const content = contentWith(kindFile, (kind) => {
        change(kind, 'constructor');
      });
      const result = await runCli('check', ['--format', 'json'], { PACKET_TODAY: '2026-11-24', PACKET_CONTENT_DIR: content });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).map((issue: { rule: string }) => issue.rule)).toContain('DP212');
    }
  });
});
