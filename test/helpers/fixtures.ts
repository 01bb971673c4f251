// Test content: a valid base content set (test/fixtures/base) with one fixture folder laid over
// it per case. A fixture folder mirrors the content layout; its files replace or add to the base.
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate, type ValidateOptions } from '../../src/validate/validate.ts';
import type { ValidationResult } from '../../src/core/validation-result.ts';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface FixtureOptions {
  /** Paths (relative to the content folder) to delete from the base before the overlay. */
  remove?: string[];
  /** Start from an empty folder instead of the base. */
  withoutBase?: boolean;
  /** Keep the shipped kinds' approval policies (test/approvals*.test.ts); other tests judge other rules. */
  approvals?: boolean;
}

/**
 * Copies the shipped kinds into `dir`. Without `approvals`, their top-level `approvals:` block is
 * left out: fixtures of other rules record branch states with no signed approval, which the
 * approval tests cover on their own.
 */
export function copyShippedKinds(dir: string, approvals = false): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(shippedKindsDir)) writeFileSync(path.join(dir, name), shippedKind(name, approvals));
}

/** A shipped kind's text; without `approvals`, its top-level `approvals:` block left out. */
export function shippedKind(name: string, approvals = false): string {
  const text = readFileSync(path.join(shippedKindsDir, name), 'utf8');
  return approvals ? text : withoutApprovals(text);
}

/** A kind's text without its top-level `approvals:` block (for tests of other rules). */
export function withoutApprovals(kindText: string): string {
  return kindText.replace(/^approvals:\n(?:(?:[ #].*)?\n)*/m, '');
}

/** The shipped kinds (content/kinds/): every fixture's decisions are of the seed's kind. */
export const shippedKindsDir = fileURLToPath(new URL('../../content/kinds/', import.meta.url));

/**
 * Copies base + the shipped kinds + fixture into a fresh temporary content folder and returns its
 * path. A fixture's own kinds/ files replace or add to the shipped ones.
 */
export function makeContent(fixture?: string, options: FixtureOptions = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-'));
  const content = path.join(dir, 'content');
  if (!options.withoutBase) {
    cpSync(path.join(fixturesDir, 'base'), content, { recursive: true });
    copyShippedKinds(path.join(content, 'kinds'), options.approvals);
  }
  for (const relative of options.remove ?? []) rmSync(path.join(content, relative), { recursive: true, force: true });
  if (fixture) {
    const source = path.join(fixturesDir, fixture);
    if (!existsSync(source)) throw new Error(`No fixture folder ${fixture}`);
    cpSync(source, content, { recursive: true });
  }
  return content;
}

/** Validates base + fixture; file paths in issues are relative to the content folder's parent. */
export async function validateFixture(
  fixture?: string,
  options: FixtureOptions & Omit<ValidateOptions, 'contentDir' | 'cwd'> = {},
): Promise<ValidationResult> {
  const content = makeContent(fixture, options);
  return validate({ today: '2026-11-24', ...options, contentDir: content, cwd: path.dirname(content), env: {} });
}

/**
 * Content with a packet in every state: the base fixture's (safe state), one recording Branch A
 * and one recording Branch B, taken from the fixtures that pass with those branches.
 */
export function threeStateContent(): string {
  const content = makeContent();
  const from = (fixture: string, file: string, to = file) => {
    copyFileSync(path.join(fixturesDir, fixture, file), path.join(content, to));
  };
  from('DP402-admission-matches-passes', 'decisions/alpha.yaml', 'decisions/beta.yaml');
  from('DP402-admission-matches-passes', 'evidence/alpha-admission.yaml');
  from('DP402-admission-matches-passes', 'evidence/alpha-stage2.yaml');
  from('DP700-branch-b-adapter-passes', 'decisions/alpha.yaml', 'decisions/gamma.yaml');
  from('DP700-branch-b-adapter-passes', 'evidence/alpha-local-route.yaml');
  return content;
}
