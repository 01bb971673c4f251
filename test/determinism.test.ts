// Two builds of the same content give byte-identical output, whatever the time zone, the locale
// and the order in which the content files were created.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runCli } from './helpers/run.ts';

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? listFiles(root, full) : [path.relative(root, full)];
    });
}

/** Copies `source` to `target`, creating files in the given order (forward or reversed). */
function copyInOrder(source: string, target: string, reverse: boolean): void {
  const files = listFiles(source);
  for (const file of reverse ? [...files].reverse() : files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    writeFileSync(path.join(target, file), readFileSync(path.join(source, file)));
  }
}

function digest(root: string): Map<string, string> {
  return new Map(
    listFiles(root).map((file) => [
      file,
      createHash('sha256')
        .update(readFileSync(path.join(root, file)))
        .digest('hex'),
    ]),
  );
}

describe('deterministic output', () => {
  it('two builds under different TZ, LC_ALL and file creation order are byte-identical', async () => {
    const dir = makeBuildDir('determinism');
    const builds = [
      { name: 'a', reverse: false, env: { TZ: 'UTC', LC_ALL: 'C', LANG: 'C' } },
      { name: 'b', reverse: true, env: { TZ: 'Pacific/Kiritimati', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8' } },
    ];
    const outputs: Map<string, string>[] = [];
    for (const build of builds) {
      const content = path.join(dir, build.name, 'content');
      copyInOrder(path.join(projectRoot, 'content'), content, build.reverse);
      // The copy lives outside the repository: point local_path back at this clone.
      const repositories = path.join(content, 'repositories.yaml');
      writeFileSync(
        repositories,
        readFileSync(repositories, 'utf8').replace('local_path: ..', `local_path: ${JSON.stringify(projectRoot)}`),
      );
      const out = path.join(dir, build.name, 'dist');
      const result = await runCli('build', [], {
        ...build.env,
        PACKET_CONTENT_DIR: content,
        PACKET_OUT_DIR: out,
        PACKET_CACHE_DIR: path.join(dir, build.name, 'cache'),
        SOURCE_DATE_EPOCH: '1795000000',
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      outputs.push(digest(out));
    }
    const [first, second] = outputs as [Map<string, string>, Map<string, string>];
    expect(first.size).toBeGreaterThan(10);
    expect([...second.keys()]).toEqual([...first.keys()]);
    const differing = [...first.keys()].filter((file) => first.get(file) !== second.get(file));
    expect(differing).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
