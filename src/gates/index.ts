// Every gate, in catalog order. Each is a pure function of the record set and the context.
import type { Gate } from '../core/record-set.ts';
import { prdReviewDateGate } from './prd-review-date.ts';
import { referencesGate } from './references.ts';

export const gates: readonly Gate[] = [prdReviewDateGate, referencesGate];
