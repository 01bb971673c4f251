import { z } from 'astro/zod';
import { line, schemaHint } from './shared.ts';

export const workItemStatuses = ['blocked', 'candidate', 'in_progress', 'done'] as const;

export const workItemSchema = z.strictObject({
  ...schemaHint,
  title: line,
  status: z.enum(workItemStatuses),
  blocked_reason: line.optional(),
});

export type WorkItem = z.infer<typeof workItemSchema>;
