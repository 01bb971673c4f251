// What the approval policies' `author_counts: false` and `comment_period_days` need from git: per
// decision, the author email of the commit that first added it and the commit date at which it
// entered its current state, plus the head commit's date. Commit dates only, never the clock, so
// `check` is deterministic. Asked only when a kind's policy declares either (one `git log` over
// the decisions folder, one blob batch: src/git/history.ts).
import path from 'node:path';
import type { RecordSet } from '../core/record-set.ts';
import { fileHistories, type HistoryEntry } from '../git/history.ts';
import { createGitClient } from '../git/git-client.ts';

interface RecordTimes {
  /** The author email of the commit that first added the record (lowercase); undefined: not committed. */
  author?: string;
  /** Seconds since the epoch: the commit date at which the record entered its current state. */
  since: number;
}

export type ApprovalTimes = { available: true; head: number; records: Map<string, RecordTimes> } | { available: false; reason: string };

/** Whether any kind's policy needs the record history. */
function needsHistory(records: RecordSet): boolean {
  for (const kind of records.kinds.values()) {
    for (const policy of Object.values(kind.data.approvals?.policies ?? {})) {
      if (policy.author_counts === false || policy.comment_period_days !== undefined) return true;
    }
  }
  return false;
}

const epochOf = (env: NodeJS.ProcessEnv) =>
  /^\d{1,12}$/.test(env.SOURCE_DATE_EPOCH?.trim() ?? '') ? Number(env.SOURCE_DATE_EPOCH) : undefined;

/** The head commit's date, or SOURCE_DATE_EPOCH when the content has no commit; undefined: neither. */
async function headTime(contentRoot: string, env: NodeJS.ProcessEnv): Promise<number | undefined> {
  try {
    const client = createGitClient(contentRoot, { env });
    const head = await client.headCommit();
    if (head !== undefined) return await client.committerTime(head);
  } catch {
    // Not a repository (or git refused): the history below says which; SOURCE_DATE_EPOCH may stand in.
  }
  return epochOf(env);
}

/** When the record (versions newest first) entered `state`: the oldest of the newest run in it; `head` when not committed in it. */
function enteredAt(versions: readonly HistoryEntry[], state: string, head: number): number {
  let since = head;
  for (const version of versions) {
    if (version.decisionStatus !== state || version.time === undefined) break;
    since = version.time;
  }
  return since;
}

export async function approvalTimes(records: RecordSet, contentRoot: string, env: NodeJS.ProcessEnv): Promise<ApprovalTimes | undefined> {
  if (!needsHistory(records)) return undefined;
  const head = await headTime(contentRoot, env);
  const decisions = [...records.decisions.values()].map((decision) => ({ decision, file: path.join(contentRoot, decision.source) }));
  const stateFields = [...new Set([...records.kinds.values()].map((kind) => kind.data.state_field))];
  const result = await fileHistories(
    contentRoot,
    decisions.map(({ file }) => file),
    { env, stateFields, authors: true },
  );
  // No repository or no commit yet: every record enters its state at the head's date (SOURCE_DATE_EPOCH) and has no author.
  const uncommitted = !result.available && (result.reason === 'not a git repository' || result.reason === 'no commits');
  if (head === undefined) return { available: false, reason: 'the content has no commit and SOURCE_DATE_EPOCH is not set' };
  if (!result.available && !uncommitted)
    return { available: false, reason: result.message.replace(/^History is not available: /, '').replace(/\.$/, '') };
  const times = new Map<string, RecordTimes>();
  for (const { decision, file } of decisions) {
    const versions = result.available ? (result.histories.get(file) ?? []) : [];
    const kind = records.kinds.get(String((decision.data as { kind?: unknown }).kind));
    const state = kind ? String((decision.data as Record<string, unknown>)[kind.data.state_field]) : '';
    const first = versions.at(-1)?.authorEmail?.toLowerCase();
    // The working tree's record is judged: a state not yet committed was entered at the head.
    times.set(decision.id, { ...(first ? { author: first } : {}), since: enteredAt(versions, state, head) });
  }
  return { available: true, head, records: times };
}
