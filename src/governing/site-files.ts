// The static machine answers of the site: /governing.json (literal path prefix → the packets
// governing under it, with each packet's globs, the build commit and the gate's verdict),
// /llms.txt (governing decisions first, then current ones, then retired ones: state, one-line
// outcome, link) and /llms-full.txt (the same with each record). Published only by a build
// whose every rule passed, so "gate: pass" is always true in them. Pure and deterministic:
// the same record set and commit give the same bytes.
import { z } from 'astro/zod';
import { cmp } from '../core/issue.ts';
import { toJsonSchema } from '../schemas/json-schema.ts';
import { governingIndex, type DecisionSummary } from './governing-index.ts';

export const governingFileVersion = 1;

const decisionEntry = z.strictObject({
  title: z.string(),
  kind: z.string(),
  state: z.string(),
  state_label: z.string(),
  link: z.string().describe('The packet page, from the site root (with the site\'s base path).'),
  globs: z.array(z.string()).describe('The gitignore-style globs (from the repository root) it governs.'),
});

/** The shape of /governing.json (published as /schemas/governing.schema.json). */
export const governingFileSchema = z.strictObject({
  version: z.literal(governingFileVersion),
  build_commit: z.string().nullable().describe('The commit the site was built from; null when not known.'),
  gate: z.literal('pass').describe('Every rule passed at that commit (a failing build publishes nothing).'),
  prefixes: z
    .record(z.string(), z.array(z.string()))
    .describe('Literal path prefix (a folder or file from the repository root; "" for globs that may match anywhere) → the ids of the governing packets with a glob under it. Candidates: match the path against each one\'s globs, gitignore-style.'),
  decisions: z.record(z.string(), decisionEntry).describe('Each governing packet, by id.'),
});

export function governingJsonSchema(): Record<string, unknown> {
  return toJsonSchema(governingFileSchema, 'governing', 'Decision Packet /governing.json');
}

export interface SiteDecisions {
  decisions: readonly DecisionSummary[];
  buildCommit: string | null;
  /** The site's base path, ending in "/". */
  base: string;
}

function link(site: SiteDecisions, id: string): string {
  return `${site.base}packets/${encodeURIComponent(id)}/`;
}

export function governingJson(site: SiteDecisions): string {
  const index = governingIndex(site.decisions);
  const document: z.infer<typeof governingFileSchema> = {
    version: governingFileVersion,
    build_commit: site.buildCommit,
    gate: 'pass',
    prefixes: Object.fromEntries(index.prefixes()),
    decisions: Object.fromEntries(
      index.decisions.map((decision) => [decision.id, { title: decision.title, kind: decision.kind, state: decision.state, state_label: decision.stateLabel, link: link(site, decision.id), globs: decision.globs }]),
    ),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Governing first, then current, then retired; by id within each. */
function sections(decisions: readonly DecisionSummary[]): [string, DecisionSummary[]][] {
  const sorted = [...decisions].sort((a, b) => cmp(a.id, b.id));
  return [
    ['Governing decisions', sorted.filter((decision) => decision.governs)],
    ['Other current decisions', sorted.filter((decision) => !decision.governs && !decision.retired)],
    ['History: retired decisions', sorted.filter((decision) => decision.retired)],
  ];
}

// Markdown link text: brackets would end it early; line breaks never occur in a title (a line).
function linkText(text: string): string {
  return text.replace(/[[\]\\]/g, (char) => `\\${char}`);
}

function outcomeLine(site: SiteDecisions, decision: DecisionSummary): string {
  const parts = [`${decision.state}: ${decision.stateLabel}`];
  if (decision.governs && decision.globs.length > 0) parts.push(`governs ${decision.globs.join(', ')}`);
  if (decision.successors.length > 0) parts.push(`replaced by ${decision.successors.join(', ')}`);
  return `- [${linkText(decision.title)}](${link(site, decision.id)}) (${decision.id}): ${parts.join('; ')}`;
}

function header(site: SiteDecisions): string[] {
  const commit = site.buildCommit ?? 'unknown';
  return ['# Decisions', '', `> The decisions of this site, built from commit ${commit}; every rule of the gate passed. Governing decisions come first (what holds for the code they name), then the other current ones, then retired ones.`, ''];
}

export function llmsTxt(site: SiteDecisions): string {
  const lines = header(site);
  for (const [title, decisions] of sections(site.decisions)) {
    if (decisions.length === 0) continue;
    lines.push(`## ${title}`, '', ...decisions.map((decision) => outcomeLine(site, decision)), '');
  }
  lines.push('## Machine-readable', '', `- [governing.json](${site.base}governing.json): path prefix → governing packets`, `- [packets.json](${site.base}packets.json): every packet`, '');
  return lines.join('\n');
}

/** llms.txt with each decision's record (the validated fields) under it. */
export function llmsFullTxt(site: SiteDecisions, records: ReadonlyMap<string, Record<string, unknown>>): string {
  const lines = header(site);
  for (const [title, decisions] of sections(site.decisions)) {
    if (decisions.length === 0) continue;
    lines.push(`## ${title}`, '');
    for (const decision of decisions) {
      lines.push(`### ${decision.title} (${decision.id})`, '', outcomeLine(site, decision), '', '```json', JSON.stringify(records.get(decision.id) ?? {}, null, 2), '```', '');
    }
  }
  return lines.join('\n');
}
