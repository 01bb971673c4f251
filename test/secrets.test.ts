// "No secret ever leaves the input": the secret scan of content, names and parsed values; the
// masking of every output; the scan of a built folder. No literal secret sits in this file: fake
// secrets are assembled from pieces at run time, random enough for secretlint's rules.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Issue } from '../src/core/issue.ts';
import { readContent } from '../src/reader/read-content.ts';
import { MASK, redactError, redactIssues, redactText } from '../src/report/redact.ts';
import { formats, report } from '../src/report/reporters.ts';
import { rules } from '../src/rules/catalog.ts';
import { detectSecrets, looksLikeCredential } from '../src/secrets/detectors.ts';
import { createSecretlintEngine, loadSecretEngine, type SecretEngine } from '../src/secrets/engine.ts';
import { scanContentForSecrets } from '../src/secrets/scan-content.ts';
import { scanOutputForSecrets } from '../src/secrets/scan-output.ts';
import { validate } from '../src/validate/validate.ts';
import type { ValidationResult } from '../src/core/validation-result.ts';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { fake, mixed, pick } from './helpers/fake-secrets.ts';

const run = promisify(execFile);
const TODAY = '2026-11-24';

// --- fake secrets, built at run time ---------------------------------------------------------

// Fake secrets come from test/helpers/fake-secrets.ts.

// --- helpers ---------------------------------------------------------------------------------

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of the base content with files written (relative to the content folder). */
function contentWith(files: Record<string, string>, remove: string[] = []): string {
  const content = makeContent(undefined, { remove });
  made.push(path.dirname(content));
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(content, relative)), { recursive: true });
    writeFileSync(path.join(content, relative), text);
  }
  return content;
}

function check(content: string): Promise<ValidationResult> {
  return validate({ today: TODAY, contentDir: content, cwd: path.dirname(content), env: {} });
}

/** The pieces by which a leak would show: the whole value and its long lines and tails. */
function pieces(secret: string): string[] {
  const out = new Set([secret]);
  for (const line of secret.split('\n')) if (line.length >= 16) out.add(line);
  if (secret.length >= 24) out.add(secret.slice(-20));
  return [...out];
}

function expectAbsent(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const piece of pieces(secret)) {
      // Never print the text: a failing assertion must not leak the secret into the test log.
      expect(text.includes(piece), `a secret piece (${piece.length} characters) is in the output`).toBe(false);
    }
  }
}

const nodeBinary = path.join(projectRoot, 'node_modules', '.bin', 'node');
const checkScript = path.join(projectRoot, 'src', 'cli', 'check.ts');

/** Runs the check CLI on a content folder, as `npx node src/cli/check.ts` would (same Node). */
async function runCheck(content: string, format: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PACKET_CONTENT_DIR: content, PACKET_TODAY: TODAY };
  delete env.DEBUG;
  delete env.GITHUB_ACTIONS;
  try {
    const { stdout, stderr } = await run(nodeBinary, [checkScript, '--format', format], {
      cwd: path.dirname(content),
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** validate() finds DP600 where expected, and no output of any kind carries a secret. */
async function expectCaughtAndMasked(content: string, secrets: readonly string[], expected: Partial<Issue>[]): Promise<ValidationResult> {
  const result = await check(content);
  expect(result.ok).toBe(false);
  const dp600 = result.issues.filter((issue) => issue.ruleId === 'DP600');
  for (const want of expected) {
    expect(dp600, `DP600 at ${want.file}:${want.line ?? ''}`).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'DP600', ...want })]),
    );
  }
  for (const issue of dp600) {
    expect(issue.message).toMatch(/ is in this .*; it is not shown\.$/);
  }
  expectAbsent(JSON.stringify(result.issues), secrets);
  for (const format of formats) expectAbsent(report(result.issues, format), secrets);
  const runs = await Promise.all(formats.map((format) => runCheck(content, format)));
  for (const { code, output } of runs) {
    expect(code).toBe(1);
    expect(output).toContain('DP600');
    expectAbsent(output, secrets);
  }
  return result;
}

// --- the cases -------------------------------------------------------------------------------

