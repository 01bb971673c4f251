// Splits a PRD into its YAML frontmatter and markdown body, keeping line numbers.

export interface SplitMarkdown {
  /** The YAML between the fences, or undefined when the file does not start with one. */
  frontmatter?: string;
  /** Lines before the frontmatter's first line (always 1: the opening fence). */
  frontmatterLineOffset: number;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** Set when an opening fence has no closing fence. */
  unclosed?: boolean;
}

// The frontmatter and the body are slices of the text, not copies joined from its lines: the
// text is kept for the secret scan anyway, and at 10,000 PRDs a copy of every body was ~50 MB.
export function splitFrontmatter(text: string): SplitMarkdown {
  if (!isFence(text, 0)) return { frontmatterLineOffset: 0, body: text, bodyLine: 1 };
  const frontmatterStart = text.indexOf('\n') + 1;
  let lines = 1;
  for (let start = frontmatterStart; start > 0; start = text.indexOf('\n', start) + 1) {
    lines += 1;
    if (isFence(text, start)) {
      const next = text.indexOf('\n', start);
      return {
        frontmatter: text.slice(frontmatterStart, start - 1),
        frontmatterLineOffset: 1,
        body: next === -1 ? '' : text.slice(next + 1),
        bodyLine: lines + 1,
      };
    }
  }
  return { frontmatterLineOffset: 1, body: '', bodyLine: lines, unclosed: true };
}

/** Whether the line starting at `start` is a `---` fence (a trailing CR allowed). */
function isFence(text: string, start: number): boolean {
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end === -1 ? undefined : end);
  return line === '---' || line === '---\r';
}
