// What a long-running process (the dev server) keeps from one validation of a content folder to
// the next, so that after an edit only what the edit touched is parsed and scanned again: each
// file's read (kept while its bytes are unchanged) and the secret engine's findings per text.
// The schemas, git and the gates still judge the whole set: the result equals a full validation
// (test/incremental-validation.test.ts compares them over random edits).
import type { ReadCache } from '../reader/read-content.ts';
import type { SecretFinding } from '../secrets/detectors.ts';
import type { SecretEngine } from '../secrets/engine.ts';

export interface ValidationCache {
  reads: ReadCache;
  /** The engine's findings per scanned text, from the last validation. */
  findings: Map<string, SecretFinding[]>;
}

export function createValidationCache(): ValidationCache {
  return { reads: { files: new Map() }, findings: new Map() };
}

/**
 * An engine that asks `inner` only for texts the last validation did not scan. `done()` keeps, for
 * the next one, the findings of the texts this one scanned (a text no longer present is forgotten).
 */
export function cachingEngine(inner: SecretEngine, cache: ValidationCache): SecretEngine & { done(): void } {
  const seen = new Map<string, SecretFinding[]>();
  return {
    async scan(texts) {
      const missing = [...new Set(texts.filter((text) => !seen.has(text) && !cache.findings.has(text)))];
      const found = missing.length === 0 ? [] : await inner.scan(missing);
      // Fail closed: an incomplete answer is an engine failure, for the caller to report.
      if (!Array.isArray(found) || found.length !== missing.length) throw new Error('the scanner returned no result for some texts');
      missing.forEach((text, index) => seen.set(text, found[index]!));
      for (const text of texts) if (!seen.has(text) && cache.findings.has(text)) seen.set(text, cache.findings.get(text)!);
      return texts.map((text) => seen.get(text) ?? []);
    },
    done() {
      cache.findings = seen;
    },
  };
}
