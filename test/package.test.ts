// The package from outside: `npm pack`, the tarball installed into a temporary folder that is its
// own git repository with its own content, and `npx decision-packet …` run there as a team would.
// One install serves every case (it is the slow part). Then a minimal Astro site of the team's
// own adds the integration and builds.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fake } from './helpers/fake-secrets.ts';
import { projectRoot } from './helpers/fixtures.ts';
import { runProcess, type RunResult } from './helpers/run.ts';

let workDir: string;
let repo: string;
let installed: string;
let installedBefore: Map<string, string>;

/**
 * What npm needs to reach the registry from this machine: its proxy and the certificate authorities
 * the machine trusts (a TLS-inspecting proxy signs with its own). Nothing else of the caller's
 * environment reaches the commands under test.
 */
const registryEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|HTTPS?_PROXY|NO_PROXY)$/i.test(name)),
);

/** Runs a command in `cwd` with the project's Node first on PATH (npm itself may run on another). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runProcess(command, args, {
    cwd,
    env: {
      ...registryEnv,
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
      HOME: process.env.HOME,
      PACKET_TODAY: '2026-11-24',
      ...env,
    },
  });
}

const packet = (args: string[], cwd = repo, env: NodeJS.ProcessEnv = {}) =>
  run('npx', ['--no-install', 'decision-packet', ...args], cwd, env);

async function git(args: string[], cwd = repo): Promise<string> {
  const result = await run(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
    cwd,
  );
  if (result.code !== 0) throw new Error(`git ${args[0]} exited ${result.code}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Every file below `dir` with its size and modification time: what "nothing was written" compares. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const info = statSync(file);
    files.set(path.relative(dir, file), entry.isDirectory() ? 'dir' : `${info.size}:${info.mtimeMs}`);
  }
  return files;
}

/** A host site of its own in `sites/<name>/` (no package.json: npx finds the repository's packages). */
function hostSite(name: string, files: Record<string, string>): string {
  const site = path.join(repo, 'sites', name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), text);
  }
  return site;
}

const ownHomeAndNotFound = {
  'src/pages/index.astro': '---\n---\n<html lang="en"><head><title>Home</title></head><body><h1>Team home</h1></body></html>\n',
  'src/pages/404.astro': '---\n---\n<html lang="en"><head><title>404</title></head><body><h1>Team not found</h1></body></html>\n',
};

