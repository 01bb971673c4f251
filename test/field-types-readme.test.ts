// The README's field-type table ("How to write a kind") is the registry's: this test fails when
// they differ. Regenerate it with `npm run docs:kinds` (this test with UPDATE_README=1).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { fieldTypeTable } from '../src/field-types/index.ts';
import { projectRoot } from './helpers/fixtures.ts';

const readme = path.join(projectRoot, 'README.md');
const block = /(<!-- field-types:start[^\n]*-->\n)[\s\S]*?(<!-- field-types:end -->)/;

it("the README's field-type table is generated from the registry", () => {
  const text = readFileSync(readme, 'utf8');
  expect(text).toMatch(block);
  const current = text.replace(block, (_whole, start: string, end: string) => `${start}${fieldTypeTable()}\n${end}`);
  if (process.env.UPDATE_README === '1') writeFileSync(readme, current);
  else expect(text, 'the table differs from src/field-types/: run npm run docs:kinds').toBe(current);
});
