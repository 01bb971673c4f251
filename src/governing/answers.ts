// The answers `governing`, `explain` and the MCP server give, as data (JSON, versioned) and as
// text. Every answer carries the commit it was computed at and the gate's verdict; when the gate
// failed it gives no decision at all ("undetermined"), only the ids of the rules that failed
// (never a message: messages may quote content).
import { cmp } from '../core/issue.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import type { ContentAt } from './content-at.ts';
import type { DecisionSummary } from './governing-index.ts';

const answerVersion = 1;

export interface Verdict {
  /** `pass`: every rule passed at that commit; `fail`: the content breaks a rule, nothing is answered. */
  gate: 'pass' | 'fail';
  /** The ids of the rules broken (empty on pass). */
  rules_failed: string[];
}

export function verdictOf(result: Pick<ValidationResult, 'ok' | 'issues'>): Verdict {
  return { gate: result.ok ? 'pass' : 'fail', rules_failed: [...new Set(result.issues.map((issue) => issue.ruleId))].sort(cmp) };
}

/** Where a packet's page is: `<site>packets/<id>/`, or the path from the site root. */
export function packetLink(id: string, site: string | undefined): string {
  return `${site ?? '/'}packets/${encodeURIComponent(id)}/`;
}

export function decisionEntry(decision: DecisionSummary, site: string | undefined) {
  return {
    id: decision.id,
    title: decision.title,
    kind: decision.kind,
    state: decision.state,
    state_label: decision.stateLabel,
    link: packetLink(decision.id, site),
  };
}

/** What every answer starts with: its version, the commit, and the gate's verdict there. */
function answerHead(at: ContentAt) {
  const verdict = verdictOf(at.result);
  return {
    version: answerVersion,
    commit: at.commit,
    as_of: at.asOf,
    judged_on: at.judgedOn,
    ...verdict,
    determined: verdict.gate === 'pass',
  };
}

export function governingAnswer(at: ContentAt, paths: readonly string[], site: string | undefined) {
  const head = answerHead(at);
  return {
    ...head,
    paths: paths.map((path) => ({
      path,
      governing: head.determined
        ? at.index.match(path).map((decision) => ({ ...decisionEntry(decision, site), globs: decision.globs }))
        : null,
    })),
  };
}
export type GoverningAnswer = ReturnType<typeof governingAnswer>;

export function governingText(answer: GoverningAnswer): string {
  const lines = [header(answer)];
  if (!answer.determined) return `${lines.join('\n')}\n`;
  for (const entry of answer.paths) {
    lines.push(entry.path);
    if (entry.governing!.length === 0) lines.push('  no decision governs it');
    for (const decision of entry.governing!) lines.push(`  ${decision.id}  ${decision.state}  ${decision.title}  ${decision.link}`);
  }
  return `${lines.join('\n')}\n`;
}

function header(answer: { commit: string; as_of: string; gate: string; rules_failed: string[] }): string {
  const at = `At commit ${answer.commit} (as of ${answer.as_of})`;
  if (answer.gate === 'pass') return `${at}: every rule passed.`;
  return `${at}: undetermined. The content at that commit breaks ${answer.rules_failed.join(', ')}; no decision is given as governing and no packet is shown. Run \`decision-packet check\` on that commit for the details.`;
}

/** What a packet said at the commit: its state, title, record and where it governed; null when undetermined or unknown. */
export function explainAnswer(at: ContentAt, packet: string, site: string | undefined) {
  const head = answerHead(at);
  const decision = head.determined ? at.decisions.find((candidate) => candidate.id === packet) : undefined;
  const record = decision ? at.result.records.decisions.get(decision.id)?.data : undefined;
  return {
    ...head,
    packet,
    found: decision !== undefined,
    decision: decision
      ? {
          ...decisionEntry(decision, site),
          file: decision.file,
          governs: decision.governs ? decision.globs : [],
          retired: decision.retired,
          successors: decision.successors,
          record,
        }
      : null,
  };
}
export type ExplainAnswer = ReturnType<typeof explainAnswer>;

export function explainText(answer: ExplainAnswer): string {
  const lines = [header(answer)];
  if (!answer.determined) return `${lines.join('\n')}\n`;
  const decision = answer.decision;
  if (!decision) return `${lines.join('\n')}\nNo packet with that id at this commit.\n`;
  lines.push(
    `${decision.id}: ${decision.title}`,
    `State: ${decision.state} (${decision.state_label})`,
    `Page: ${decision.link}`,
    `File: ${decision.file}`,
  );
  if (decision.governs.length > 0) lines.push(`Governs: ${decision.governs.join(', ')}`);
  if (decision.successors.length > 0) lines.push(`Replaced by: ${decision.successors.join(', ')}`);
  lines.push(
    'Record:',
    ...JSON.stringify(decision.record, null, 2)
      .split('\n')
      .map((line) => `  ${line}`),
  );
  return `${lines.join('\n')}\n`;
}
