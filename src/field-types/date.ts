import { isoDate } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';

export const date = defineFieldType({
  name: 'date',
  summary: 'a calendar date `YYYY-MM-DD`',
  rules: () => [],
  zod: () => isoDate,
  describe: () => 'a date YYYY-MM-DD',
  placeholder: () => emptyText,
});
