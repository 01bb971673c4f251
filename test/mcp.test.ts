// `decision-packet mcp` driven by the SDK's own Client over stdio: the four read-only tools
// answer with the commit and the gate's verdict, no tool writes, and content that breaks a rule
// gives no decision at all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { projectRoot, withoutApprovals } from './helpers/fixtures.ts';
import { commitAll, git, gitTestEnv, removeScratch, scratch, writeFiles } from './helpers/git-repo.ts';

afterAll(removeScratch);

function adr(id: string, status: string, extra: string): string {
  return `---\nkind: adr\ntitle: "ADR ${id} about storage"\nstatus: ${status}\n${extra}---\n\n# ADR ${id}\n\nText.\n`;
}
const accepted = 'deciders: [platform team]\ndate: 2026-01-05\n';

function repository(): { repo: string; first: string; head: string } {
  const repo = path.join(scratch, 'mcp-repo');
  // The tools are judged here, not approvals: the kind's acceptance policy is left out.
  writeFiles(repo, { 'content/kinds/adr.yaml': withoutApprovals(readFileSync(path.join(projectRoot, 'examples/adr/kinds/adr.yaml'), 'utf8')) });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'user.name', 'Test Author']);
  git(repo, ['config', 'user.email', 'author@example.test']);
  writeFiles(repo, { 'src/store/db.ts': 'export {};\n', 'content/decisions/adr-0001.md': adr('0001', 'accepted', `${accepted}governs: [src/store/**]\n`) });
  const first = commitAll(repo, 'accept 0001', '2026-01-10T12:00:00+00:00');
  writeFiles(repo, {
    'content/decisions/adr-0001.md': adr('0001', 'superseded', 'date: 2026-02-01\nsuperseded_by: adr-0002\n'),
    'content/decisions/adr-0002.md': adr('0002', 'accepted', `${accepted}governs: [src/**]\n`),
  });
  const head = commitAll(repo, 'supersede 0001', '2026-02-10T12:00:00+00:00');
  return { repo, first, head };
}

async function connect(repo: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(projectRoot, 'src/cli/mcp.ts')],
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PACKET_TODAY: '2026-11-24', ...gitTestEnv },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

type Answer = Record<string, any>;
async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Answer> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as Answer;
}

describe('decision-packet mcp', () => {
  it('answers the four read-only tools over stdio with the commit and the verdict, refuses writes, and gives nothing when the gate fails', async () => {
    const { repo, first, head } = repository();
    const client = await connect(repo);
    try {
      const tools = (await client.listTools()).tools;
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_decision', 'governing_decisions', 'list_superseded', 'search_decisions']);
      for (const tool of tools) expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });

      const search = await call(client, 'search_decisions', { query: 'STORAGE 0002' });
      expect(search).toMatchObject({ commit: head, gate: 'pass', decisions: [{ id: 'adr-0002', state: 'accepted' }] });

      const decision = await call(client, 'get_decision', { id: 'adr-0001', as_of: first });
      expect(decision).toMatchObject({ commit: first, gate: 'pass', decision: { state: 'accepted', governs: ['src/store/**'] }, blocked: [] });

      const governing = await call(client, 'governing_decisions', { paths: ['src/store/db.ts'] });
      expect(governing).toMatchObject({ commit: head, gate: 'pass', paths: [{ path: 'src/store/db.ts', governing: [{ id: 'adr-0002' }] }] });
      const before = await call(client, 'governing_decisions', { paths: ['src/store/db.ts'], as_of: '2026-01-31' });
      expect(before).toMatchObject({ commit: first, paths: [{ governing: [{ id: 'adr-0001' }] }] });

      const superseded = await call(client, 'list_superseded', {});
      expect(superseded).toMatchObject({ commit: head, gate: 'pass', decisions: [{ id: 'adr-0001', successors: ['adr-0002'] }] });

      // No tool writes: a write is no tool of this server, and a bad path is a tool error.
      for (const name of ['approve', 'write_decision', 'update_decision']) {
        const refused = await client.callTool({ name, arguments: { id: 'adr-0001' } }).catch((error: unknown) => ({ isError: true, error }));
        expect(refused.isError).toBe(true);
      }
      expect((await client.callTool({ name: 'governing_decisions', arguments: { paths: ['../etc/passwd'] } })).isError).toBe(true);
      expect(git(repo, ['status', '--porcelain'])).toBe('');

      // The content at HEAD now breaks a rule: every answer says so and names no decision.
      writeFiles(repo, { 'content/decisions/adr-0002.md': adr('0002', 'nonsense', '') });
      const broken = commitAll(repo, 'break 0002', '2026-03-10T12:00:00+00:00');
      const undetermined = await call(client, 'governing_decisions', { paths: ['src/store/db.ts'] });
      expect(undetermined).toMatchObject({ commit: broken, gate: 'fail', determined: false, paths: [{ governing: null }] });
      expect(undetermined.rules_failed).toContain('DP201');
      expect(await call(client, 'search_decisions', { query: 'adr' })).toMatchObject({ gate: 'fail', decisions: null });
      expect(await call(client, 'get_decision', { id: 'adr-0001' })).toMatchObject({ gate: 'fail', decision: null });
      expect(await call(client, 'list_superseded', {})).toMatchObject({ gate: 'fail', decisions: null });
    } finally {
      await client.close();
    }
  });
});
