// The shipped evidence is verified against this repository's own clone: a real commit passes, a
// commit id that does not exist here is refused (DP504), a path absent at the commit too (DP505).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/fixtures.ts';
import { validate } from '../src/validate/validate.ts';

function shippedContentCopy(edit: (evidence: string) => string): string {
  const content = path.join(mkdtempSync(path.join(tmpdir(), 'decision-packet-verify-')), 'content');
  cpSync(path.join(projectRoot, 'content'), content, { recursive: true });
  const repositories = path.join(content, 'repositories.yaml');
  writeFileSync(repositories, readFileSync(repositories, 'utf8').replace('local_path: ..', `local_path: ${JSON.stringify(projectRoot)}`));
  const evidence = path.join(content, 'evidence/decision-packet-validator.yaml');
  writeFileSync(evidence, edit(readFileSync(evidence, 'utf8')));
  return content;
}

const check = (content: string) =>
  validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-24', requireVerifiedEvidence: true });

describe('verifying the shipped evidence against this repository', () => {
  it('verifies the real commits and paths', async () => {
    const result = await check(shippedContentCopy((text) => text));
    expect(result.issues).toEqual([]);
    expect([...result.verification.values()].map((entry) => entry.status)).toEqual(['verified', 'verified']);
  });

  it('refuses a well-formed commit id that does not exist here (DP504)', async () => {
    const result = await check(
      shippedContentCopy((text) => text.replace(/commit: "[0-9a-f]{40}"/, `commit: "${'0123456789abcdef'.repeat(3).slice(0, 40)}"`)),
    );
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP504', file: 'content/evidence/decision-packet-validator.yaml', line: 7, field: 'commit' }),
    ]);
  });

  it('refuses a path that does not exist at the commit (DP505)', async () => {
    const result = await check(
      shippedContentCopy((text) => text.replace('path: src/validate/validate.ts', 'path: src/validate/not-there.ts')),
    );
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP505', file: 'content/evidence/decision-packet-validator.yaml', line: 6, field: 'path' }),
    ]);
  });
});