describe('secrets in content are refused and never shown', () => {
  it('a GitHub token in a value: DP600 at its line, with the field', async () => {
    const token = fake.github();
    const content = contentWith({
      'work-items/ALPHA-1.yaml': `title: Alpha admission authority\nstatus: blocked\nblocked_reason: Blocked until ${token} is rotated.\n`,
    });
    await expectCaughtAndMasked(
      content,
      [token],
      [
        {
          file: 'content/work-items/ALPHA-1.yaml',
          line: 3,
          column: 31,
          field: 'blocked_reason',
          message: 'A GitHub token is in this value; it is not shown.',
        },
      ],
    );
    // Once exactly as a user runs it: through npx.
    const env: NodeJS.ProcessEnv = { ...process.env, PACKET_CONTENT_DIR: content, PACKET_TODAY: TODAY };
    delete env.DEBUG;
    const npx = spawnSync('npx', ['node', checkScript, '--format', 'json'], { cwd: projectRoot, env, encoding: 'utf8' });
    expect(npx.status).toBe(1);
    expect(npx.stdout).toContain('"rule": "DP600"');
    expectAbsent(npx.stdout + npx.stderr, [token]);
  });

  it('an AWS access key id and secret access key in a PRD body', async () => {
    const keyId = fake.awsKeyId();
    const secret = fake.awsSecret();
    const prd = readFileSync(path.join(projectRoot, 'test/fixtures/base/prds/alpha.md'), 'utf8');
    const content = contentWith({
      'prds/alpha.md': `${prd}\n\`\`\`ini\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n\`\`\`\n`,
    });
    const lines = `${prd}\n`.split('\n').length;
    const result = await expectCaughtAndMasked(
      content,
      [keyId, secret],
      [
        { file: 'content/prds/alpha.md', line: lines + 1, message: 'An AWS access key id is in this file; it is not shown.' },
        { file: 'content/prds/alpha.md', line: lines + 2, message: 'An AWS secret access key is in this file; it is not shown.' },
      ],
    );
    expect(result.secrets).toEqual(expect.arrayContaining([keyId, secret]));
  });

  it('a PEM private key in a block scalar: one finding, at the key', async () => {
    const key = fake.privateKey();
    const content = contentWith({
      'work-items/ALPHA-1.yaml': `title: Alpha admission authority\nstatus: blocked\nblocked_reason: |\n  ${key.split('\n').join('\n  ')}\n`,
    });
    const result = await expectCaughtAndMasked(
      content,
      [key],
      [
        {
          file: 'content/work-items/ALPHA-1.yaml',
          line: 4,
          column: 3,
          field: 'blocked_reason',
          message: 'A private key is in this value; it is not shown.',
        },
      ],
    );
    // Found in the raw text and again in the parsed value: reported once.
    expect(result.issues.filter((issue) => issue.ruleId === 'DP600')).toHaveLength(1);
  });

  it('a password in a URL', async () => {
    const password = fake.urlPassword();
    const content = contentWith({
      'repositories.yaml': `repositories:\n  - id: product\n    url: https://deploy:${password}@github.com/example/product\ntarget_repositories:\n  - id: target\n    url: https://github.com/example/target\n    path_prefix: vendor/target\n`,
    });
    await expectCaughtAndMasked(
      content,
      [password, `deploy:${password}`],
      [
        {
          file: 'content/repositories.yaml',
          line: 3,
          field: 'repositories[0].url',
          message: 'A password in a URL is in this value; it is not shown.',
        },
      ],
    );
  });

  it('an Anthropic key (sk-ant-…)', async () => {
    const key = fake.anthropic();
    const content = contentWith({ 'work-items/ALPHA-3.yaml': `title: Alpha Stage 2 run with ${key}\nstatus: blocked\n` });
    await expectCaughtAndMasked(
      content,
      [key],
      [
        {
          file: 'content/work-items/ALPHA-3.yaml',
          line: 1,
          field: 'title',
          message: 'An Anthropic API key is in this value; it is not shown.',
        },
      ],
    );
  });

  it('a token built by YAML escapes ("\\x67hp_…") is found in the parsed value', async () => {
    const token = fake.github();
    const escaped = `\\x67${token.slice(1)}`;
    const content = contentWith({
      'work-items/ALPHA-2.yaml': `title: Alpha local adapter\nstatus: blocked\nblocked_reason: "${escaped}"\n`,
    });
    expect(readFileSync(path.join(content, 'work-items/ALPHA-2.yaml'), 'utf8')).not.toContain(token);
    await expectCaughtAndMasked(
      content,
      [token],
      [
        {
          file: 'content/work-items/ALPHA-2.yaml',
          line: 3,
          column: 17,
          field: 'blocked_reason',
          message: 'A GitHub token is in this value once its escapes and line breaks are read; it is not shown.',
        },
      ],
    );
  });

  it('a token split by an escaped line break in a double-quoted scalar', async () => {
    const token = fake.github();
    const content = contentWith({
      'work-items/ALPHA-2.yaml': `title: Alpha local adapter\nstatus: blocked\nblocked_reason: "${token.slice(0, 20)}\\\n  ${token.slice(20)}"\n`,
    });
    expect(readFileSync(path.join(content, 'work-items/ALPHA-2.yaml'), 'utf8')).not.toContain(token);
    await expectCaughtAndMasked(
      content,
      [token],
      [{ file: 'content/work-items/ALPHA-2.yaml', line: 3, column: 17, field: 'blocked_reason' }],
    );
  });

  it('a token in a JSON \\u escape', async () => {
    const token = fake.github();
    const content = contentWith(
      {
        'work-items/ALPHA-2.json': JSON.stringify({ title: 'Alpha local adapter', status: 'blocked', blocked_reason: 'x' }).replace(
          '"x"',
          `"\\u0067${token.slice(1)}"`,
        ),
      },
      ['work-items/ALPHA-2.yaml'],
    );
    const result = await check(content);
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'DP600', file: 'content/work-items/ALPHA-2.json', line: 1, field: 'blocked_reason' }),
      ]),
    );
    expectAbsent(JSON.stringify(result.issues), [token]);
  });

  it('a token built by markdown character references or backslash escapes is found in the PRD as it renders, at its line', async () => {
    const prd = readFileSync(path.join(projectRoot, 'test/fixtures/base/prds/alpha.md'), 'utf8');
    const lines = `${prd}\n`.split('\n').length;
    const github = fake.github();
    const escaped = fake.github();
    const awsKeyId = fake.awsKeyId();
    const anthropic = fake.anthropic();
    const content = contentWith({
      'prds/alpha.md': [
        prd,
        `Our token is &#x67;${github.slice(1)} for now.`,
        `Escaped: ${escaped.slice(0, 3)}\\_${escaped.slice(4)} here.`,
        `See [the docs](https://example.com/x?k=&#65;${awsKeyId.slice(1)}).`,
        `Key &#115;${anthropic.slice(1)} &amp; more.`,
      ].join('\n'),
    });
    const result = await expectCaughtAndMasked(
      content,
      [github, escaped, awsKeyId, anthropic],
      [
        {
          file: 'content/prds/alpha.md',
          line: lines,
          message: 'A GitHub token is in this PRD text as it renders (character references or backslash escapes decoded); it is not shown.',
        },
        {
          file: 'content/prds/alpha.md',
          line: lines + 1,
          message: 'A GitHub token is in this PRD text as it renders (character references or backslash escapes decoded); it is not shown.',
        },
        { file: 'content/prds/alpha.md', line: lines + 2 },
        { file: 'content/prds/alpha.md', line: lines + 3 },
      ],
    );
    expect(result.secrets).toEqual(expect.arrayContaining([github, escaped]));
  });

  it('a token percent-encoded, form-encoded or written with character references or escapes is found in PRDs, HTML and every field', async () => {
    const prd = readFileSync(path.join(projectRoot, 'test/fixtures/base/prds/alpha.md'), 'utf8');
    const lines = `${prd}\n`.split('\n').length;
    const [inLink, inHtml, inField, doubled, escapedField] = [fake.github(), fake.github(), fake.github(), fake.github(), fake.github()];
    const key = fake.privateKey();
    // Form encoding: percent-encoded, with "+" for each space (the key's header and footer have spaces).
    const formEncoded = encodeURIComponent(key).replaceAll('%20', '+');
    const content = contentWith({
      'prds/alpha.md': [
        prd,
        `See [the docs](https://example.com/?t=%67${inLink.slice(1)}).`,
        `<a href="x?t=&#x67;${inHtml.slice(1)}">docs</a>`,
      ].join('\n'),
      'work-items/ALPHA-1.yaml': `title: Alpha admission authority\nstatus: blocked\nblocked_reason: Rotate %67${inField.slice(1)} first.\n# was %2567${doubled.slice(1)}\n`,
      'work-items/ALPHA-2.yaml': `title: Alpha local adapter\nstatus: blocked\nblocked_reason: "Rotate ${escapedField.slice(0, 3)}%5F${escapedField.slice(4)} first"\n`,
      'work-items/ALPHA-3.yaml': `title: Alpha Stage 2 run\nstatus: blocked\nblocked_reason: key=${formEncoded}\n`,
    });
    const encoded = (what: string) =>
      `${what} once its percent-encoding, "+" for spaces, character references or backslash escapes are decoded; it is not shown.`;
    await expectCaughtAndMasked(
      content,
      [inLink, inHtml, inField, doubled, escapedField, key],
      [
        { file: 'content/prds/alpha.md', line: lines, message: encoded('A GitHub token is in this line') },
        { file: 'content/prds/alpha.md', line: lines + 1, message: encoded('A GitHub token is in this line') },
        { file: 'content/work-items/ALPHA-1.yaml', line: 3, field: 'blocked_reason', message: encoded('A GitHub token is in this value') },
        { file: 'content/work-items/ALPHA-1.yaml', line: 4, message: encoded('A GitHub token is in this line') },
        { file: 'content/work-items/ALPHA-2.yaml', line: 3, field: 'blocked_reason', message: encoded('A GitHub token is in this value') },
        { file: 'content/work-items/ALPHA-3.yaml', line: 3, field: 'blocked_reason', message: encoded('A private key is in this value') },
      ],
    );
  });

  it('a token written literally on a PRD line that also decodes something is reported once', async () => {
    const prd = readFileSync(path.join(projectRoot, 'test/fixtures/base/prds/alpha.md'), 'utf8');
    const github = fake.github();
    const content = contentWith({ 'prds/alpha.md': `${prd}\nTools &amp; tokens: ${github}\n` });
    const result = await check(content);
    expect(result.issues.filter((issue) => issue.ruleId === 'DP600')).toEqual([
      expect.objectContaining({
        file: 'content/prds/alpha.md',
        line: `${prd}\n`.split('\n').length,
        message: 'A GitHub token is in this file; it is not shown.',
      }),
    ]);
  });

  it('a secret in a file name: reported on the name, and the path is masked everywhere', async () => {
    const token = fake.github();
    const evidence = readFileSync(path.join(projectRoot, 'test/fixtures/base/evidence/alpha-validator.yaml'), 'utf8');
    const content = contentWith({ [`evidence/${token}.yaml`]: evidence });
    const result = await expectCaughtAndMasked(
      content,
      [token],
      [{ file: `content/evidence/${MASK}.yaml`, message: 'A GitHub token is in this file or folder name; it is not shown.' }],
    );
    expect(result.issues.find((issue) => issue.ruleId === 'DP600')?.line).toBeUndefined();
  });

  it('a secret in a file that fails to parse: the syntax error does not quote it', async () => {
    const token = fake.github();
    const content = contentWith({
      'decisions/alpha.yaml': `prd: alpha\nwork_item: ALPHA-1\ndecision_status: not_decided\nnotes: [${token}, {\nwork_items:\n  local_adapter: ALPHA-2\n`,
    });
    const result = await expectCaughtAndMasked(
      content,
      [token],
      [{ file: 'content/decisions/alpha.yaml', line: 4, column: 9, message: 'A GitHub token is in this file; it is not shown.' }],
    );
    expect(result.issues.some((issue) => issue.ruleId === 'DP104' && issue.file === 'content/decisions/alpha.yaml')).toBe(true);
  });

  it('a secretlint-disable comment does not turn scanning off', async () => {
    const token = fake.github();
    const other = fake.github();
    const prd = readFileSync(path.join(projectRoot, 'test/fixtures/base/prds/alpha.md'), 'utf8');
    const content = contentWith({
      'work-items/ALPHA-1.yaml': `# secretlint-disable\ntitle: Alpha admission authority\nstatus: blocked\nblocked_reason: ${token} # secretlint-disable-line\n`,
      'prds/alpha.md': `${prd}\n<!-- secretlint-disable -->\n${other}\n<!-- secretlint-enable -->\n`,
    });
    await expectCaughtAndMasked(
      content,
      [token, other],
      [
        { file: 'content/work-items/ALPHA-1.yaml', line: 4, field: 'blocked_reason' },
        { file: 'content/prds/alpha.md', line: `${prd}\n`.split('\n').length + 1 },
      ],
    );
  });

  it('a secret in a decision record with a bad decision_status', async () => {
    const key = fake.anthropic();
    const content = contentWith({
      'decisions/alpha.yaml': `prd: alpha\nwork_item: ALPHA-1\ndecision_status: approved\nprovider: ${key}\nwork_items:\n  local_adapter: ALPHA-2\n  stage2: ALPHA-3\nkind: provider-decision\n`,
    });
    const result = await expectCaughtAndMasked(
      content,
      [key],
      [{ file: 'content/decisions/alpha.yaml', line: 4, column: 11, field: 'provider' }],
    );
    expect(result.issues.some((issue) => issue.ruleId === 'DP201')).toBe(true);
  });

  it('a credential_source_class holding a token: DP601 and DP600, and the token nowhere', async () => {
    const token = fake.github();
    const content = contentWith({
      'decisions/alpha.yaml': [
        'prd: alpha',
        'work_item: ALPHA-1',
        'decision_status: external_provider_approved',
        'work_items:',
        '  local_adapter: ALPHA-2',
        '  stage2: ALPHA-3',
        'provider_class: external_anthropic',
        'provider: anthropic',
        'model: claude-sonnet-4-6',
        'approval_source: CTO review 2026-06-01',
        `credential_source_class: ${token}`,
        'allowed_network_class: provider-api-only',
        'review_trigger: 2027-01-31',
        'evidence_sources: [alpha-validator]',
        'effect: "ALPHA-1 remains blocked until admitted provider/model and real Stage 2 pass report exist"',
        'kind: provider-decision',
        '',
      ].join('\n'),
    });
    const result = await expectCaughtAndMasked(
      content,
      [token],
      [
        {
          file: 'content/decisions/alpha.yaml',
          line: 11,
          column: 26,
          field: 'credential_source_class',
          message: 'A GitHub token is in this value; it is not shown.',
        },
      ],
    );
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'DP601', file: 'content/decisions/alpha.yaml', field: 'credential_source_class' }),
      ]),
    );
  });

  it('a token used as a reference or as a key: other rules that name it are masked too', async () => {
    const reference = fake.github();
    const key = fake.github();
    const content = contentWith({
      'decisions/alpha.yaml': `prd: alpha\nwork_item: ${reference}\ndecision_status: not_decided\nwork_items:\n  local_adapter: ALPHA-2\n  stage2: ALPHA-3\nkind: provider-decision\n`,
      'work-items/ALPHA-2.yaml': `title: Alpha local adapter\nstatus: blocked\n"\\x67${key.slice(1)}": yes\n`,
    });
    const result = await expectCaughtAndMasked(
      content,
      [reference, key],
      [
        { file: 'content/decisions/alpha.yaml', line: 2, column: 12, field: 'work_item' },
        {
          file: 'content/work-items/ALPHA-2.yaml',
          line: 3,
          column: 1,
          message: 'A GitHub token is in this key once its escapes are read; it is not shown.',
        },
      ],
    );
    // The reference and the unknown key are refused by their own rules as well, with the value masked.
    expect(result.issues.filter((issue) => !issue.ruleId.startsWith('DP6')).length).toBeGreaterThan(0);
  });

  it('a credential_source_class holding a random value of no known shape is a secret too', async () => {
    const value = mixed(32);
    const content = contentWith({
      'work-items/ALPHA-1.yaml': `title: Alpha admission authority\nstatus: blocked\nblocked_reason: "credential_source_class: ${value}"\n`,
    });
    const result = await check(content);
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'DP600', line: 3, message: 'A credential is in this value; it is not shown.' }),
      ]),
    );
    expectAbsent(JSON.stringify(result.issues), [value]);
  });

  it('a hidden file the reader refuses is still scanned', async () => {
    const token = fake.github();
    const content = contentWith({ 'work-items/.env': `GITHUB_TOKEN=${token}\n` });
    const result = await check(content);
    expect(result.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'DP600', file: 'content/work-items/.env', line: 1, column: 14 })]),
    );
    expect(result.issues.some((issue) => issue.ruleId === 'DP101')).toBe(true);
    expectAbsent(JSON.stringify(result.issues), [token]);
  });
});

