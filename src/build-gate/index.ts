// What the build asks of the gate, and nothing else: the one validation (with the dev server's
// cache), the secret scan of each page as it renders, and the scan of the output folder.
//
// Why a module of its own: the renderer's side (src/integration/, src/site/, the loaders, the
// routes) imports nothing from gates/, secrets/, validate/ or diff/ (test/layering.test.ts), so
// the checker can change inside without the renderer noticing, and what the build needs of it is
// this one page. Data everyone reads (the result's shape, the content folder, the phase clock)
// lives in src/core/; what runs the checker's machinery comes through here.
import type { Issue } from '../core/issue.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { PageScan } from '../secrets/page-scan.ts';
import { scanOutputForSecrets, type Verdict } from '../secrets/scan-output.ts';
import { validate } from '../validate/validate.ts';
import { createValidationCache, type ValidationCache } from '../validate/validation-cache.ts';

/** Everything that changes a validation's result, resolved by the caller (CLI or integration options). */
export interface GateOptions {
  /** The content folder, absolute. */
  contentDir: string;
  /** The build's date, YYYY-MM-DD. */
  today: string;
  requireVerifiedEvidence: boolean;
  /** Warnings fail the gate too. */
  strict: boolean;
}

/** What one validation keeps for the next in a long-running process; opaque to the build. */
export type GateCache = ValidationCache;

/** A cache for incremental revalidation (the dev server): unchanged files are not parsed or scanned again. */
export const createGateCache: () => GateCache = createValidationCache;

/** The content judged by every rule: the same `validate()` as `check`, with the options given. */
export function judgeContent(options: GateOptions, cache?: GateCache): Promise<ValidationResult> {
  const { contentDir, today, requireVerifiedEvidence, strict } = options;
  return validate({ contentDir, today, requireVerifiedEvidence, strict, cache });
}

/** The scan's findings per exact bytes, by their hash: what a later output scan need not repeat. */
export type ScannedBytes = ReadonlyMap<string, Verdict>;

/** Pages scanned for secrets as they are written, on worker threads, with back-pressure. */
export interface PageScanner {
  /** Hands over one file's exact bytes; waits while too many bytes wait for the workers. */
  submit(bytes: Uint8Array): Promise<void>;
  /** Waits for every submitted file and gives its verdict by hash; the workers stop. */
  finish(): Promise<ScannedBytes>;
  /** Stops the workers without waiting (a failed build). */
  close(): void;
}

/** Starts a page scan that masks `secrets` (the content's own, found by the validation). */
export function startPageScan(secrets: readonly string[]): PageScanner {
  return new PageScan(secrets);
}

/**
 * Every file under `dir` checked for secrets (DP603): a file whose bytes `known` has a verdict for
 * is not scanned again, any other is scanned now. Returns the issues, file paths relative to the
 * working directory.
 */
export function scanOutput(dir: string, secrets: readonly string[], known?: ScannedBytes): Promise<Issue[]> {
  return scanOutputForSecrets(dir, secrets, { known });
}
