// The stable anchor of an acceptance criterion: an explicit `{#name}` at the end of its text,
// else `ac-<n>` by position; and a text prefilter that tells the gate when no anchor can be broken.

/** A `{#name}` marker at the end of a criterion; the name must match `anchorName`. */
export const explicitAnchor = /\s*\{#([^{}\s]*)\}\s*$/;
/** Starts with a letter, so a named anchor can never equal a positional `ac-<n>`. */
export const anchorName = /^[a-z][a-z0-9-]{0,63}$/;

/** The anchor of the criterion at `index` (0-based) from its plain text, and the text without its marker. */
export function anchorOf(raw: string, index: number): { anchor: string; text: string; invalidName?: string } {
  const match = explicitAnchor.exec(raw);
  if (!match) return { anchor: `ac-${index + 1}`, text: raw };
  const text = raw.slice(0, match.index).trim();
  const name = match[1]!;
  if (anchorName.test(name)) return { anchor: `ac-${name}`, text };
  return { anchor: `ac-${index + 1}`, text, invalidName: name };
}

/** A literal, valid `{#name}` marker at the start of the text. */
const literalMarker = /^\{#([a-z][a-z0-9-]{0,63})\}/;
/** Characters that always show as themselves in a criterion's text: none starts or ends markup. */
const showsAsItself = /^[A-Za-z0-9"',.;:=+/%$@?{}^-]$/;

/**
 * Whether the anchors of a PRD's criteria can break DP210 at all, decided from the text without
 * parsing the markdown (parsing every PRD made `check` of 10,000 packets take 35 s longer).
 *
 * It is false when the body holds no `{#`, or when every `{` in it either starts a literal valid
 * marker `{#name}` — all of them with different names — or is followed by a character that shows
 * as itself in the text, and no character reference (`&…`) could produce a `{`. Then the only
 * markers a criterion's text can end with are those literal ones (markup between `{`, `#`, the
 * name and `}` would have left a character that is not allowed there), so no criterion anchor is
 * invalid or repeated. True means "parse and check" (criterionAnchors), not "broken".
 */
export function anchorsNeedChecking(body: string): boolean {
  if (!body.includes('{#')) return false;
  if (/&[#A-Za-z]/.test(body)) return true;
  const names = new Set<string>();
  for (let index = body.indexOf('{'); index !== -1; index = body.indexOf('{', index + 1)) {
    const next = body[index + 1];
    if (next === undefined) continue;
    if (next === '#') {
      const match = literalMarker.exec(body.slice(index, index + 68));
      if (!match || names.has(match[1]!)) return true;
      names.add(match[1]!);
    } else if (!showsAsItself.test(next)) {
      return true;
    }
  }
  return false;
}
