import { z } from 'astro/zod';
import { line, recordId, schemaHint } from './shared.ts';
import { isSafeRelativePath } from '../core/repository-path.ts';

const webUrl = z.url({ protocol: /^https?$/, error: 'a web URL (https:// or http://)' });

/** A link template with `{commit}` and, for files, `{path}` placeholders. */
const template = (placeholders: string[]) =>
  z.string().refine((value) => /^https?:\/\//.test(value) && placeholders.every((p) => value.includes(`{${p}}`)), {
    error: `a web URL template containing ${placeholders.map((p) => `{${p}}`).join(' and ')}`,
  });

const repositorySchema = z.strictObject({
  id: recordId,
  url: webUrl,
  title: line.optional(),
  /** A local clone used to verify commits, relative to the content folder (or absolute). */
  local_path: line.optional(),
  commit_url_template: template(['commit']).optional(),
  file_url_template: template(['commit', 'path']).optional(),
});

const targetRepositorySchema = z.strictObject({
  id: recordId,
  url: webUrl,
  title: line.optional(),
  /** A path that evidence may never point into, in any repository; `vendor/x` and `vendor/x/` are the same. */
  path_prefix: z
    .string()
    .refine((value) => isSafeRelativePath(value.endsWith('/') ? value.slice(0, -1) : value), {
      error: 'a relative POSIX path (a trailing "/" is fine)',
    })
    .optional(),
});

export const repositoriesSchema = z.strictObject({
  ...schemaHint,
  repositories: z.array(repositorySchema),
  target_repositories: z.array(targetRepositorySchema).default([]),
});

export type Repository = z.infer<typeof repositorySchema>;
export type Repositories = z.infer<typeof repositoriesSchema>;