describe('look-alikes are not secrets', () => {
  it('a commit id, a UUID, the words token and password, region: NO, a credential class, a plain URL', async () => {
    const prd = readFileSync(path.join(projectRoot, 'test/fixtures/base/prds/alpha.md'), 'utf8');
    const commit64 = pick(64, '0123456789abcdef');
    const uuid = [
      pick(8, '0123456789abcdef'),
      pick(4, '0123456789abcdef'),
      `4${pick(3, '0123456789abcdef')}`,
      `a${pick(3, '0123456789abcdef')}`,
      pick(12, '0123456789abcdef'),
    ].join('-');
    const content = contentWith({
      'evidence/alpha-validator.yaml': `title: Alpha validator\nkind: validator\nrepository: product\npath: tools/validate.py\ncommit: "${commit64}"\n`,
      'work-items/ALPHA-1.yaml': `title: Alpha admission authority ${uuid}\nstatus: blocked\nblocked_reason: Waiting for the token rotation and the password policy; no password is stored here.\n`,
      'prds/alpha.md': [
        prd,
        'Never write a token or a password into a record; the token: field does not exist.',
        'See https://github.com/example/product and https://example.com/docs/credentials?token=none for details.',
        '',
        '```yaml',
        'region: NO',
        'credential_source_class: ci-secret-store',
        'allowed_network_class: local-only',
        'password: ${DB_PASSWORD}',
        'api_key: <your key here>',
        `commit: ${pick(40, '0123456789abcdef')}`,
        '```',
        '',
      ].join('\n'),
    });
    const result = await check(content);
    expect(result.issues.filter((issue) => issue.ruleId.startsWith('DP6'))).toEqual([]);
    expect(result.secrets).toEqual([]);
  });

  it('the credential-look test tells names from keys', () => {
    for (const name of [
      'ci-secret-store',
      'no-secret',
      'local-only',
      'provider-api-only',
      'github-actions-secret-store-prod',
      '2026-05-31T12:00:00Z',
      'claude-sonnet-4-6',
      'gpt-4o-mini-2024-07-18',
      '${DB_PASSWORD}',
      'xxxxxxxxxxxxxxxxxxxx',
    ]) {
      expect(looksLikeCredential(name), name).toBe(false);
    }
    for (let index = 0; index < 20; index += 1) expect(looksLikeCredential(mixed(24))).toBe(true);
  });

  it('catalog titles and hints pass through redaction unchanged', () => {
    for (const rule of rules) {
      expect(redactText(rule.title)).toBe(rule.title);
      expect(redactText(rule.hint)).toBe(rule.hint);
    }
  });
});

