import { recordId } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';
import { dp301 } from '../rules/dp300-references.ts';

export const prdRef = defineFieldType({
  name: 'prd_ref',
  summary: 'the id of an existing PRD (with `body: prd`, `common` declares exactly one)',
  rules: () => [dp301],
  zod: () => recordId,
  describe: () => 'the id of a PRD',
  placeholder: () => emptyText,
  references: { record: 'prd', rule: () => dp301 },
});
