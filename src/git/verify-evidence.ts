// Verifies evidence references against the local clones named in repositories.yaml: the commit
// exists and is a commit (DP504), the path exists at it (DP505), and the clone can answer at all
// (DP507: git missing, not a repository, dubious ownership, shallow history). Evidence whose
// repository has no local_path is `not-verified`. The gate in src/gates turns results into issues.
//
// Per clone, git runs three times whatever the number of references: a probe, one
// `cat-file --batch-check` for every commit and one for every commit:path. Nothing is read from
// the evidence files. Messages name ids and fields, never a path or a commit value.
import { dp504, dp505, dp507 } from '../rules/dp504-evidence-verification.ts';
import path from 'node:path';
import type { EvidenceVerification, Loaded, RecordSet } from '../core/record-set.ts';
import type { EvidenceReference } from '../schemas/evidence-reference.ts';
import type { Repository } from '../schemas/repositories.ts';
import { isSafeRelativePath } from '../core/repository-path.ts';
import {
  createGitClient,
  GitError,
  isObjectId,
  objectFormatOfId,
  type GitClient,
  type GitClientOptions,
  type ObjectFormat,
} from './git-client.ts';

export interface VerifyEvidenceOptions {
  /** The environment git runs in (sanitized); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Per git process; default 120 s. */
  timeoutMs?: number;
  /** Replaces the git client (tests). */
  createClient?: (dir: string, options: GitClientOptions) => GitClient;
}

type Failure = Extract<EvidenceVerification, { status: 'failed' }>;

const formatName: Record<ObjectFormat, string> = { sha1: 'SHA-1 (40 hex digits)', sha256: 'SHA-256 (64 hex digits)' };

export const shallowMessage = 'the local clone is shallow and cannot answer; fetch full history (CI: fetch-depth: 0)';

/** The git-unavailable message for a clone git cannot answer for. */
function unavailableMessage(repositoryId: string, error: unknown): string {
  const subject = `The local clone of repository '${repositoryId}' (repositories.yaml local_path)`;
  if (error instanceof GitError) {
    switch (error.kind) {
      case 'git-unavailable':
        return `git could not be run to verify evidence in repository '${repositoryId}': is git installed and on PATH?`;
      case 'missing-directory':
        return `${subject} does not exist or is not a folder.`;
      case 'not-a-repository':
        return `${subject} is not a git repository: it must be the clone's own top folder (or a bare repository).`;
      case 'dubious-ownership':
        return `git refuses ${subject.charAt(0).toLowerCase()}${subject.slice(1)}: it is owned by another user ("dubious ownership"). Run as its owner or trust it with \`git config --global --add safe.directory <folder>\`.`;
      case 'no-commits':
        return `${subject} has no commit.`;
      case 'shallow':
        return `${subject}: ${shallowMessage}.`;
      case 'unsafe-config':
        return `${subject}: ${error.message}`;
      case 'timeout':
        return `${subject} did not answer in time: ${error.message}`;
      case 'failed':
        return `${subject} could not be read: ${error.message}`;
    }
  }
  return `${subject} could not be read by git.`;
}

/**
 * Verifies every evidence reference whose repository has a local clone.
 * Returns a result per evidence id (valid evidence records only).
 */
