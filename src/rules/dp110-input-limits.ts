import { defineRule } from './define-rule.ts';
import { inputLimits } from '../reader/input-limits.ts';

export const dp110 = defineRule({
  id: 'DP110',
  name: 'input-limits',
  title: 'Files stay within the size, line-length and nesting limits',
  refusal: 13,
  hint: 'Split the file or flatten the text: at most 4 MiB a file and 512 KiB a PRD, 20,000 characters a line; in markdown 16 nested "[" brackets, 32 nested block quotes/lists/indentation levels, 500 "*"/"_" emphasis markers a paragraph and 100,000 a PRD; 64 nested YAML/JSON collections (README "Limits").',
  messages: {
    fileTooLarge: () => `The file is larger than ${inputLimits.maxFileBytes / 1024 / 1024} MiB; it is not read.`,
    markdownTooLarge: (d: { what: string }) => `The ${d.what} is larger than ${inputLimits.maxPrdBytes / 1024} KiB; it is not read.`,
    limit: (d: { problem: string }) => d.problem,
    atBase: (d: { problem: string }) => `At the base commit: ${d.problem} The change cannot be judged against a file that was not read.`,
  },
});
