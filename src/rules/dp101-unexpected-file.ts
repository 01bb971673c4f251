import { defineRule } from './define-rule.ts';

export const dp101 = defineRule({
  id: 'DP101',
  name: 'unexpected-file',
  title: 'Only known folders and file types, no hidden files',
  refusal: 13,
  hint: 'Move or remove the file. Allowed: kinds/<id>.yaml, prds/<id>.md, decisions/<id>.yaml|.json (.md for a kind with body: own), evidence/<id>.yaml|.json, work-items/<ID>.yaml|.json, decisions/<id>.approvals.yaml, repositories.yaml, roster.yaml and roster.approvals.yaml.',
  messages: {
    hidden: () => 'Hidden files and folders are not allowed in the content folder.',
    special: () => 'The content folder holds regular files and folders only: this is a FIFO, socket or device, and it was not opened.',
    notInLayout: (d: { name: string }) =>
      `"${d.name}" is not part of the content layout (kinds/, prds/, decisions/, evidence/, work-items/, repositories.yaml, roster.yaml, roster.approvals.yaml).`,
    specialInFolder: (d: { folder: string }) =>
      `${d.folder}/ holds regular files only: this is a FIFO, socket or device, and it was not opened.`,
    subFolder: (d: { folder: string }) => `${d.folder}/ holds files only; sub-folders are not read.`,
    wrongType: (d: { folder: string; allowed: string; extra: string }) => `${d.folder}/ holds ${d.allowed} files only.${d.extra}`,
  },
});
