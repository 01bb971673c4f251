// Rule DP209: a PRD's last_reviewed date is not before its created date.
import { issueAt, type Gate } from '../core/record-set.ts';

export const prdReviewDateGate: Gate = (records) =>
  [...records.prds.values()]
    .filter((prd) => prd.data.last_reviewed < prd.data.created)
    .map((prd) => issueAt('DP209', prd, 'last_reviewed', '"last_reviewed" is before "created"; a PRD cannot be reviewed before it exists.'));
