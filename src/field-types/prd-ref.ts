import { recordId } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';

export const prdRef = defineFieldType({
  name: 'prd_ref',
  summary: 'the id of an existing PRD (with `body: prd`, `common` declares exactly one)',
  rules: ['DP301'],
  zod: () => recordId,
  describe: () => 'the id of a PRD',
  placeholder: () => emptyText,
  references: { record: 'prd', rule: 'DP301', what: 'a PRD that does not exist: there is no prds/<id>.md for it' },
});
