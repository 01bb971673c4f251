// The dev server revalidates incrementally (src/validate/validation-cache.ts): after each edit only
// the files it touched are parsed and scanned again. Its result must equal a full validation's,
// whatever the edit: seeded random edits (values, lines, keys, secrets, bytes, removed and
// restored files), each judged both ways.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate-content.ts';
import { validate } from '../src/validate/validate.ts';
import type { ValidationResult } from '../src/core/validation-result.ts';
import { createValidationCache } from '../src/validate/validation-cache.ts';
import { fake, seededRandom } from './helpers/fake-secrets.ts';

const today = '2026-11-24';

function contentFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

type Edit = (text: string, random: () => number) => string | Uint8Array | undefined;

const lineOf = (lines: string[], random: () => number) => Math.floor(random() * lines.length);

/** Each returns the file's new content, or undefined to remove the file. */
const edits: Record<string, Edit> = {
  'change a line': (text, random) => {
    const lines = text.split('\n');
    const index = lineOf(lines, random);
    lines[index] = `${lines[index]!} changed`;
    return lines.join('\n');
  },
  'drop a line': (text, random) => {
    const lines = text.split('\n');
    lines.splice(lineOf(lines, random), 1);
    return lines.join('\n');
  },
  'repeat a line': (text, random) => {
    const lines = text.split('\n');
    const index = lineOf(lines, random);
    lines.splice(index, 0, lines[index]!);
    return lines.join('\n');
  },
  'add a secret': (text) => `${text.trimEnd()}\nnote: "${fake.github()}"\n`,
  'break the bytes': (text) => Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe])]),
  'remove the file': () => undefined,
};

const judged = (result: ValidationResult) => ({ ok: result.ok, issues: result.issues, secrets: [...result.secrets].sort() });

describe('incremental revalidation', () => {
  it('gives what a full validation gives, after each of many seeded random edits', { timeout: 300_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'incremental-'));
    const { contentDir } = generateContent(root, 4, { git: false });
    const originals = new Map(contentFiles(contentDir).map((file) => [file, readFileSync(path.join(contentDir, file))]));
    const files = [...originals.keys()];
    const cache = createValidationCache();
    const options = { contentDir, cwd: root, today };
    expect(judged(await validate({ ...options, cache }))).toEqual(judged(await validate(options)));

    const random = seededRandom(24);
    const names = Object.keys(edits);
    let invalid = 0;
    for (let step = 0; step < 16; step += 1) {
      const file = files[Math.floor(random() * files.length)]!;
      const absolute = path.join(contentDir, file);
      // Every fourth step puts a file back as it was: the cache then meets bytes it saw before.
      const name = step % 4 === 3 ? 'restore' : names[Math.floor(random() * names.length)]!;
      const before = originals.get(file)!.toString('utf8');
      const after = name === 'restore' ? originals.get(file) : edits[name]!(before, random);
      if (after === undefined) rmSync(absolute, { force: true });
      else writeFileSync(absolute, after);

      const incremental = judged(await validate({ ...options, cache }));
      const full = judged(await validate(options));
      expect(incremental, `step ${step}: ${name} ${file}`).toEqual(full);
      if (!full.ok) invalid += 1;
    }
    // The edits did break the content, so the comparison judged failures, not only passes.
    expect(invalid).toBeGreaterThan(4);
    rmSync(root, { recursive: true, force: true });
  });

  it('parses again only the file an edit touched', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'incremental-'));
    const { contentDir } = generateContent(root, 3, { git: false });
    const cache = createValidationCache();
    const options = { contentDir, cwd: root, today, cache };
    await validate(options);
    const first = new Map(cache.reads.files);
    const edited = contentFiles(contentDir).find((file) => file.startsWith('work-items/'))!;
    const absolute = path.join(contentDir, edited);
    writeFileSync(absolute, readFileSync(absolute, 'utf8').replace(/^title: (.*)$/m, 'title: $1 (edited)'));
    const result = await validate(options);
    expect(result.ok).toBe(true);
    const reparsed = [...cache.reads.files].filter(([key, read]) => first.get(key) !== read).map(([key]) => key);
    expect(reparsed).toHaveLength(1);
    expect(reparsed[0]).toContain(edited);
    rmSync(root, { recursive: true, force: true });
  });
});
