// Bounds on the size and shape of content files, checked by the reader before any parser sees a
// file. The markdown parser (micromark) is superlinear on deeply nested brackets, lists and block
// quotes, and the YAML parser recurses on nested flow collections; a bound checked in one linear
// pass keeps `check` and `build` to seconds on any input. Exceeding one is DP110.
//
// The limits are generous for real content (README "Limits" lists them):
export const inputLimits = {
  /** Bytes of any one content file. */
  maxFileBytes: 4 * 1024 * 1024,
  /** Bytes of a PRD: micromark spends up to ~10 µs a character on dense link and escape markup. */
  maxPrdBytes: 512 * 1024,
  /** Characters of one line. */
  maxLineLength: 20_000,
  /** Nesting of `[` in a PRD body (links inside links, images in links, …). */
  maxBracketDepth: 16,
  /** Containers on one markdown line: block quotes, list items and indentation levels. */
  maxBlockDepth: 32,
  /**
   * Runs of `*` or `_` (emphasis markers) in one paragraph, and in a whole PRD body: micromark
   * matches emphasis in time quadratic in the markers of a paragraph.
   */
  maxEmphasisRunsPerParagraph: 500,
  maxEmphasisRunsPerBody: 100_000,
  /** Nesting of YAML/JSON flow collections (`[`, `{`). */
  maxFlowDepth: 64,
} as const;

export interface LimitProblem {
  message: string;
  line: number;
  column: number;
}

/** The first line longer than the limit, if any. Linear. */
export function checkLineLengths(text: string): LimitProblem | undefined {
  let line = 1;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const length = (end === -1 ? text.length : end) - start;
    if (length > inputLimits.maxLineLength) {
      return {
        line,
        column: inputLimits.maxLineLength + 1,
        message: `Line ${line} is longer than ${inputLimits.maxLineLength.toLocaleString('en-US')} characters.`,
      };
    }
    if (end === -1) return undefined;
    start = end + 1;
    line += 1;
  }
}

