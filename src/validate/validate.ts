// validate(): the one gate. The CLI `check`, the Astro build and the tests all call it. It reads
// the content folder strictly, scans for secrets, runs the schemas, verifies evidence commits and
// runs every gate (the secret scan beside them, on a worker thread), and returns every violation, sorted, with secrets masked.
import path from 'node:path';
import type { Issue } from '../core/issue.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { sortIssues } from '../core/issue.ts';
import type { GateContext, RecordSet } from '../core/record-set.ts';
import { resolveToday } from '../core/build-date.ts';
import { gates } from '../rules/index.ts';
import { failsGate } from '../rules/catalog.ts';
import { verifyEvidence } from '../git/verify-evidence.ts';
import { readContent, type ContentRead, type FileSource } from '../reader/read-content.ts';
import { redactIssues } from '../report/redact.ts';
import { scanContentForSecrets } from '../secrets/scan-content.ts';
import { takeWorkerEngine } from '../secrets/engine-on-worker.ts';
import type { SecretEngine } from '../secrets/engine.ts';
import { checkRecords } from './check-records.ts';
import { displayRoot } from '../git/repository-root.ts';
import { timed, timedSync } from '../core/timings.ts';
import { decisionSummaries } from '../governing/governing-index.ts';
import { headFiles, type CommitFiles } from '../governing/tracked-files.ts';
import { contentPathIn, findCitations } from '../governing/citations.ts';
import { approvalTimes } from '../approvals/record-history.ts';
import { cachingEngine, type ValidationCache } from './validation-cache.ts';

export interface ValidateOptions {
  /** The content folder; default PACKET_CONTENT_DIR, else ./content. */
  contentDir?: string;
  /**
   * Folder a relative contentDir is resolved against and file paths in messages are relative to.
   * Default: contentDir resolves against process.cwd(), and paths are shown from the content's
   * repository (src/git/repository-root.ts: GITHUB_WORKSPACE, else its git top level, else process.cwd()).
   */
  cwd?: string;
  /** YYYY-MM-DD; default from SOURCE_DATE_EPOCH / PACKET_TODAY / the clock. */
  today?: string;
  /** Make evidence that could not be verified against a local clone an error (DP506). */
  requireVerifiedEvidence?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Where the files come from; default the file system (a git tree: src/git/tree-reader.ts). */
  source?: FileSource;
  /**
   * The files tracked at the commit the content is judged at (DP308, DP309). Default: HEAD of
   * the content's repository for the file system, none (not judged) for another source.
   */
  commitFiles?: () => Promise<CommitFiles | undefined>;
  /** Warnings fail the gate too (`--strict`); default PACKET_STRICT=1. */
  strict?: boolean;
  /** Kept between validations of one folder (the dev server): unchanged files are not parsed or scanned again. */
  cache?: ValidationCache;
}

export async function validate(options: ValidateOptions = {}): Promise<ValidationResult> {
  const env = options.env ?? process.env;
  const contentDir = resolveContentDir({ ...options, env });
  const shownFrom = options.cwd ?? (await displayRoot(contentDir, env));
  const today = options.today ?? resolveToday(env);
  const requireVerifiedEvidence = options.requireVerifiedEvidence ?? env.PACKET_REQUIRE_VERIFIED_EVIDENCE === '1';
  // The secret engine's worker starts now and loads while the content is read; the scan then
  // runs there while the schemas, git and the gates run here.
  const engine = takeWorkerEngine();
  const cached = options.cache && cachingEngine(engine, options.cache);
  try {
    const result = await validateWith(cached ?? engine, { ...options, contentDir, shownFrom, today, requireVerifiedEvidence });
    cached?.done();
    return result;
  } finally {
    engine.close();
  }
}

async function validateWith(
  engine: SecretEngine,
  options: ValidateOptions & { contentDir: string; shownFrom: string; today: string; requireVerifiedEvidence: boolean },
): Promise<ValidationResult> {
  const { contentDir, shownFrom, today, requireVerifiedEvidence } = options;
  const content: ContentRead = timedSync('read content', () =>
    readContent(contentDir, { cwd: shownFrom, source: options.source, reads: options.cache?.reads }),
  );
  const issues: Issue[] = [...content.issues];

  const scanning = timed('content secret scan', () => scanContentForSecrets(content, { engine }));
  // Settled at once, so a failure is never unhandled while the rest runs (it is rethrown below).
  scanning.catch(() => undefined);

  const checked = timedSync('schemas', () => checkRecords(content));
  issues.push(...checked.issues);

  const verification = await timed('evidence verification', () => verifyEvidence(checked.records, content.root));
  const code = await timed('tracked files', () => codeAtCommit(checked.records, content.root, options));
  // Authors and state dates come from the working tree's repository; a git tree (the base) has none.
  if (!options.source)
    checked.records.approvalTimes = await timed('approval history', () =>
      approvalTimes(checked.records, content.root, options.env ?? process.env),
    );
  const context: GateContext = { today, verification, requireVerifiedEvidence, ...code };
  timedSync('gates', () => {
    for (const gate of gates) issues.push(...gate(checked.records, context));
  });

  const secretScan = await scanning;
  issues.push(...secretScan.issues);

  const sorted = sortIssues(redactIssues(issues, secretScan.values));
  const strict = options.strict ?? (options.env ?? process.env).PACKET_STRICT === '1';
  return {
    // Warnings are reported and published past, unless strict.
    ok: !sorted.some((issue) => failsGate(issue, strict)),
    issues: sorted,
    records: checked.records,
    verification,
    today,
    contentRoot: content.root,
    secrets: secretScan.values,
  };
}

// git is asked only when a decision governs paths or is retired (code may cite it).
async function codeAtCommit(
  records: RecordSet,
  contentRoot: string,
  options: ValidateOptions & { contentDir: string; shownFrom: string },
): Promise<Pick<GateContext, 'trackedFiles' | 'citations'>> {
  const summaries = decisionSummaries(records);
  const governing = summaries.some((decision) => decision.governs && decision.globs.length > 0);
  const retired = new Set(summaries.filter((decision) => decision.retired).map((decision) => decision.id));
  if (!governing && retired.size === 0) return {};
  const files = options.commitFiles
    ? await options.commitFiles()
    : options.source
      ? undefined
      : await headFiles(options.contentDir, options.env ?? process.env);
  if (!files) return {};
  const found = await findCitations(files, retired, contentPathIn(files.top, contentRoot));
  return {
    trackedFiles: files.files.map((file) => file.path),
    citations: found.map(({ path: from, ...citation }) => ({
      ...citation,
      file: path.relative(options.shownFrom, path.join(files.top, from)).split(path.sep).join('/'),
    })),
  };
}
