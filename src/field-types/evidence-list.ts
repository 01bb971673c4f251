import { evidenceList as evidenceListSchema } from '../schemas/shared.ts';
import { defineFieldType, emptyList } from './define.ts';

export const evidenceList = defineFieldType({
  name: 'evidence_list',
  summary: 'a non-empty list of evidence ids, each once (the evidence a decision counts)',
  rules: ['DP300'],
  zod: () => evidenceListSchema,
  describe: () => 'a non-empty list of evidence ids',
  placeholder: () => emptyList,
});
