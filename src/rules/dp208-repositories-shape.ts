// DP208: repositories.yaml has the right shape (the schema pass), and a repository not on GitHub
// or GitLab gives both link templates (the check).
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { linkStyle } from '../core/links.ts';
import { schemaMessage } from './schema-message.ts';

const repositoryLinks: Gate = (records) => {
  const issues: Issue[] = [];
  const file = records.repositories;
  if (!file) return issues;
  file.data.repositories.forEach((repository, index) => {
    if (linkStyle(repository.url) !== undefined) return;
    if (repository.commit_url_template !== undefined && repository.file_url_template !== undefined) return;
    const missing = repository.commit_url_template === undefined ? 'commit_url_template' : 'file_url_template';
    const at = fieldAt(file, `repositories[${index}].${missing}`);
    issues.push(dp208.report('templates', at, { repository: repository.id, missing }));
  });
  return issues;
};

export const dp208 = defineRule({
  id: 'DP208',
  name: 'repositories-shape',
  title: 'repositories.yaml has the right shape',
  refusal: 13,
  hint: 'repositories.yaml takes "repositories" (id, url, optional local_path, optional link templates) and "target_repositories" (id, url, optional path_prefix).',
  messages: {
    ...schemaMessage,
    templates: (d: { repository: string; missing: string }) =>
      `Repository "${d.repository}" is not on a host whose links are known (github.com, gitlab.com or a GitLab host), so it needs both "commit_url_template" (with {commit}) and "file_url_template" (with {commit} and {path}); "${d.missing}" is missing.`,
  },
  check: repositoryLinks,
});
