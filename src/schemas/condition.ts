import { z } from 'astro/zod';
import { nameKey } from '../field-types/spec.ts';

/**
 * The one condition primitive: the decision is in one of `states` and every requirement in
 * `requirements` holds. Roles (`unblocked_when`, `done_when`) and fields (`empty_unless`) use it.
 */
export const conditionSchema = z
  .strictObject({
    /** The decision's state is one of these. */
    states: z.array(nameKey).min(1).optional(),
    /** Every one of these requirements (the kind's `requirements`) holds. */
    requirements: z.array(nameKey).min(1).optional(),
  })
  .refine((condition) => condition.states !== undefined || condition.requirements !== undefined, {
    error: 'a condition: states, requirements or both',
  });
export type Condition = z.infer<typeof conditionSchema>;
