// A build of content holding secrets: exit 1, and no secret in the output, in dist/, in the
// project's .astro/ or in Astro's cache.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fake } from './helpers/fake-secrets.ts';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { runCli } from './helpers/run.ts';

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('building content that holds secrets', () => {
  it('exits 1, reports DP600 by location, and the values are nowhere', async () => {
    const secrets = {
      github: fake.github(),
      aws: fake.awsKeyId(),
      anthropic: fake.anthropic(),
      urlPassword: fake.urlPassword(),
      privateKey: fake.privateKey(),
    };
    const content = makeContent();
    writeFileSync(
      path.join(content, 'decisions/alpha.yaml'),
      `${readFileSync(path.join(content, 'decisions/alpha.yaml'), 'utf8')}# token: ${secrets.github}\n`,
    );
    writeFileSync(
      path.join(content, 'work-items/ALPHA-2.yaml'),
      `title: Alpha local adapter\nstatus: blocked\nblocked_reason: key ${secrets.aws} pending\n`,
    );
    const prd = readFileSync(path.join(content, 'prds/alpha.md'), 'utf8');
    writeFileSync(
      path.join(content, 'prds/alpha.md'),
      `${prd}\nUse ${secrets.anthropic} against https://deploy:${secrets.urlPassword}@example.com/api\n\n\`\`\`\n${secrets.privateKey}\n\`\`\`\n`,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-secret-build-'));
    const out = path.join(dir, 'dist');
    const cache = path.join(dir, 'cache');
    const result = await runCli('build', ['--format', 'json'], {
      PACKET_CONTENT_DIR: content,
      PACKET_OUT_DIR: out,
      PACKET_CACHE_DIR: cache,
      PACKET_TODAY: '2026-11-24',
    });

    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout) as { rule: string; file: string; line: number }[];
    const files = new Set(issues.filter((issue) => issue.rule === 'DP600').map((issue) => issue.file.replace(/^.*content\//, '')));
    expect([...files].sort()).toEqual(['decisions/alpha.yaml', 'prds/alpha.md', 'work-items/ALPHA-2.yaml']);
    expect(existsSync(out)).toBe(false);

    const places = [
      result.stdout + result.stderr,
      ...[...filesUnder(cache), ...filesUnder(path.join(projectRoot, '.astro'))].map((file) => readFileSync(file, 'latin1')),
    ];
    for (const value of Object.values(secrets)) {
      const pieces = [value, ...value.split('\n').filter((line) => line.length >= 16)];
      for (const place of places) {
        for (const piece of pieces) expect(place.includes(piece), 'a secret piece leaked').toBe(false);
      }
    }
  });
});
