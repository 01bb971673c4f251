// The field-type registry (src/field-types/): each type's schema accepts and refuses what its
// description says, describes itself, and gives `new` its placeholder. A type added to the
// registry without a case here fails the first test.
import { describe, expect, it } from 'vitest';
import { fieldTypeDefinitions, findFieldType, optionOwners } from '../src/field-types/index.ts';
import type { Placeholder } from '../src/field-types/define.ts';
import type { FieldSpecObject } from '../src/field-types/spec.ts';
import { fieldSchema } from '../src/kinds/compile-kind.ts';
import { fieldSpecSchema } from '../src/schemas/kind.ts';

interface Case {
  spec: FieldSpecObject;
  accepts: unknown[];
  refuses: unknown[];
  describes: string;
  placeholder: Placeholder;
}

const record = { owner: 'ALPHA-1' };

const cases: Record<string, Case> = {
  line: {
    spec: { type: 'line' },
    accepts: ['a line'],
    refuses: ['', 'two\nlines', 3],
    describes: 'a non-empty single line',
    placeholder: { value: '""' },
  },
  text: { spec: { type: 'text' }, accepts: ['one\ntwo'], refuses: ['  ', []], describes: 'a non-empty text', placeholder: { value: '""' } },
  class: {
    spec: { type: 'class', patterns: ['local*'] },
    accepts: ['local-only'],
    refuses: ['Not A Class', ''],
    describes: 'a class name',
    placeholder: { value: '""' },
  },
  exact: {
    spec: { type: 'exact', value: 'fixed' },
    accepts: ['fixed'],
    refuses: ['other'],
    describes: 'exactly fixed',
    placeholder: undefined,
  },
  one_of: {
    spec: { type: 'one_of', values: ['pass', 'fail'] },
    accepts: ['pass'],
    refuses: ['maybe'],
    describes: 'one of pass, fail',
    placeholder: { value: '""' },
  },
  date: {
    spec: { type: 'date' },
    accepts: ['2026-02-28'],
    refuses: ['2026-02-30', 'soon'],
    describes: 'a date YYYY-MM-DD',
    placeholder: { value: '""' },
  },
  date_or_condition: {
    spec: { type: 'date_or_condition' },
    accepts: ['2026-02-28', 'when the vendor changes'],
    refuses: [''],
    describes: 'a date (YYYY-MM-DD) or a condition that forces review',
    placeholder: { value: '""' },
  },
  evidence_list: {
    spec: { type: 'evidence_list' },
    accepts: [['ev-1', 'ev-2']],
    refuses: [[], ['ev-1', 'ev-1']],
    describes: 'a non-empty list of evidence ids',
    placeholder: { value: '[]' },
  },
  line_list: {
    spec: { type: 'line_list' },
    accepts: [['a', 'b']],
    refuses: [[], 'a'],
    describes: 'a non-empty list',
    placeholder: { value: '[]' },
  },
  id: { spec: { type: 'id' }, accepts: ['ALPHA-1'], refuses: ['../x', ''], describes: 'an id', placeholder: { value: '""' } },
  work_item_ref: {
    spec: { type: 'work_item_ref' },
    accepts: ['ALPHA-1'],
    refuses: ['a b'],
    describes: 'the id of a work item',
    placeholder: { value: '""' },
  },
  prd_ref: { spec: { type: 'prd_ref' }, accepts: ['prd-1'], refuses: ['/prd'], describes: 'the id of a PRD', placeholder: { value: '""' } },
  decision_ref: {
    spec: { type: 'decision_ref', inverse_label: 'Supersedes' },
    accepts: ['adr-1'],
    refuses: ['adr 1'],
    describes: 'the id of another decision',
    placeholder: { value: '""' },
  },
  mapping: {
    spec: { type: 'mapping', fields: { reviewer: 'work_item_ref', note: { type: 'line', optional: true } } },
    accepts: [{ reviewer: 'ALPHA-1' }, { reviewer: 'ALPHA-1', note: 'n' }],
    refuses: [{}, { reviewer: 'ALPHA-1', other: 'x' }],
    describes: 'a mapping of reviewer, note',
    placeholder: { fields: { reviewer: 'work_item_ref', note: { type: 'line', optional: true } } },
  },
  // Glob syntax is DP307's (test/governing*.test.ts), so a bad glob still loads and is named.
  path_globs: {
    spec: { type: 'path_globs' },
    accepts: [['src/reader/**', '!src/legacy/']],
    refuses: [[], 'src/**', ['two\nlines']],
    describes: 'a non-empty list of gitignore-style globs relative to the repository root',
    placeholder: { value: '[]' },
  },
};

describe('the field-type registry', () => {
  it('has a case here for every registered type, and no case for a type it lacks', () => {
    expect(
      fieldTypeDefinitions()
        .map((definition) => definition.name)
        .sort(),
    ).toEqual(Object.keys(cases).sort());
  });

  it('gives each option key to one type, and FieldSpecObject lists exactly those keys', () => {
    const declared = fieldTypeDefinitions().flatMap((definition) => Object.keys(definition.options?.(fieldSpecSchema) ?? {}));
    expect(new Set(declared).size).toBe(declared.length);
    // Keys a FieldSpecObject may carry beside type, requirement and optional (src/field-types/spec.ts).
    const specKeys = ['value', 'values', 'patterns', 'empty_unless', 'inverse_label', 'fields'];
    expect([...optionOwners(fieldSpecSchema).keys()].sort()).toEqual(specKeys.sort());
  });

  for (const [name, testCase] of Object.entries(cases)) {
    describe(name, () => {
      const definition = findFieldType(name)!;
      it('accepts the values its description allows and refuses others', () => {
        const schema = fieldSchema(testCase.spec);
        for (const value of testCase.accepts) expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(true);
        for (const value of testCase.refuses) expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(false);
      });
      it('describes itself for pages and messages, and gives new its placeholder', () => {
        expect(definition.describe(testCase.spec, record)).toBe(testCase.describes);
        expect(definition.placeholder(testCase.spec)).toEqual(testCase.placeholder);
      });
      it('is accepted as a field spec of a kind', () => {
        expect(fieldSpecSchema.safeParse(testCase.spec).success).toBe(true);
      });
    });
  }
});

describe('field-type options', () => {
  it('lets a line be empty only with empty_unless, and describes that', () => {
    const spec: FieldSpecObject = { type: 'line', empty_unless: { requirements: ['admitted'] } };
    expect(fieldSchema(spec).safeParse('').success).toBe(true);
    expect(fieldSchema({ type: 'line' }).safeParse('').success).toBe(false);
    expect(findFieldType('line')!.describe(spec, record)).toBe('empty, or a value admitted by the listed evidence');
  });

  it('renders an exact template over the record, and leaves an optional field out', () => {
    expect(findFieldType('exact')!.describe({ type: 'exact', value: '{owner} stays blocked' }, record)).toBe(
      'exactly "ALPHA-1 stays blocked"',
    );
    expect(fieldSchema({ type: 'line', optional: true }).safeParse(undefined).success).toBe(true);
  });

  it('refuses a condition naming neither states nor requirements, and an option of another type', () => {
    expect(fieldSpecSchema.safeParse({ type: 'line', empty_unless: {} }).success).toBe(false);
    expect(fieldSpecSchema.safeParse({ type: 'line', no_such_option: true }).success).toBe(false);
    expect(fieldSpecSchema.safeParse({ type: 'no_such_type' }).success).toBe(false);
  });
});
