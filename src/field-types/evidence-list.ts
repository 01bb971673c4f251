import { evidenceList as evidenceListSchema } from '../schemas/shared.ts';
import { defineFieldType, emptyList } from './define.ts';
import { dp300 } from '../rules/dp300-references.ts';

export const evidenceList = defineFieldType({
  name: 'evidence_list',
  summary: 'a non-empty list of evidence ids, each once (the evidence a decision counts)',
  rules: () => [dp300],
  zod: () => evidenceListSchema,
  describe: () => 'a non-empty list of evidence ids',
  placeholder: () => emptyList,
});
