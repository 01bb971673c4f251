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

export function splitFrontmatter(text: string): SplitMarkdown {
  const lines = text.split('\n');
  if (lines[0]?.replace(/\r$/, '') !== '---') {
    return { frontmatterLineOffset: 0, body: text, bodyLine: 1 };
  }
  for (let index = 1; index < lines.length; index += 1) {
    if (lines[index]!.replace(/\r$/, '') === '---') {
      return {
        frontmatter: lines.slice(1, index).join('\n'),
        frontmatterLineOffset: 1,
        body: lines.slice(index + 1).join('\n'),
        bodyLine: index + 2,
      };
    }
  }
  return { frontmatterLineOffset: 1, body: '', bodyLine: lines.length, unclosed: true };
}
