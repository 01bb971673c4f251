// The rule registry: every rule id has exactly one owner module in src/rules/, no other module
// spells a rule id, every id is asserted by some test, and every message renders for the
// rules reference. Which test covers an id is found by reading test/ (the cheaper of the two
// ways the issue allows): an id counts as covered when its quoted literal stands in an
// assertion or a test table, i.e. within a few lines after an `expect(`, a `ruleId` or a
// `rule:`/`rules:` column of a table whose rows a test asserts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gates, ruleModules } from '../src/rules/index.ts';
import { getRule, rules } from '../src/rules/catalog.ts';
import { dp401 } from '../src/rules/dp401-forbidden-term.ts';
import { projectRoot } from './helpers/fixtures.ts';

const ruleIdLiteral = /['"`](DP\d{3})['"`]/g;

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const relative = (file: string) => path.relative(projectRoot, file).split(path.sep).join('/');
const ids = ruleModules.map((rule) => rule.id);

describe('the rule registry', () => {
  it('lists every rule once, in id order', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(rules.map((rule) => rule.id)).toEqual(ids);
  });

  it('gives every id exactly one owner module in src/rules/', () => {
    const owners = new Map<string, string[]>();
    const ruleFiles = filesUnder(path.join(projectRoot, 'src'), ['.ts']).filter((file) => relative(file).startsWith('src/rules/'));
    for (const file of ruleFiles) {
      for (const [, id] of readFileSync(file, 'utf8').matchAll(/^\s*id: '(DP\d{3})',$/gm)) {
        owners.set(id!, [...(owners.get(id!) ?? []), relative(file)]);
      }
    }
    expect([...owners.keys()].sort()).toEqual(ids);
    expect([...owners].filter(([, files]) => files.length !== 1)).toEqual([]);
  });

  it('leaves no rule id spelled out in src/ outside src/rules/ (issues come from their rule)', () => {
    const found: string[] = [];
    for (const file of filesUnder(path.join(projectRoot, 'src'), ['.ts', '.astro', '.mdx'])) {
      if (relative(file).startsWith('src/rules/')) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(ruleIdLiteral)) found.push(`${relative(file)}: ${match[1]}`);
    }
    expect(found).toEqual([]);
  });

  it('derives the gate list from the rules that have a check', () => {
    expect(gates).toEqual(ruleModules.flatMap((rule) => (rule.check ? [rule.check] : [])));
    expect(gates.length).toBeGreaterThan(0);
  });

  it('has every id asserted by at least one test', () => {
    const covered = new Set<string>();
    for (const file of filesUnder(path.join(projectRoot, 'test'), ['.ts'])) {
      if (file.endsWith('rules-registry.test.ts')) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        const window = lines.slice(Math.max(0, index - 6), index + 1).join('\n');
        if (!/expect\(|ruleId|\brules?: \[?/.test(window)) return;
        for (const match of line.matchAll(ruleIdLiteral)) covered.add(match[1]!);
      });
    }
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe('a rule builds its own issues', () => {
  it('carries its id and hint, the location and only the message it declares', () => {
    const issue = dp401.report(
      'term',
      { file: 'content/decisions/a.yaml', line: 3, column: 5, field: 'notes' },
      {
        field: 'notes',
        list: 'vendor_names',
        stateField: 'status',
        state: 'open',
        allowing: '',
      },
    );
    expect(issue).toEqual({
      ruleId: 'DP401',
      file: 'content/decisions/a.yaml',
      line: 3,
      column: 5,
      field: 'notes',
      message: 'notes names a term of list vendor_names, which a decision whose status is open may not name in any field.',
      hint: getRule('DP401').hint,
    });
    // Checked by `tsc --noEmit` (test/ is type-checked): an undeclared key or the wrong data does not compile.
    // @ts-expect-error -- 'nope' is not a message of DP401
    expect(() => dp401.report('nope', { file: 'x' })).toThrow();
    // @ts-expect-error -- the term message needs its data
    expect(() => dp401.report('term', { file: 'x' })).toThrow();
  });

  it('renders every message of every rule for the rules reference, with placeholders for its data', () => {
    for (const rule of rules) {
      expect(rule.messages.length, rule.id).toBeGreaterThan(0);
      for (const message of rule.messages) expect(message, rule.id).not.toMatch(/undefined|\[object|NaN/);
    }
    expect(getRule('DP401').messages).toEqual([
      '‹field› names a term of list ‹list›, which a decision whose ‹stateField› is ‹state› may not name in any field.‹allowing›',
    ]);
  });
});