const fence = /^ {0,3}(`{3,}|~{3,})/;
/** The characters checkMarkdownNesting counts: a backslash (it escapes the next one), `*`, `_`, `[` and `]`. */
const markupCharacters = /[\\*_[\]]/g;

/**
 * Nesting in a markdown body, in one pass: `[` depth (unescaped, across lines), and per line the
 * containers it opens (`>` quotes, list markers, and indentation in steps of two spaces).
 * Fenced code is skipped: it is shown as written. Over-counting (a `[` in inline code) only makes
 * the bound stricter, never looser.
 */
export function checkMarkdownNesting(body: string, firstLine: number): LimitProblem | undefined {
  let bracketDepth = 0;
  let paragraphRuns = 0;
  let bodyRuns = 0;
  let inFence: string | undefined;
  let lineNumber = firstLine;
  let start = 0;
  for (;;) {
    const end = body.indexOf('\n', start);
    const line = body.slice(start, end === -1 ? undefined : end);
    const opened = fence.exec(line);
    if (inFence !== undefined) {
      if (opened && opened[1]![0] === inFence[0] && opened[1]!.length >= inFence.length && line.slice(opened[0].length).trim() === '')
        inFence = undefined;
    } else if (opened) {
      inFence = opened[1]!;
    } else {
      const depth = blockDepth(line);
      if (depth > inputLimits.maxBlockDepth) {
        return {
          line: lineNumber,
          column: 1,
          message: `Line ${lineNumber} nests more than ${inputLimits.maxBlockDepth} block quotes, lists or indentation levels.`,
        };
      }
      // Only the characters that count are visited (a regex search jumps between them).
      markupCharacters.lastIndex = 0;
      for (let found = markupCharacters.exec(line); found !== null; found = markupCharacters.exec(line)) {
        const index = found.index;
        const char = line.charCodeAt(index);
        if (char === 0x5c /* \ */) markupCharacters.lastIndex = index + 2;
        else if (char === 0x2a /* * */ || char === 0x5f /* _ */) {
          if (line.charCodeAt(index - 1) !== char) {
            paragraphRuns += 1;
            bodyRuns += 1;
            if (paragraphRuns > inputLimits.maxEmphasisRunsPerParagraph) {
              return {
                line: lineNumber,
                column: index + 1,
                message: `The paragraph holds more than ${inputLimits.maxEmphasisRunsPerParagraph} "*" or "_" emphasis markers.`,
              };
            }
            if (bodyRuns > inputLimits.maxEmphasisRunsPerBody) {
              return {
                line: lineNumber,
                column: index + 1,
                message: `The text holds more than ${inputLimits.maxEmphasisRunsPerBody.toLocaleString('en-US')} "*" or "_" emphasis markers.`,
              };
            }
          }
        } else if (char === 0x5b /* [ */) {
          bracketDepth += 1;
          if (bracketDepth > inputLimits.maxBracketDepth) {
            return {
              line: lineNumber,
              column: index + 1,
              message: `The text nests more than ${inputLimits.maxBracketDepth} "[" brackets.`,
            };
          }
        } else if (char === 0x5d /* ] */ && bracketDepth > 0) bracketDepth -= 1;
      }
      // A blank line ends every open link text and emphasis: neither crosses paragraphs.
      if (/^[ \t]*$/.test(line)) {
        bracketDepth = 0;
        paragraphRuns = 0;
      }
    }
    if (end === -1) return undefined;
    start = end + 1;
    lineNumber += 1;
  }
}

/** Containers a markdown line opens: quotes, list markers and two-space indentation steps. */
function blockDepth(line: string): number {
  let depth = 0;
  let index = 0;
  let columns = 0;
  for (;;) {
    const char = line[index];
    if (char === ' ') {
      columns += 1;
      index += 1;
    } else if (char === '\t') {
      columns += 4;
      index += 1;
    } else if (char === '>') {
      depth += 1;
      index += line[index + 1] === ' ' ? 2 : 1; // "> " is one marker
    } else if ((char === '-' || char === '*' || char === '+') && (line[index + 1] === ' ' || line[index + 1] === '\t')) {
      depth += 1;
      index += 2;
    } else if (char !== undefined && char >= '0' && char <= '9') {
      let next = index;
      while (next < line.length && next - index < 9 && line[next]! >= '0' && line[next]! <= '9') next += 1;
      if ((line[next] === '.' || line[next] === ')') && (line[next + 1] === ' ' || line[next + 1] === '\t')) {
        depth += 1;
        index = next + 2;
      } else break;
    } else break;
  }
  return depth + Math.floor(columns / 2);
}

/** Nesting of flow collections in YAML or JSON text (outside quotes and comments), in one pass. */
export function checkFlowNesting(text: string, json: boolean): LimitProblem | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\n') {
      line += 1;
      lineStart = index + 1;
      // YAML single-line scalars end with the line for this count; a quoted multi-line scalar
      // only over-counts.
      continue;
    }
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || (char === "'" && !json)) {
      // In YAML a quote opens a scalar only where a scalar starts; elsewhere (`it's`) it is text.
      if (json || startsScalar(text, index, lineStart)) quote = char;
    } else if (char === '#' && !json && (index === lineStart || text[index - 1] === ' ')) {
      const end = text.indexOf('\n', index);
      if (end === -1) break;
      index = end - 1;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth > inputLimits.maxFlowDepth)
        return {
          line,
          column: index - lineStart + 1,
          message: `The file nests more than ${inputLimits.maxFlowDepth} "[" or "{" collections.`,
        };
    } else if ((char === ']' || char === '}') && depth > 0) depth -= 1;
  }
  return undefined;
}

/** Whether a YAML scalar can start at `index`: at the line's start or after `:`, `-`, `?`, `[`, `{`, `,` and spaces. */
function startsScalar(text: string, index: number, lineStart: number): boolean {
  let before = index - 1;
  while (before >= lineStart && text[before] === ' ') before -= 1;
  return before < lineStart || ':-?[{,'.includes(text[before]!);
}
