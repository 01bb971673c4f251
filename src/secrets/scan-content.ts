// Secret scan of the content: raw text of every file, every parsed value, and every file name.
// Reports rule DP600 with the location only; the values found are returned for masking.
import type { Issue } from '../core/issue.ts';
import { getRule } from '../rules/catalog.ts';
import type { ContentRead } from '../reader/read-content.ts';

export interface SecretScan {
  issues: Issue[];
  /** Values found; used only to mask output. */
  values: string[];
}

const patterns: { name: string; pattern: RegExp }[] = [
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{36,}/g },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { name: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/g },
  { name: 'password in a URL', pattern: /\bhttps?:\/\/[^\s/:@]+:[^\s/@]+@/g },
];

export async function scanContentForSecrets(content: ContentRead): Promise<SecretScan> {
  const issues: Issue[] = [];
  const values: string[] = [];
  for (const { file, text } of content.texts) {
    for (const { name, pattern } of patterns) {
      for (const match of text.matchAll(pattern)) {
        const before = text.slice(0, match.index);
        const line = before.split('\n').length;
        const column = match.index - before.lastIndexOf('\n');
        values.push(match[0]);
        issues.push({ ruleId: 'DP600', file, line, column, message: `A secret value (${name}) is in the file; it is not shown here.`, hint: getRule('DP600').hint });
      }
    }
  }
  return { issues, values };
}