describe('the scanner itself', () => {
  it('a scanner that cannot load is DP602, never a pass; our own shapes still run', async () => {
    const token = fake.github();
    const content = readContent(contentWith({ 'work-items/ALPHA-1.yaml': `title: ${token}\nstatus: blocked\n` }));
    const scan = await scanContentForSecrets(content, { engine: () => Promise.reject(new Error('cannot load')) });
    expect(scan.issues.map((issue) => issue.ruleId)).toEqual(expect.arrayContaining(['DP602', 'DP600']));
    expect(scan.values).toContain(token);
  });

  it('a scanner that fails while running is DP602', async () => {
    const content = readContent(contentWith({}));
    const broken: SecretEngine = { scan: () => Promise.reject(new TypeError('broken')) };
    const scan = await scanContentForSecrets(content, { engine: () => Promise.resolve(broken) });
    expect(scan.issues).toEqual([expect.objectContaining({ ruleId: 'DP602' })]);
  });

  it('secretlint failing to import rejects the engine (and the scan reports DP602)', async () => {
    await expect(createSecretlintEngine(() => Promise.reject(new Error('Cannot find module')))).rejects.toThrow();
    await expect(createSecretlintEngine(() => Promise.resolve({}))).rejects.toThrow();
    const content = readContent(contentWith({}));
    const scan = await scanContentForSecrets(content, {
      engine: () => createSecretlintEngine(() => Promise.reject(new Error('Cannot find module'))),
    });
    expect(scan.issues.map((issue) => issue.ruleId)).toEqual(['DP602']);
  });

  it('batched scanning finds exactly what scanning one text at a time finds', async () => {
    const engine = await loadSecretEngine();
    const texts: string[] = [];
    for (let index = 0; index < 900; index += 1) {
      const token = index % 7 === 0 ? fake.github() : index % 11 === 0 ? fake.awsKeyId() : '';
      texts.push(index % 2 === 0 ? `${token}\ntitle: item ${index}\n` : `title: item ${index}\nnote: ${token}`);
    }
    texts.push(fake.privateKey(), `password = ${mixed(30)}`, '');
    const batched = await engine.scan(texts);
    const single = await Promise.all(texts.map(async (text) => (await engine.scan([text]))[0]));
    expect(batched).toEqual(single);
    expect(batched.filter((findings) => findings.length > 0).length).toBeGreaterThan(100);
  });

  it('batched scanning finds in short texts beside a long one (cut into windows) what scanning them alone finds', async () => {
    // A long text's last window is short; the texts batched after it must still get every shape
    // (our own ones included: an AWS access key id alone is ours, not secretlint's).
    const engine = await loadSecretEngine();
    const long = (lines: boolean, length: number) =>
      Array.from({ length: Math.ceil(length / 40) }, (_, index) => `var item${index} = "value ${index}";`).join(lines ? '\n' : ' ');
    const texts: string[] = [];
    for (const length of [33_000, 40_000, 70_000]) {
      for (const lines of [true, false])
        texts.push(long(lines, length), `key ${fake.awsKeyId()}.`, `{"content":"token ${fake.github()}"}`, 'nothing here');
    }
    const batched = await engine.scan(texts);
    const single = await Promise.all(texts.map(async (text) => (await engine.scan([text]))[0]));
    expect(batched).toEqual(single);
    texts.forEach((text, index) => {
      if (text.startsWith('key '))
        expect(
          batched[index]!.map((finding) => finding.kind),
          `text ${index}`,
        ).toContain('an AWS access key id');
      if (text.startsWith('{'))
        expect(
          batched[index]!.map((finding) => finding.kind),
          `text ${index}`,
        ).toContain('a GitHub token');
    });
  });

  // Correctness only: how fast the scan is, is measured by `npm run bench`, never in a test.
  it('finds nothing in 6,000 clean YAML texts scanned in one batch', async () => {
    const engine = await loadSecretEngine();
    const texts = Array.from(
      { length: 6_000 },
      (_, index) =>
        `title: Work item ${index}\nstatus: blocked\nblocked_reason: Blocked by the provider policy decision ${index}.\ncommit: "${index.toString(16).padStart(8, '0').repeat(5)}"\n`,
    );
    const results = await engine.scan(texts);
    expect(results).toHaveLength(6_000);
    expect(results.every((findings) => findings.length === 0)).toBe(true);
  });

  it('secretlint-disable comments are no instruction to the engine', async () => {
    const engine = await loadSecretEngine();
    const token = fake.github();
    const texts = [
      `# secretlint-disable\nkey: ${token}\n`,
      `key: ${token} # secretlint-disable-line\n`,
      `<!-- secretlint-disable-next-line -->\n${token}\n`,
      `/* secretlint-disable @secretlint/secretlint-rule-github */\n${token}\n`,
    ];
    const results = await engine.scan(texts);
    for (const findings of results) expect(findings.map((finding) => finding.kind)).toContain('a GitHub token');
  });

  it('detectors report ranges that are exactly the secret', () => {
    const token = fake.github();
    const key = fake.anthropic();
    const text = `a: ${token}\nb: ${key}\nc: postgres://app:Zq${mixed(14)}@db.example.com/x\n`;
    const values = detectSecrets(text).map((finding) => text.slice(finding.start, finding.end));
    expect(values).toEqual(expect.arrayContaining([token, key]));
  });
});

