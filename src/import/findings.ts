// What an import reports: a file (relative to the folder imported), a line, and what could not be
// mapped. `error`: the written record will not pass `check` until it is fixed (exit 1); `note`:
// something kept only in the body, or a conversion worth knowing (exit 0). Messages never quote
// the file's values.
export interface Finding {
  file: string;
  line: number;
  level: 'error' | 'note';
  message: string;
}

export function formatFinding(finding: Finding, shownDir: string): string {
  const file = shownDir === '.' ? finding.file : `${shownDir}/${finding.file}`;
  return `${file}:${finding.line}: ${finding.level === 'error' ? 'error' : 'note'}: ${finding.message}`;
}
