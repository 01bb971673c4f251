// Rule DP208 (link templates): a repository not on GitHub or GitLab gives both commit_url_template and file_url_template.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { linkStyle } from '../core/links.ts';

export const repositoryLinksGate: Gate = (records) => {
  const issues: Issue[] = [];
  const file = records.repositories;
  if (!file) return issues;
  file.data.repositories.forEach((repository, index) => {
    if (linkStyle(repository.url) !== undefined) return;
    if (repository.commit_url_template !== undefined && repository.file_url_template !== undefined) return;
    const missing = repository.commit_url_template === undefined ? 'commit_url_template' : 'file_url_template';
    const field = `repositories[${index}].${missing}`;
    issues.push(
      issueAt(
        'DP208',
        file,
        field,
        `Repository "${repository.id}" is not on a host whose links are known (github.com, gitlab.com or a GitLab host), so it needs both "commit_url_template" (with {commit}) and "file_url_template" (with {commit} and {path}); "${missing}" is missing.`,
      ),
    );
  });
  return issues;
};
