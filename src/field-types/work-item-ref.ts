import { recordId } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';
import { dp302 } from '../rules/dp300-references.ts';

export const workItemRef = defineFieldType({
  name: 'work_item_ref',
  summary: 'the id of an existing work item',
  rules: () => [dp302],
  zod: () => recordId,
  describe: () => 'the id of a work item',
  placeholder: () => emptyText,
  references: { record: 'work-item', rule: () => dp302, route: 'work-items' },
});