/** A Starlight docs site with the plugin, the loaders in its content config and a page of its own reading them. */
function starlightSite(content: string): Record<string, string> {
  const options = `{ content: '${content}' }`;
  return {
    'astro.config.mjs': `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nimport { starlightDecisionPacket } from 'decision-packet';\n\nexport default defineConfig({\n  integrations: [starlight({ title: 'Platform docs', plugins: [starlightDecisionPacket({ content: '${content}', prefix: 'decisions' })] })],\n});\n`,
    'src/content.config.ts': `import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nimport { decisionPackets, decisionWorkItems } from 'decision-packet';\n\nexport const collections = {\n  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),\n  decisions: defineCollection({ loader: decisionPackets(${options}) }),\n  workItems: defineCollection({ loader: decisionWorkItems(${options}) }),\n};\n`,
    'src/content/docs/index.md': '---\ntitle: Platform docs\n---\nWelcome to the platform.\n',
    'src/content/docs/guides/deploying.md': '---\ntitle: Deploying\n---\nHow we deploy.\n',
    'src/pages/team-decisions.astro': `---\nimport { getCollection } from 'astro:content';\nconst decisions = await getCollection('decisions');\n---\n<html lang="en"><head><title>Decisions</title></head><body><ul>{decisions.map((entry) => <li>{entry.id}: {entry.data.kind}</li>)}</ul></body></html>\n`,
  };
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'decision-packet-pack-'));
  const packed = await run('npm', ['pack', '--pack-destination', workDir], projectRoot);
  if (packed.code !== 0) throw new Error(`npm pack exited ${packed.code}:\n${packed.stderr}`);
  const tarball = readdirSync(workDir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');

  repo = path.join(workDir, 'team-planning');
  mkdirSync(repo);
  await git(['init', '-q', '-b', 'main']);
  writeFileSync(path.join(repo, 'package.json'), `${JSON.stringify({ name: 'team-planning', private: true, type: 'module' }, null, 2)}\n`);
  // Starlight too (the host-site cases below), at the version this project tests against.
  const starlight = `@astrojs/starlight@${(JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@astrojs/starlight']}`;
  const install = await run(
    'npm',
    ['install', '-D', path.join(workDir, tarball), starlight, '--prefer-offline', '--no-audit', '--no-fund'],
    repo,
  );
  if (install.code !== 0) throw new Error(`npm install exited ${install.code}:\n${install.stderr}`);
  installed = path.join(repo, 'node_modules', 'decision-packet');
  installedBefore = snapshot(installed);
}, 600_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed package, installed in a repository of its own', () => {
  it('ships compiled JavaScript and no TypeScript loader is needed', () => {
    expect(existsSync(path.join(installed, 'lib/cli/main.js'))).toBe(true);
    // check's bundle (scripts/bundle-check.ts), with the secret engine's worker entry beside its chunks.
    expect(existsSync(path.join(installed, 'lib/check/main.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'lib/check/engine-worker.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'lib/index.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'action.yml'))).toBe(true);
    expect(existsSync(path.join(installed, 'test'))).toBe(false);
  });

  it('init writes a starter content folder (a kind, a PRD, a decision in its safe state, a work item, evidence of the first commit) and a workflow that uses the action; check passes on it', async () => {
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
    await git(['add', 'package.json', '.gitignore']);
    await git(['commit', '-q', '-m', 'Start']);
    const first = await git(['rev-parse', 'HEAD']);
    const init = await packet(['init']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Extended .gitignore with dist/, .astro/.');
    for (const file of [
      'content/kinds/team-decision.yaml',
      'content/decisions/first-decision.yaml',
      'content/prds/first-decision.md',
      'content/repositories.yaml',
      'content/work-items/WORK-1.yaml',
      'content/evidence/first-commit.yaml',
      '.github/workflows/decision-packet.yml',
    ]) {
      expect(existsSync(path.join(repo, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(repo, 'content/evidence/first-commit.yaml'), 'utf8')).toContain(`commit: "${first}"`);
    const workflow = readFileSync(path.join(repo, '.github/workflows/decision-packet.yml'), 'utf8');
    expect(workflow).toContain('uses: ./node_modules/decision-packet');
    expect(workflow).toContain('content: "content"');
    expect(workflow).toContain('uses: actions/configure-pages@v5');
    expect(workflow).toContain('decision-packet diff --base "origin/$BASE_REF" --content "content" --summary > review.md');
    expect(workflow).not.toContain('{{content}}');

    const again = await packet(['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has files');

    const check = await packet(['check']);
    expect(check.stdout).toContain('content is valid');
    expect(check.code).toBe(0);
    const decision = readFileSync(path.join(repo, 'content/decisions/first-decision.yaml'), 'utf8');
    expect(decision).toMatch(/^kind: team-decision$/m);
    expect(decision).toMatch(/^status: open$/m);
  });

  it('check runs its bundle: a few dozen modules, and the secret scan still finds a secret', async () => {
    const listing = path.join(workDir, 'check-modules.txt');
    const recorder = `import { registerHooks, isBuiltin } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
const loaded = [];
registerHooks({ load(url, context, next) { if (!isBuiltin(url)) loaded.push(url); return next(url, context); } });
if (isMainThread) process.on('exit', () => writeFileSync(${JSON.stringify(listing)}, loaded.join('\\n')));`;
    const bin = path.join(repo, 'node_modules/decision-packet/bin/decision-packet.js');
    const valid = await run(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(recorder)}`, bin, 'check'], repo);
    expect(valid.code).toBe(0);
    const modules = readFileSync(listing, 'utf8').split('\n');
    expect(modules.filter((url) => url.includes('/decision-packet/lib/check/')).length).toBeGreaterThan(0);
    // Unbundled, check loads about 480 modules (zod, yaml, micromark, the rules, …).
    expect(modules.length).toBeLessThan(100);

    cpSync(path.join(repo, 'content'), path.join(repo, 'secret-content'), { recursive: true });
    writeFileSync(path.join(repo, 'secret-content/prds/first-decision.md'), `\n${fake.privateKey()}\n`, { flag: 'a' });
    const leaked = await packet(['check', '--content', 'secret-content', '--format', 'json']);
    rmSync(path.join(repo, 'secret-content'), { recursive: true });
    expect(leaked.code).toBe(1);
    expect((JSON.parse(leaked.stdout) as { rule: string; file: string }[]).map(({ rule, file }) => ({ rule, file }))).toEqual([
      { rule: 'DP600', file: 'secret-content/prds/first-decision.md' },
    ]);
  });

  it('new writes a decision of the starter kind in its safe state, with the PRD and work item it names; check passes', async () => {
    const created = await packet(['new', 'team-decision', 'second-decision']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const record = readFileSync(path.join(repo, 'content/decisions/second-decision.yaml'), 'utf8');
    expect(record).toMatch(/^kind: "team-decision"$/m);
    expect(record).toMatch(/^status: "open"$/m);
    expect(record).toMatch(/^prd: "second-decision"/m);
    const check = await packet(['check']);
    expect(check.code).toBe(0);
    for (const file of ['decisions/second-decision.yaml', 'prds/second-decision.md', 'work-items/second-decision-follow-up.yaml']) {
      rmSync(path.join(repo, 'content', file));
    }
  });

  it('import adr converts a folder of ADRs into the ADR preset, from the installed package', async () => {
    expect(existsSync(path.join(installed, 'examples/adr/kinds/adr.yaml'))).toBe(true);
    const imported = await packet(['import', 'adr', path.join(projectRoot, 'test/fixtures/adr-corpus'), '--content', 'adr-content']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(1); // the corpus holds two ADRs it reports
    expect(imported.stdout).toContain('Imported 11 ADRs and the kind adr-content/kinds/adr.yaml.');
    expect(existsSync(path.join(repo, 'adr-content/decisions/0004-use-postgresql-for-persistence.md'))).toBe(true);
    rmSync(path.join(repo, 'adr-content'), { recursive: true });
  });

  it('build writes the site from this repository and says it was built from its commit', async () => {
    await git(['add', '-A']);
    await git(['commit', '-q', '-m', 'Planning content']);
    const head = await git(['rev-parse', 'HEAD']);
    const build = await packet(['build', '--out', 'site']);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('built into site/');
    const page = readFileSync(path.join(repo, 'site/packets/first-decision/index.html'), 'utf8');
    expect(page).toContain(`<code class="commit">${head}</code>`);
    expect(existsSync(path.join(repo, 'site/pagefind'))).toBe(true);
    expect(existsSync(path.join(repo, 'dist'))).toBe(false);
  });

  it('exits 1 on invalid content and names the file relative to the repository, from a subfolder too', async () => {
    cpSync(path.join(repo, 'content'), path.join(repo, 'planning/broken'), { recursive: true });
    // local_path is relative to the content folder: the copy sits two folders deeper.
    const repositories = path.join(repo, 'planning/broken/repositories.yaml');
    writeFileSync(repositories, readFileSync(repositories, 'utf8').replace('local_path: ".."', 'local_path: "../.."'));
    const decision = path.join(repo, 'planning/broken/decisions/first-decision.yaml');
    writeFileSync(decision, readFileSync(decision, 'utf8').replace(/^status: open$/m, 'status: opened'));
    const sub = path.join(repo, 'tools');
    mkdirSync(sub);

    const github = await packet(['check', '--content', '../planning/broken', '--format', 'github'], sub);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=planning\/broken\/decisions\/first-decision\.yaml,line=\d+,col=\d+,title=DP201 /m);
    expect(github.stdout).not.toContain('file=../');

    // Under Actions the workspace is the root, whatever the working directory.
    const actions = await packet(['check', '--content', 'broken'], path.join(repo, 'planning'), {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: repo,
    });
    expect(actions.code).toBe(1);
    expect(actions.stdout).toMatch(/^::error file=planning\/broken\/decisions\/first-decision\.yaml,/m);

    const quality = await packet(['check', '--content', 'planning/broken', '--format', 'codequality']);
    expect(quality.code).toBe(1);
    const entries = JSON.parse(quality.stdout) as {
      check_name: string;
      location: { path: string; lines: { begin: number } };
      fingerprint: string;
    }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.check_name).toBe('DP201');
    expect(entries[0]!.location.path).toBe('planning/broken/decisions/first-decision.yaml');
    expect(entries[0]!.location.lines.begin).toBeGreaterThan(1);
    expect(entries[0]!.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const build = await packet(['build', '--content', 'planning/broken', '--out', 'broken-site']);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('planning/broken/decisions/first-decision.yaml');
    expect(existsSync(path.join(repo, 'broken-site'))).toBe(false);
  });

  it('exits 2 on usage errors, an unknown command, and a Node older than 22.12', async () => {
    const unknownOption = await packet(['check', '--no-such-option']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('Unknown argument');
    const unknownCommand = await packet(['publish']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('Unknown command');
    const noKind = await packet(['new', 'no-such-kind', 'second-decision']);
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toContain('No kind file');

    const bin = path.join(installed, 'bin/decision-packet.js');
    const oldNode = await run(
      process.execPath,
      ['--import', 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.19.0"})', bin, 'check'],
      repo,
    );
    expect(oldNode.code).toBe(2);
    expect(oldNode.stderr).toContain('needs Node.js 22.12 or newer');
    expect(oldNode.stderr).toContain('this is Node.js 20.19.0');
  });

  it("adds the integration to the team's own Astro site, next to its own pages", async () => {
    writeFileSync(
      path.join(repo, 'astro.config.mjs'),
      `import { defineConfig } from 'astro/config';\nimport { decisionPacket } from 'decision-packet';\n\nexport default defineConfig({\n  outDir: './team-site',\n  integrations: [decisionPacket({ content: './content' })],\n});\n`,
    );
    mkdirSync(path.join(repo, 'src/pages'), { recursive: true });
    writeFileSync(
      path.join(repo, 'src/pages/team.astro'),
      '---\n---\n<html lang="en"><head><title>Team</title></head><body><h1>Our team</h1></body></html>\n',
    );
    const build = await run('npx', ['--no-install', 'astro', 'build'], repo);
    expect(build.code, build.stderr).toBe(0);
    expect(readFileSync(path.join(repo, 'team-site/team/index.html'), 'utf8')).toContain('Our team');
    expect(readFileSync(path.join(repo, 'team-site/packets/first-decision/index.html'), 'utf8')).toContain('first-decision');
    expect(existsSync(path.join(repo, 'team-site/guides/writing-a-packet/index.html'))).toBe(true);
    expect(existsSync(path.join(repo, 'team-site/pagefind'))).toBe(true);
  });

  it("keeps a prefixed site under its prefix and Astro's base, beside the host's own / and /404", async () => {
    const site = hostSite('plain', {
      'astro.config.mjs': `import { defineConfig } from 'astro/config';\nimport { decisionPacket } from 'decision-packet';\n\nexport default defineConfig({\n  base: '/docs',\n  integrations: [decisionPacket({ content: '../../content', prefix: 'decisions' })],\n});\n`,
      ...ownHomeAndNotFound,
    });
    const build = await run('npx', ['--no-install', 'astro', 'build'], site);
    expect(build.code, build.stderr).toBe(0);
    expect(`${build.stdout}${build.stderr}`).not.toMatch(/collision|conflicts with/i);
    const dist = path.join(site, 'dist');
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('Team home');
    expect(readFileSync(path.join(dist, '404.html'), 'utf8')).toContain('Team not found');
    expect(readdirSync(dist).sort()).toEqual(['.decision-packet-build', '404.html', '_astro', 'decisions', 'index.html']);
    const page = readFileSync(path.join(dist, 'decisions/packets/first-decision/index.html'), 'utf8');
    const links = [...page.matchAll(/(?:href|src|action|data-header-search)="(\/[^"]*)"/g)].map((match) => match[1]!);
    expect(links).toContain('/docs/decisions/theme.js');
    expect(links.filter((link) => !link.startsWith('/docs/decisions/') && !link.startsWith('/docs/_astro/'))).toEqual([]);
    for (const file of ['decisions/index.html', 'decisions/theme.js', 'decisions/packets.json', 'decisions/pagefind/pagefind.js'])
      expect(existsSync(path.join(dist, file)), file).toBe(true);
  });

  it("at the root, leaves the host's own / and /404 to it: no route collision", async () => {
    const site = hostSite('root', {
      'astro.config.mjs': `import { defineConfig } from 'astro/config';\nimport { decisionPacket } from 'decision-packet';\n\nexport default defineConfig({ integrations: [decisionPacket({ content: '../../content' })] });\n`,
      ...ownHomeAndNotFound,
    });
    const build = await run('npx', ['--no-install', 'astro', 'build'], site);
    expect(build.code, build.stderr).toBe(0);
    expect(`${build.stdout}${build.stderr}`).not.toMatch(/collision|conflicts with/i);
    expect(readFileSync(path.join(site, 'dist/index.html'), 'utf8')).toContain('Team home');
    expect(readFileSync(path.join(site, 'dist/404.html'), 'utf8')).toContain('Team not found');
    expect(existsSync(path.join(site, 'dist/packets/first-decision/index.html'))).toBe(true);
  });

  it("renders the packets inside a Starlight site's layout, sidebar and search; the loaders give typed collections", async () => {
    const site = hostSite('starlight', starlightSite('../../content'));
    const build = await run('npx', ['--no-install', 'astro', 'build'], site);
    expect(build.code, build.stderr).toBe(0);
    expect(`${build.stdout}${build.stderr}`).not.toMatch(/collision|conflicts with/i);
    const dist = path.join(site, 'dist');
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('Welcome to the platform');
    expect(readFileSync(path.join(dist, '404.html'), 'utf8')).toContain('Platform docs');
    for (const file of [
      'decisions/index.html',
      'decisions/packets/first-decision/index.html',
      'decisions/work-items/WORK-1/index.html',
      'decisions/rules/index.html',
      'decisions/guides/ci/index.html',
    ]) {
      const page = readFileSync(path.join(dist, file), 'utf8');
      expect(page, file).toContain('id="starlight__sidebar"');
      expect(page, file).toMatch(/<header class="header[ "]/);
      expect(page, file).toMatch(/class="group-label[^"]*"><span class="large[^"]*">Decisions</);
      // Starlight shows the title: the page has one h1, not ours beside it.
      expect(page.match(/<h1[ >]/g), file).toHaveLength(1);
    }
    // Our content keeps its styles, in the host's colours, without our header and footer.
    const packetPage = readFileSync(path.join(dist, 'decisions/packets/first-decision/index.html'), 'utf8');
    const styles = [...packetPage.matchAll(/<link rel="stylesheet" href="\/(_astro\/[^"]+\.css)"/g)]
      .map((match) => readFileSync(path.join(dist, match[1]!), 'utf8'))
      .join('\n');
    expect(packetPage).toContain('class="decision-packet not-content"');
    expect(styles).toContain('.decision-packet');
    expect(styles).toContain('--tone-0-fg');
    expect(['.site-footer', 'main.wide'].filter((rule) => styles.includes(rule))).toEqual([]);
    // The packet's sections are listed in Starlight's own "On this page", and ours is left out.
    expect(packetPage).toMatch(/<starlight-toc[^]*<a href="#state"[^>]*>[^]*State</);
    expect(packetPage).not.toContain('class="toc on-this-page"');
    // One search for the whole docs site: Starlight's Pagefind indexed the packet; ours wrote nothing.
    expect(existsSync(path.join(dist, 'decisions/pagefind'))).toBe(false);
    const fragments = readdirSync(path.join(dist, 'pagefind/fragment')).map((name) =>
      gunzipSync(readFileSync(path.join(dist, 'pagefind/fragment', name))).toString('utf8'),
    );
    expect(fragments.some((text) => text.includes('"url":"/decisions/packets/first-decision/"') && text.includes('first-decision'))).toBe(
      true,
    );
    // The host's own page reads the loaders' collections; Astro wrote their entry types from the kinds.
    expect(readFileSync(path.join(dist, 'team-decisions/index.html'), 'utf8')).toContain('first-decision: team-decision');
    expect(readFileSync(path.join(site, '.astro/loaders/decisions.ts'), 'utf8')).toMatch(/^export type Entry = .*"kind": "team-decision"/m);
  });

  it('fails a Starlight host build closed on invalid content, with the rule id and no content value', async () => {
    cpSync(path.join(repo, 'content'), path.join(repo, 'broken-content'), { recursive: true });
    const decision = path.join(repo, 'broken-content/decisions/first-decision.yaml');
    writeFileSync(decision, readFileSync(decision, 'utf8').replace(/^status: open$/m, 'status: openzzq'));
    const site = hostSite('starlight-broken', starlightSite('../../broken-content'));
    const build = await run('npx', ['--no-install', 'astro', 'build'], site);
    const output = `${build.stdout}${build.stderr}`;
    expect(build.code).not.toBe(0);
    expect(output).toContain('DP201');
    expect(output).toContain('broken-content/decisions/first-decision.yaml');
    expect(output).not.toContain('openzzq');
    expect(existsSync(path.join(site, 'dist/decisions'))).toBe(false);
  });

  it('wrote no file inside the installed package', () => {
    expect(snapshot(installed)).toEqual(installedBefore);
  });
});