describe('redaction', () => {
  it('masks known values and secret shapes in every field of an issue', () => {
    const token = fake.github();
    const key = fake.anthropic();
    const password = fake.urlPassword();
    const issue: Issue = {
      ruleId: 'DP205',
      file: `content/evidence/${token}.yaml`,
      field: `x.${key}`,
      message: `saw https://me:${password}@example.com and ${fake.privateKey()}`,
      hint: 'h',
    };
    const [masked] = redactIssues([issue], []);
    expectAbsent(JSON.stringify(masked), [token, key, password]);
    expect(JSON.stringify(masked)).not.toContain('PRIVATE KEY');
    expect(masked!.file).toBe(`content/evidence/${MASK}.yaml`);
  });

  it('masks an internal error, message and stack, including values remembered from a scan', async () => {
    const secret = mixed(30);
    const content = readContent(
      contentWith({ 'work-items/ALPHA-1.yaml': `title: x\nstatus: blocked\nblocked_reason: "api_key=${secret}"\n` }),
    );
    await scanContentForSecrets(content);
    const error = new Error(`Invalid input: expected one of ..., received {"note":"${secret}"}`);
    expect(redactError(error)).not.toContain(secret);
    expect(redactError(error, { stack: true })).not.toContain(secret);
    expect(redactError(`plain ${fake.github()}`)).toContain(MASK);
  });
});

