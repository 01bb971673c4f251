// What the packet page and decision.json say about a packet's authority: each entry (who, what,
// verified how, for which content, whether it counts), the current state's policy and how far it
// is met, and what each other state would need in approvals (and who could give them).
import type { LoadedDecision, RecordSet } from '../core/record-set.ts';
import type { Quorum } from '../schemas/approvals.ts';
import { needed, type ApprovalsView, type PolicyView } from './evaluate.ts';
import { judgeDecision } from './gate.ts';

export interface ApprovalsPanel {
  content: string;
  entries: {
    by: string;
    name?: string;
    disposition: string;
    concern?: string;
    /** `signed` with the key's fingerprint, `claim` (unsigned), or `invalid`. */
    verified: 'signed' | 'claim' | 'invalid';
    fingerprint?: string;
    keyType?: string;
    content: string;
    current: boolean;
    counts: boolean;
  }[];
  policy?: PolicyView;
  /** What moving into each other state needs in approvals; a state without a policy needs none. */
  others: { state: string; group: string; quorum: Quorum; level: string; needed: number; from?: string[]; mayApprove: { id: string; name: string }[] }[];
  openObjections: string[];
  openConcerns: { name: string; by: string }[];
}

export function approvalsPanel(records: RecordSet, decision: LoadedDecision): ApprovalsPanel | undefined {
  const judged = judgeDecision(records, decision, records.roster?.data);
  const kind = records.kinds.get(String((decision.data as { kind?: unknown }).kind));
  if (!judged || !kind) return undefined;
  const view: ApprovalsView = judged.view;
  const roster = records.roster?.data;
  const names = new Map((roster?.people ?? []).map((person) => [person.id, person.name]));
  const current = String((decision.data as Record<string, unknown>)[kind.data.state_field]);
  const others = Object.entries(kind.data.approvals?.policies ?? {})
    .filter(([state]) => state !== current)
    .map(([state, policy]) => {
      const members = roster?.groups[policy.group] ?? [];
      return {
        state,
        group: policy.group,
        quorum: policy.quorum,
        level: policy.level,
        needed: needed(policy.quorum, members.length),
        ...(policy.from ? { from: policy.from } : {}),
        mayApprove: members.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
      };
    });
  return {
    content: view.content,
    entries: view.entries.map((entry) => ({
      by: entry.by,
      ...(entry.name !== undefined ? { name: entry.name } : {}),
      disposition: entry.disposition,
      ...(entry.concern !== undefined ? { concern: entry.concern } : {}),
      verified: entry.verification.how,
      ...(entry.verification.how === 'signed' ? { fingerprint: entry.verification.fingerprint, keyType: entry.verification.keyType } : {}),
      content: entry.content,
      current: entry.current,
      counts: entry.counts,
    })),
    ...(view.policy ? { policy: view.policy } : {}),
    others,
    openObjections: view.openObjections,
    openConcerns: view.openConcerns,
  };
}
