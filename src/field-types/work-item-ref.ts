import { recordId } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';

export const workItemRef = defineFieldType({
  name: 'work_item_ref',
  summary: 'the id of an existing work item',
  rules: ['DP302'],
  zod: () => recordId,
  describe: () => 'the id of a work item',
  placeholder: () => emptyText,
  references: { record: 'work-item', rule: 'DP302', what: 'a work item that does not exist: there is no work-items/<ID>.yaml for it', route: 'work-items' },
});