describe('the built site', () => {
  it('scanOutputForSecrets: DP603 for a leaked value or a secret shape, nothing for clean files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-dist-'));
    made.push(dir);
    const known = mixed(32);
    const shape = fake.github();
    const gzipped = fake.anthropic();
    mkdirSync(path.join(dir, 'packets', 'alpha'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Packets</title>\n<p>Nothing to see; the token is rotated.</p>\n');
    writeFileSync(path.join(dir, 'packets', 'alpha', 'index.html'), `<!doctype html>\n<p>alpha</p>\n<p>${shape}</p>\n`);
    writeFileSync(path.join(dir, 'packets', 'alpha', 'decision.json'), JSON.stringify({ note: known }));
    writeFileSync(path.join(dir, 'logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(known)]));
    writeFileSync(path.join(dir, 'fragment.pf_fragment'), gzipSync(Buffer.from(`{"content":"${gzipped}"}`)));
    const issues = await scanOutputForSecrets(dir, [known], { cwd: dir });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'DP603', file: 'packets/alpha/index.html', line: 3, column: 4 }),
        expect.objectContaining({ ruleId: 'DP603', file: 'packets/alpha/decision.json', line: 1 }),
        expect.objectContaining({ ruleId: 'DP603', file: 'logo.png' }),
        expect.objectContaining({ ruleId: 'DP603', file: 'fragment.pf_fragment' }),
      ]),
    );
    expect(issues.some((issue) => issue.file === 'index.html')).toBe(false);
    for (const format of formats) expectAbsent(report(issues, format), [known, shape, gzipped]);

    const clean = mkdtempSync(path.join(tmpdir(), 'decision-packet-dist-'));
    made.push(clean);
    writeFileSync(
      path.join(clean, 'index.html'),
      `<!doctype html><a href="https://github.com/example/product/commit/${pick(40, '0123456789abcdef')}">commit</a>\n`,
    );
    expect(await scanOutputForSecrets(clean, [known], { cwd: clean })).toEqual([]);
  });
});

