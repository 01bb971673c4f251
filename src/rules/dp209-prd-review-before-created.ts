// DP209: a PRD's last_reviewed date is not before its created date.
import { defineRule } from './define-rule.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';

const prdReviewDate: Gate = (records) =>
  [...records.prds.values()]
    .filter((prd) => prd.data.last_reviewed < prd.data.created)
    .map((prd) => dp209.report('before', fieldAt(prd, 'last_reviewed')));

export const dp209 = defineRule({
  id: 'DP209',
  name: 'prd-review-before-created',
  title: 'A PRD is not reviewed before it was created',
  refusal: 13,
  hint: 'Set last_reviewed to a date on or after created.',
  messages: {
    before: () => '"last_reviewed" is before "created"; a PRD cannot be reviewed before it exists.',
  },
  check: prdReviewDate,
});
