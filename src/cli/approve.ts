// `decision-packet approve <packet> [--object | --concern <name> | --resolve <name>] [--key <path>]`
// (or `approve --roster`): computes the record's content hash, signs the canonical message with
// the user's SSH key (ssh-keygen -Y sign), and appends the entry to decisions/<id>.approvals.yaml
// (roster.approvals.yaml). Who approves is never an option: it is the roster person whose key
// the signature verifies with, and nothing is written unless it verifies.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { canonicalMessage } from '../approvals/content.ts';
import { decisionContent, rosterContent } from '../approvals/gate.ts';
import { signatureNamespace, sshKeygenSigner, type Signer } from '../approvals/ssh-signer.ts';
import { parseSignature, publicKeyBlob, verifySignature } from '../approvals/sshsig.ts';
import { parseStrictYaml } from '../reader/strict-yaml.ts';
import { approvalsFileSchema, type Disposition } from '../schemas/approvals.ts';
import { idPattern } from '../schemas/shared.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { validate } from '../validate/validate.ts';
import { HelpRequested } from './arguments.ts';
import { failUsage } from './check.ts';

export const approveUsage = `Usage: npx decision-packet approve <packet> [--object | --concern <name> | --resolve <name>] [--key <path>] [--content <dir>]
       npx decision-packet approve --roster [--key <path>] [--content <dir>]

Signs the packet's current content (or the roster's) with your SSH key (--key, else git's
user.signingkey) and appends the entry to <content>/decisions/<packet>.approvals.yaml
(roster.approvals.yaml). You are the roster person whose key verifies the signature.`;

export interface ApproveOptions {
  packet?: string;
  roster: boolean;
  disposition: Disposition;
  concern?: string;
  key?: string;
  contentDir?: string;
}

const concernName = /^[a-z][a-z0-9_-]{0,63}$/;

export function parseApprove(argv: readonly string[]): ApproveOptions {
  const options: ApproveOptions = { roster: false, disposition: 'approve' };
  const positional: string[] = [];
  const value = (index: number, flag: string) => {
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('-')) throw new UsageError(`${flag} needs a value.`);
    return next;
  };
  const setDisposition = (disposition: Disposition) => {
    if (options.disposition !== 'approve') throw new UsageError('Give at most one of --object, --concern and --resolve.');
    options.disposition = disposition;
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') throw new HelpRequested();
    else if (argument === '--roster') options.roster = true;
    else if (argument === '--object') setDisposition('object');
    else if (argument === '--concern' || argument === '--resolve') {
      setDisposition(argument === '--concern' ? 'concern' : 'resolve');
      options.concern = value(index++, argument);
      if (!concernName.test(options.concern)) throw new UsageError(`${argument} takes a name: lowercase letters, digits, "-" and "_".`);
    } else if (argument === '--key') options.key = value(index++, argument);
    else if (argument === '--content') options.contentDir = value(index++, argument);
    else if (argument.startsWith('-')) throw new UsageError(`Unknown argument: ${argument.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}`);
    else positional.push(argument);
  }
  if (options.roster ? positional.length !== 0 : positional.length !== 1) throw new UsageError('approve takes one packet id, or --roster.');
  options.packet = positional[0];
  if (options.packet !== undefined && !idPattern.test(options.packet)) throw new UsageError('The packet id is not an id.');
  return options;
}

/** git's user.signingkey (a key file; `key::` literals are not read), with ~ expanded. */
function gitSigningKey(cwd: string): string | undefined {
  const result = spawnSync('git', ['config', '--get', 'user.signingkey'], { cwd, encoding: 'utf8', shell: false, timeout: 10_000 });
  const value = result.status === 0 ? result.stdout.trim() : '';
  if (!value || value.startsWith('key::')) return undefined;
  return value.startsWith('~/') ? path.join(homedir(), value.slice(2)) : value;
}

