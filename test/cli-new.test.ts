// `decision-packet new <kind> <id>`: a decision record of a kind, in the kind's safe state, with a
// placeholder for each field that state needs; never an overwrite; exit 2 on usage errors.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/fixtures.ts';
import { runProcess, type RunResult } from './helpers/run.ts';

const kindFile = `title: Architecture decision
state_field: status
safe_state: proposed
common:
  owner: { type: line, requirement: "who answers for it" }
  context: text
  links: { type: line_list, optional: true }
states:
  proposed:
    label: Proposed
    requires:
      review: { type: mapping, fields: { due: date } }
  accepted:
    label: Accepted
    requires:
      effect: { type: exact, value: "fixed" }
transitions:
  proposed: [accepted]
`;

function newRecord(args: string[], cwd: string): Promise<RunResult> {
  return runProcess(process.execPath, [path.join(projectRoot, 'bin/decision-packet.js'), 'new', ...args], { cwd });
}

function folderWithKind(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-new-'));
  mkdirSync(path.join(dir, 'planning/kinds'), { recursive: true });
  writeFileSync(path.join(dir, 'planning/kinds/adr.yaml'), kindFile);
  return dir;
}

describe('decision-packet new', () => {
  it('writes the record in the safe state with the fields that state needs', async () => {
    const dir = folderWithKind();
    const result = await newRecord(['adr', 'use-postgres', '--content', 'planning'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('planning/decisions/use-postgres.yaml');
    const text = readFileSync(path.join(dir, 'planning/decisions/use-postgres.yaml'), 'utf8');
    expect(parse(text)).toEqual({ kind: 'adr', status: 'proposed', owner: '', context: '', review: { due: '' } });
    expect(text).toContain('owner: "" # line: who answers for it');
  });

  it('writes decisions/<id>.md, frontmatter and a body to fill in, for a kind with body: own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-new-'));
    cpSync(path.join(projectRoot, 'examples/adr'), path.join(dir, 'planning'), { recursive: true });
    const result = await newRecord(['adr', 'adr-0004', '--content', 'planning'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('planning/decisions/adr-0004.md');
    const text = readFileSync(path.join(dir, 'planning/decisions/adr-0004.md'), 'utf8');
    const [, frontmatter, body] = text.split(/^---$/m);
    expect(parse(frontmatter!)).toEqual({ kind: 'adr', title: 'adr-0004', status: 'proposed' });
    expect(body).toContain('# adr-0004');
    expect((await newRecord(['adr', 'adr-0004', '--content', 'planning'], dir)).stderr).toContain('never overwrites');
  });

  it('never overwrites a record, and refuses a missing kind, a bad id and a missing argument (exit 2)', async () => {
    const dir = folderWithKind();
    expect((await newRecord(['adr', 'one', '--content', 'planning'], dir)).code).toBe(0);
    const again = await newRecord(['adr', 'one', '--content', 'planning'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('never overwrites');
    const missing = await newRecord(['rfc', 'two', '--content', 'planning'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No kind file planning/kinds/rfc.yaml');
    const badId = await newRecord(['adr', '../escape', '--content', 'planning'], dir);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('not an id');
    const short = await newRecord(['adr'], dir);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('new takes a kind and an id');
  });
});