export async function verifyEvidence(
  records: RecordSet,
  contentRoot: string,
  options: VerifyEvidenceOptions = {},
): Promise<Map<string, EvidenceVerification>> {
  const results = new Map<string, EvidenceVerification>();
  const repositories = new Map<string, Repository>(
    (records.repositories?.data.repositories ?? []).map((repository) => [repository.id, repository]),
  );

  // Evidence grouped by the clone folder that answers for it (two repository ids may share one).
  const groups = new Map<string, { repositoryIds: Set<string>; evidence: Loaded<EvidenceReference>[] }>();
  for (const evidence of records.evidence.values()) {
    const repository = repositories.get(evidence.data.repository);
    if (!repository) {
      results.set(evidence.id, {
        status: 'not-verified',
        reason: `Its repository '${evidence.data.repository}' is not defined in repositories.yaml.`,
      });
      continue;
    }
    if (!repository.local_path) {
      results.set(evidence.id, {
        status: 'not-verified',
        reason: `No local clone is configured for repository '${repository.id}' (repositories.yaml local_path).`,
      });
      continue;
    }
    if (!isObjectId(evidence.data.commit) || !isSafeRelativePath(evidence.data.path)) {
      results.set(evidence.id, { status: 'not-verified', reason: 'Its commit or path is malformed, so it was not looked up.' });
      continue;
    }
    const dir = path.resolve(contentRoot, repository.local_path);
    const group = groups.get(dir) ?? { repositoryIds: new Set<string>(), evidence: [] };
    group.repositoryIds.add(repository.id);
    group.evidence.push(evidence);
    groups.set(dir, group);
  }

  const create = options.createClient ?? createGitClient;
  await Promise.all(
    [...groups].map(async ([dir, group]) => {
      const client = create(dir, { env: options.env, timeoutMs: options.timeoutMs, exactRepository: true });
      for (const [id, result] of await verifyGroup(client, group.evidence)) results.set(id, result);
    }),
  );
  return results;
}

async function verifyGroup(client: GitClient, evidenceList: Loaded<EvidenceReference>[]): Promise<Map<string, EvidenceVerification>> {
  const results = new Map<string, EvidenceVerification>();
  const fail = (evidence: Loaded<EvidenceReference>, ruleId: Failure['ruleId'], message: string) =>
    results.set(evidence.id, { status: 'failed', ruleId, message });
  const failAll = (pending: Loaded<EvidenceReference>[], error: unknown) => {
    for (const evidence of pending)
      fail(evidence, dp507.id, dp507.message('unavailable', { problem: unavailableMessage(evidence.data.repository, error) }));
  };

  let objectFormat: ObjectFormat;
  let shallow: boolean;
  try {
    ({ objectFormat, shallow } = await client.info());
  } catch (error) {
    failAll(evidenceList, error);
    return results;
  }

  // 1. The commit: right id length for the clone, present, and a commit.
  const sameFormat: Loaded<EvidenceReference>[] = [];
  for (const evidence of evidenceList) {
    const idFormat = objectFormatOfId(evidence.data.commit);
    if (idFormat === objectFormat) {
      sameFormat.push(evidence);
    } else {
      const data = { idFormat: formatName[idFormat], repository: evidence.data.repository, cloneFormat: formatName[objectFormat] };
      fail(evidence, dp504.id, dp504.message('format', data));
    }
  }

  let lookups: Map<string, string>;
  try {
    lookups = await client.lookupObjects(sameFormat.map((evidence) => evidence.data.commit));
  } catch (error) {
    failAll(sameFormat, error);
    return results;
  }

  const withCommit: Loaded<EvidenceReference>[] = [];
  for (const evidence of sameFormat) {
    const repositoryId = evidence.data.repository;
    const found = lookups.get(evidence.data.commit);
    if (found === 'commit') {
      withCommit.push(evidence);
    } else if (found === 'missing' || found === undefined) {
      if (shallow) {
        fail(evidence, dp507.id, dp507.message('shallow', { repository: repositoryId, shallow: shallowMessage }));
      } else {
        fail(evidence, dp504.id, dp504.message('missing', { repository: repositoryId }));
      }
    } else {
      fail(evidence, dp504.id, dp504.message('notCommit', { repository: repositoryId, found }));
    }
  }

  // 2. The path at that commit.
  let exists: boolean[];
  try {
    exists = await client.pathsExist(withCommit.map((evidence) => ({ commit: evidence.data.commit, path: evidence.data.path })));
  } catch (error) {
    failAll(withCommit, error);
    return results;
  }
  withCommit.forEach((evidence, index) => {
    if (exists[index]) {
      results.set(evidence.id, { status: 'verified', repository: evidence.data.repository });
    } else {
      fail(evidence, dp505.id, dp505.message('missing', { repository: evidence.data.repository }));
    }
  });
  return results;
}
