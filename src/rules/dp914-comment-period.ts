// DP914: a state with a comment period is entered at least that many days before the head commit.
import { defineRule } from './define-rule.ts';

export const dp914 = defineRule({
  id: 'DP914',
  name: 'comment-period',
  title: 'A state with a comment period is entered at least that many days before the head commit',
  refusal: 15,
  hint: 'Wait: the period runs in commit dates from the commit that put the record in the state to the head commit (SOURCE_DATE_EPOCH without a commit), never the clock.',
  messages: {
    notElapsed: (data: { field: string; state: string; days: number; elapsed: number }) =>
      `State ${data.state} has a comment period of ${data.days} day${data.days === 1 ? '' : 's'} from the commit that put the record in it; ${data.elapsed} full day${data.elapsed === 1 ? ' has' : 's have'} passed at the head commit.`,
    unknown: (data: { field: string; state: string; reason: string }) =>
      `State ${data.state} has a comment period, which cannot be measured: ${data.reason}.`,
  },
});