export async function approve(
  options: ApproveOptions,
  signer?: Signer,
): Promise<{ file: string; by: string; fingerprint: string; content: string }> {
  const contentDir = resolveContentDir({ contentDir: options.contentDir });
  const result = await validate({ contentDir, cwd: process.cwd() });
  const records = result.records;
  const roster = records.roster;
  if (!roster) throw new ApproveRefused('There is no valid roster.yaml: approvals name people of the roster (run decision-packet check).');
  let content: string;
  let target: string;
  if (options.roster) {
    content = rosterContent(roster);
    target = path.join(contentDir, 'roster.approvals.yaml');
  } else {
    const decision = records.decisions.get(options.packet!);
    if (!decision) throw new ApproveRefused('There is no valid decision with that id (run decision-packet check for its problems).');
    content = decisionContent(records, decision)!;
    target = path.join(contentDir, 'decisions', `${decision.id}.approvals.yaml`);
  }
  const keyFile = options.key ?? gitSigningKey(contentDir);
  if (!keyFile) throw new UsageError('No key: give --key <path to your SSH signing key>, or set git config user.signingkey.');
  const statement = {
    packet: options.roster ? undefined : options.packet,
    disposition: options.disposition,
    concern: options.concern,
    content,
  };
  const message = canonicalMessage(statement);
  const armour = (await (signer ?? sshKeygenSigner({ keyFile: path.resolve(keyFile) })).sign(message)).trim();

  // The signer is whoever the roster gives the signing key to; the signature must then verify.
  const parsed = parseSignature(armour);
  if (typeof parsed === 'string') throw new ApproveRefused('ssh-keygen returned something that is not an SSH signature.');
  const person = roster.data.people.find((candidate) =>
    (candidate.keys ?? []).some((line) => publicKeyBlob(line)?.equals(parsed.publicKey)),
  );
  if (!person)
    throw new ApproveRefused(
      'The key you signed with is not in roster.yaml: add it to your entry there (in a roster change of its own) first.',
    );
  const keys = (person.keys ?? []).map(publicKeyBlob).filter((blob): blob is Buffer => blob !== undefined);
  const verified = verifySignature(armour, message, signatureNamespace, keys);
  if (!verified.ok) throw new ApproveRefused('The signature does not verify; nothing was written.');

  appendEntry(target, entryText({ by: person.id, ...statement, signature: armour }));
  return { file: target, by: person.id, fingerprint: verified.fingerprint, content };
}

export class ApproveRefused extends Error {}

function entryText(entry: { by: string; disposition: Disposition; concern?: string; content: string; signature: string }): string {
  const lines = [`  - by: ${entry.by}`, `    disposition: ${entry.disposition}`];
  if (entry.concern !== undefined) lines.push(`    concern: ${entry.concern}`);
  lines.push(`    content: "${entry.content}"`, '    signature: |', ...entry.signature.split('\n').map((line) => `      ${line}`));
  return `${lines.join('\n')}\n`;
}

/** Appends to the block list, then reads the file back strictly; on any doubt the file is left as it was. */
function appendEntry(file: string, entry: string): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const count = before === undefined ? 0 : entriesIn(before);
  if (count === undefined)
    throw new ApproveRefused('The approvals file does not parse as a block list of entries; fix it first (decision-packet check).');
  let head = before ?? 'approvals:\n';
  // An empty list may be written `approvals: []`: the first entry turns it into a block list.
  if (before !== undefined && count === 0) head = before.replace(/^approvals:.*$/m, 'approvals:');
  if (!head.endsWith('\n')) head += '\n';
  const after = `${head}${entry}`;
  if (entriesIn(after) !== count + 1)
    throw new ApproveRefused('The entry could not be appended to the approvals file as written; nothing was changed.');
  writeFileSync(file, after);
}

function entriesIn(text: string): number | undefined {
  const parsed = parseStrictYaml(text);
  if (parsed.problems.length > 0) return undefined;
  const checked = approvalsFileSchema.safeParse(parsed.value);
  return checked.success ? checked.data.approvals.length : undefined;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseApprove(argv);
    const done = await approve(options);
    const what = options.disposition === 'approve' ? 'approval' : options.disposition;
    process.stdout.write(
      `Signed ${what} of ${options.roster ? 'the roster' : options.packet} (content ${done.content}) as ${done.by}, key ${done.fingerprint}.\nWrote ${path.relative(process.cwd(), done.file) || done.file}.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ApproveRefused) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    return failUsage(error, approveUsage);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