describe('the built site: what the output scan reads', () => {
  it('reads regular files only: a FIFO is passed over at once, a link is not followed, a file reached through a link is scanned where it is', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-dist-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'decision-packet-outside-'));
    made.push(dir, outside);
    const inside = fake.github();
    writeFileSync(path.join(outside, 'leak.txt'), `token ${fake.github()}\n`);
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real', 'page.html'), `<p>${inside}</p>\n`);
    symlinkSync(path.join(outside, 'leak.txt'), path.join(dir, 'outside-file.txt'));
    symlinkSync(outside, path.join(dir, 'outside-folder'));
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'inside-folder'));
    symlinkSync(dir, path.join(dir, 'real', 'loop'));
    execFileSync('mkfifo', [path.join(dir, 'never-written.html')]);
    const issues = await scanOutputForSecrets(dir, [], { cwd: dir });
    expect(issues.map((issue) => `${issue.ruleId} ${issue.file}`)).toEqual(['DP603 real/page.html']);
  });
});

describe('the repository', () => {
  it('holds no literal secret shapes (a pre-commit style check)', () => {
    const patterns = [
      ['gh', '[pousr]_[A-Za-z0-9]{36}'].join(''),
      ['AK', 'IA[0-9A-Z]{16}'].join(''),
      ['sk-', 'ant-[A-Za-z0-9_-]{20}'].join(''),
      ['-----BEGIN ', '([A-Z]+ )*PRIVATE KEY-----'].join(''),
    ];
    const result = spawnSync('git', ['grep', '-l', '-I', '-E', ...patterns.flatMap((pattern) => ['-e', pattern])], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    // Exit 1: no match. The file list (never the lines) names what to fix.
    expect(result.stdout.trim()).toBe('');
    expect(result.status).toBe(1);
  });
});
