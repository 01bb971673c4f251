// The git timeline of each decision record and work item: every commit that changed the file,
// with the status that version holds, linked to the commit when the content repository is one
// listed in repositories.yaml (its local_path is the clone the content lives in). From it, the
// state transitions: each commit whose version holds another state than the one before, with
// both states, linked to the record as it was at that commit (what a reviewer's old link meant).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { RecordSet } from '../core/record-set.ts';
import { commitUrl, fileUrl } from '../core/links.ts';
import { createGitClient } from '../git/git-client.ts';
import { fileHistories } from '../git/history.ts';

export interface TimelineEntry {
  commit: string;
  commitUrl?: string;
  date: string;
  subject: string;
  status?: string;
  /** The record file at that commit. */
  recordUrl?: string;
}

/** One change of state, oldest first; `from` is null for the first version that held a state. */
export interface TransitionEntry {
  commit: string;
  date: string;
  from: string | null;
  to: string;
  commitUrl?: string;
  /** The record file at that commit. */
  recordUrl?: string;
}

export type Timeline =
  { available: true; entries: TimelineEntry[]; transitions: TransitionEntry[] } | { available: false; message: string };

/** The state transitions of a history given newest first (versions without a state are skipped). */
export function transitionsOf(entries: readonly TimelineEntry[]): TransitionEntry[] {
  const transitions: TransitionEntry[] = [];
  let current: string | null = null;
  for (const entry of [...entries].reverse()) {
    if (entry.status === undefined || entry.status === current) continue;
    transitions.push({
      commit: entry.commit,
      date: entry.date,
      from: current,
      to: entry.status,
      commitUrl: entry.commitUrl,
      recordUrl: entry.recordUrl,
    });
    current = entry.status;
  }
  return transitions;
}

/**
 * Timelines keyed by record file (as in the records: as shown in messages). Each file is found
 * from the content folder (contentRoot), never from the working directory: a host site built in
 * another folder than the content's repository has the same history.
 */
export async function loadTimelines(records: RecordSet, contentRoot: string): Promise<Map<string, Timeline>> {
  const recordFiles = [...records.decisions.values(), ...records.workItems.values()].map((record) => ({
    file: record.file,
    absolute: path.join(contentRoot, record.source),
  }));
  const timelines = new Map<string, Timeline>();
  if (recordFiles.length === 0) return timelines;
  const stateFields = [...new Set([...records.kinds.values()].map((kind) => kind.data.state_field))];
  const result = await fileHistories(
    contentRoot,
    recordFiles.map(({ absolute }) => absolute),
    { stateFields },
  );
  if (!result.available) {
    for (const { file } of recordFiles) timelines.set(file, { available: false, message: result.message });
    return timelines;
  }
  const repository = await contentRepository(records, contentRoot);
  for (const { file, absolute } of recordFiles) {
    const entries = (result.histories.get(absolute) ?? []).map((entry) => ({
      commit: entry.commit,
      commitUrl: repository ? commitUrl(repository, entry.commit) : undefined,
      date: entry.date,
      subject: entry.subject,
      status: entry.decisionStatus,
      recordUrl: repository && entry.path ? fileUrl(repository, entry.commit, entry.path) : undefined,
    }));
    timelines.set(file, {
      available: true,
      entries,
      transitions: transitionsOf(entries),
    });
  }
  return timelines;
}

// The repositories.yaml entry whose local clone is the repository holding the content, if any.
export async function contentRepository(records: RecordSet, contentRoot: string) {
  let topLevel: string | undefined;
  try {
    topLevel = (await createGitClient(contentRoot).info()).topLevel;
  } catch {
    return undefined;
  }
  if (!topLevel) return undefined;
  return records.repositories?.data.repositories.find((repository) => {
    if (!repository.local_path) return false;
    try {
      return realpathSync(path.resolve(contentRoot, repository.local_path)) === realpathSync(topLevel);
    } catch {
      return false;
    }
  });
}
