// Last line of defence: no secret value leaves through a message. Every known secret value found
// by the scan is masked, and so is anything that looks like one.
import type { Issue } from '../core/issue.ts';

export const MASK = '[REDACTED]';

const secretShapes: RegExp[] = [
  /\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bsk-(?:ant-)?[A-Za-z0-9_-]{20,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(https?:\/\/)[^\s/:@]+:[^\s/@]+@/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
];

export function redactText(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) result = result.split(secret).join(MASK);
  }
  for (const shape of secretShapes) {
    result = result.replace(shape, (match, scheme?: string) => (typeof scheme === 'string' && match.startsWith(scheme) ? `${scheme}${MASK}@` : MASK));
  }
  return result;
}

export function redactIssues(issues: readonly Issue[], secrets: readonly string[]): Issue[] {
  return issues.map((issue) => ({
    ...issue,
    file: redactText(issue.file, secrets),
    field: issue.field === undefined ? undefined : redactText(issue.field, secrets),
    message: redactText(issue.message, secrets),
    hint: redactText(issue.hint, secrets),
  }));
}
