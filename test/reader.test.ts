import { describe, expect, it } from 'vitest';
import { validateFixture } from './helpers/fixtures.ts';

describe('the base fixture', () => {
  it('is valid', async () => {
    const result = await validateFixture();
    expect(result.issues).toEqual([]);
    expect(result.records.decisions.get('alpha')?.data.decision_status).toBe('not_decided');
  });
});
