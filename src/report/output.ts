// The output boundary: every byte a command writes (stdout, stderr, the GitHub job summary)
// leaves through here, masked once more with every secret value this process has found (both
// sides of a review, every file read: report/redact.ts remembers them) plus the ones given.
// Values are masked where documents are built too; this is the pass nothing can skip.
import { appendFileSync } from 'node:fs';
import { redactText } from './redact.ts';

export type Stream = 'stdout' | 'stderr';

/** Writes text to stdout or stderr, masked. */
export function emit(stream: Stream, text: string, secrets: readonly string[] = []): void {
  process[stream].write(redactText(text, secrets));
}

/** Appends markdown to GitHub's job summary when the step has one ($GITHUB_STEP_SUMMARY), masked. */
export function appendJobSummary(markdown: string, secrets: readonly string[] = [], env = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, redactText(markdown, secrets));
}
