// The secret scanning engine: secretlint's recommended rules (without filter-comments, so a
// `secretlint-disable` comment in content cannot turn scanning off) plus our own shapes, set up
// once per process. Texts are scanned in batches (one lintSource call per batch, offsets mapped
// back) because a call per small file costs more than the scan itself, and no call gets more
// than 32 K characters: secretlint's duplicate filter is quadratic in the findings of a call.
//
// Nothing here reads secretlint's message text or result.sourceContent: a finding is a rule, a
// message id and a range in our own text.
import type { SecretLintCoreConfig, SecretLintCoreResult, SecretLintRuleCreator } from '@secretlint/types';
import { detectSecrets, lastStartAtOrBefore, type SecretFinding } from './detectors.ts';

export interface SecretEngine {
  /** Findings per text, offsets relative to that text. */
  scan(texts: readonly string[]): Promise<SecretFinding[][]>;
}

/** A module loader; tests pass one that fails to prove a broken scanner is refused, not passed. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

type LintSource = (options: {
  source: { content: string; filePath: string; ext: string; contentType: 'text' };
  options: { config: SecretLintCoreConfig; maskSecrets?: boolean; noPhysicFilePath?: boolean; locale?: string };
}) => Promise<SecretLintCoreResult>;

const FILTER_COMMENTS_ID = '@secretlint/secretlint-rule-filter-comments';
const AWS_RULE_ID = '@secretlint/secretlint-rule-aws';

// Texts are joined with a separator no credential character class crosses; a finding that still
// spans two texts is dropped and both texts are scanned again on their own.
const SEPARATOR = '\n\u0000\n';
/** Characters per secretlint call (see windows()). */
const WINDOW_CHARS = 32 * 1024;
/** Overlap of windows cut inside a run of characters without a line end, space or tab. */
const WINDOW_OVERLAP = 4 * 1024;
const BATCH_TEXTS = 400;
/** The keyword every match of secretlint's AWS account-id shape holds, in the cases it matches. */
const ACCOUNT_WORD = /ACCOUNT|[Aa]ccount/;

/** Labels for secretlint's rules, by rule id and message id; they never quote the value. */
const ruleKinds: Record<string, string> = {
  '@secretlint/secretlint-rule-aws': 'an AWS credential',
  '@secretlint/secretlint-rule-aws#AWSAccessKeyID': 'an AWS access key id',
  '@secretlint/secretlint-rule-aws#AWSSecretAccessKey': 'an AWS secret access key',
  '@secretlint/secretlint-rule-aws#AWSAccountID': 'an AWS account id',
  '@secretlint/secretlint-rule-gcp': 'a Google Cloud service account key',
  '@secretlint/secretlint-rule-npm': 'an npm token',
  '@secretlint/secretlint-rule-slack': 'a Slack token',
  '@secretlint/secretlint-rule-slack#IncomingWebhook': 'a Slack webhook URL',
  '@secretlint/secretlint-rule-basicauth': 'a password in a URL',
  '@secretlint/secretlint-rule-openai': 'an OpenAI API key',
  '@secretlint/secretlint-rule-anthropic': 'an Anthropic API key',
  '@secretlint/secretlint-rule-groq': 'a Groq API key',
  '@secretlint/secretlint-rule-huggingface': 'a Hugging Face token',
  '@secretlint/secretlint-rule-linear': 'a Linear API key',
  '@secretlint/secretlint-rule-notion': 'a Notion token',
  '@secretlint/secretlint-rule-privatekey': 'a private key',
  '@secretlint/secretlint-rule-sendgrid': 'a SendGrid key',
  '@secretlint/secretlint-rule-shopify': 'a Shopify token',
  '@secretlint/secretlint-rule-stripe': 'a Stripe key',
  '@secretlint/secretlint-rule-github': 'a GitHub token',
  '@secretlint/secretlint-rule-gitlab': 'a GitLab token',
  '@secretlint/secretlint-rule-grafana': 'a Grafana token',
  '@secretlint/secretlint-rule-1password': 'a 1Password service account token',
  '@secretlint/secretlint-rule-database-connection-string': 'a database connection string with a password',
  '@secretlint/secretlint-rule-hashicorp-vault': 'a HashiCorp Vault token',
  '@secretlint/secretlint-rule-vercel': 'a Vercel token',
  '@secretlint/secretlint-rule-databricks': 'a Databricks token',
  '@secretlint/secretlint-rule-docker': 'a Docker access token',
  '@secretlint/secretlint-rule-figma': 'a Figma token',
  '@secretlint/secretlint-rule-cloudflare': 'a Cloudflare token',
  '@secretlint/secretlint-rule-tailscale': 'a Tailscale key',
};

function kindOf(ruleId: string, messageId: string): string {
  return ruleKinds[`${ruleId}#${messageId}`] ?? ruleKinds[ruleId] ?? 'a secret value';
}

// Literal imports, so that bundlers (Vite inside Astro) see them.
const importSecretlint: ModuleImporter = (specifier) =>
  specifier === '@secretlint/core'
    ? import('@secretlint/core')
    : specifier === '@secretlint/profiler'
      ? import('@secretlint/profiler')
      : import('@secretlint/secretlint-rule-preset-recommend');

/** What we use of secretlint: its lintSource and the rules it runs. */
interface Secretlint {
  lintSource: LintSource;
  rules: SecretLintRuleCreator[];
}

/** secretlint over one text (`accountIds`: with the AWS account-id shape), findings in our own terms. */
type Lint = (content: string, accountIds: boolean) => Promise<SecretFinding[]>;

/** Builds the secretlint engine. Throws when secretlint cannot load or its rules are not what we expect. */
export async function createSecretlintEngine(importer: ModuleImporter = importSecretlint): Promise<SecretEngine> {
  const lint = secretlintLinter(await loadSecretlint(importer));
  return { scan: (texts) => scanTexts(lint, texts) };
}

/** secretlint's lintSource and the preset's rules but filter-comments; throws when they are not what we expect. */
async function loadSecretlint(importer: ModuleImporter): Promise<Secretlint> {
  const core = (await importer('@secretlint/core')) as { lintSource?: LintSource };
  const preset = (await importer('@secretlint/secretlint-rule-preset-recommend')) as { rules?: SecretLintRuleCreator[] };
  const profiler = (await importer('@secretlint/profiler').catch(() => undefined)) as
    { secretLintProfiler?: { setEnabled?: (enabled: boolean) => void } } | undefined;
  const lintSource = core.lintSource;
  if (typeof lintSource !== 'function') throw new Error('secretlint core has no lintSource');
  if (!Array.isArray(preset.rules) || preset.rules.length < 10) throw new Error('the secretlint preset has no rules');
  // secretlint marks every rule run with performance.mark() and keeps every entry: time and
  // memory that grow with the content, for a profile nobody reads.
  profiler?.secretLintProfiler?.setEnabled?.(false);
  return { lintSource, rules: preset.rules.filter((rule) => rule.meta.id !== FILTER_COMMENTS_ID) };
}

function secretlintLinter({ lintSource, rules }: Secretlint): Lint {
  const configWith = (accountIds: boolean): SecretLintCoreConfig => ({
    rules: rules.map((rule) => ({
      id: rule.meta.id,
      rule,
      options: rule.meta.id === AWS_RULE_ID ? { enableIDScanRule: accountIds } : {},
    })),
  });
  // The AWS account-id shape runs only over text that holds its keyword (every match does).
  const configs = { withAccountIds: configWith(true), withoutAccountIds: configWith(false) };
  return async (content, accountIds) => {
    const result = await lintSource({
      // A file path that is no real file: no rule may read the disk (gcp reads .p12 files).
      source: { content, filePath: 'decision-packet-scan', ext: '', contentType: 'text' },
      options: {
        config: accountIds ? configs.withAccountIds : configs.withoutAccountIds,
        maskSecrets: true,
        noPhysicFilePath: true,
        locale: 'en',
      },
    });
    const findings: SecretFinding[] = [];
    for (const message of result.messages) {
      // Typed as findings only; an ignore descriptor, should a version report one, is no finding.
      if ((message.type as string) !== 'message') continue;
      let [start, end] = message.range;
      if (message.messageId === 'AWSSecretAccessKey') [start, end] = awsSecretRange(content, start, end);
      if (!(end > start)) continue;
      findings.push({ kind: kindOf(message.ruleId, message.messageId), start, end, value: content.slice(start, end) });
    }
    return findings;
  };
}

/** Findings per text; a finding that overlapping windows both hold is added once. */
class TextFindings {
  readonly results: SecretFinding[][];
  readonly #kept: Set<string>[];

  constructor(results: SecretFinding[][]) {
    this.results = results;
    this.#kept = results.map(() => new Set<string>());
  }

  /** Adds a piece's findings (offsets relative to the piece) to its text's. */
  add(piece: Piece, findings: readonly SecretFinding[]): void {
    const target = this.results[piece.text]!;
    const seen = this.#kept[piece.text]!;
    for (const finding of findings) {
      const start = finding.start + piece.offset;
      const end = finding.end + piece.offset;
      // Overlapping windows find the same secret twice.
      const key = `${start}:${end}:${finding.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      target.push({ ...finding, start, end });
    }
  }
}

async function scanTexts(lint: Lint, texts: readonly string[]): Promise<SecretFinding[][]> {
  const pieces = windows(texts);
  // Our own shapes run with secretlint's, over the same batches, except on a text cut into
  // windows: there they run over the whole text (a private key may span windows).
  const split = new Set<number>();
  pieces.forEach((piece) => {
    if (piece.offset > 0) split.add(piece.text);
  });
  const found = new TextFindings(texts.map((text, index) => (split.has(index) ? ownFindings(text) : [])));
  const accountIds = pieces.map((piece) => ACCOUNT_WORD.test(piece.content));
  const scanPiece = async (content: string, whole: boolean, ids: boolean) => [
    ...(await lint(content, ids)),
    ...(whole ? ownFindings(content) : []),
  ];
  const rescan = new Set<number>();
  // Pieces that hold the account-id keyword are batched apart from those that do not.
  const groups = [false, true].map((ids) => pieces.flatMap((_, index) => (accountIds[index] === ids ? [index] : [])));
  for (const batch of groups.flatMap((group) => [...batches(pieces, group, (piece) => split.has(piece.text))])) {
    const ids = accountIds[batch[0]!]!;
    if (batch.length === 1) {
      const piece = pieces[batch[0]!]!;
      found.add(piece, await scanPiece(piece.content, !split.has(piece.text), ids));
      continue;
    }
    const { joined, starts } = joinBatch(pieces, batch);
    // A text cut into windows never shares a batch with others (batches()): these are whole texts.
    const local = findingsPerPiece(pieces, batch, starts, await scanPiece(joined, true, ids), rescan);
    for (const [pieceIndex, findings] of local) if (!rescan.has(pieceIndex)) found.add(pieces[pieceIndex]!, findings);
  }
  for (const index of rescan)
    found.add(pieces[index]!, await scanPiece(pieces[index]!.content, !split.has(pieces[index]!.text), accountIds[index]!));
  return found.results;
}

/** The batch's pieces joined with SEPARATOR, and where each starts in the joined text. */
function joinBatch(pieces: readonly Piece[], batch: readonly number[]): { joined: string; starts: number[] } {
  const starts: number[] = [];
  let offset = 0;
  for (const index of batch) {
    starts.push(offset);
    offset += pieces[index]!.content.length + SEPARATOR.length;
  }
  return { joined: batch.map((index) => pieces[index]!.content).join(SEPARATOR), starts };
}

/**
 * A joined batch's findings per piece (by piece index), offsets relative to the piece. A finding
 * that crosses from one piece into the next puts both in `rescan`: they are scanned on their own.
 */
function findingsPerPiece(
  pieces: readonly Piece[],
  batch: readonly number[],
  starts: readonly number[],
  findings: readonly SecretFinding[],
  rescan: Set<number>,
): Map<number, SecretFinding[]> {
  const local = new Map<number, SecretFinding[]>();
  for (const finding of findings) {
    const first = unitAt(starts, finding.start);
    const last = unitAt(starts, Math.max(finding.start, finding.end - 1));
    const pieceIndex = batch[first]!;
    if (first !== last || finding.end > starts[first]! + pieces[pieceIndex]!.content.length) {
      for (let unit = first; unit <= last; unit += 1) rescan.add(batch[unit]!);
      continue;
    }
    const base = starts[first]!;
    let list = local.get(pieceIndex);
    if (!list) local.set(pieceIndex, (list = []));
    list.push({ ...finding, start: finding.start - base, end: finding.end - base });
  }
  return local;
}

function ownFindings(text: string): SecretFinding[] {
  return detectSecrets(text).map(({ detector: _detector, ...finding }) => finding);
}

/** A piece of one text handed to secretlint: at most WINDOW_CHARS, cut at line ends. */
interface Piece {
  text: number;
  offset: number;
  content: string;
}

/**
 * secretlint's duplicate filter compares every finding of a call with every later one
 * (quadratic), so no call gets much more than WINDOW_CHARS characters: a long text is cut into
 * windows at line ends (secretlint's rules match within a line; our own multi-line shapes run
 * over the whole text), a longer line at a space or tab, and a line without either is cut
 * anywhere with windows overlapping by WINDOW_OVERLAP (findings in both are kept once).
 */
function windows(texts: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  texts.forEach((content, text) => {
    let start = 0;
    while (start < content.length) {
      let end = Math.min(content.length, start + WINDOW_CHARS);
      let next = end;
      if (end < content.length) {
        const half = start + WINDOW_CHARS / 2;
        const newline = lastBreak(content, half, end, false);
        const space = newline >= half ? -1 : lastBreak(content, half, end, true);
        if (newline >= half) end = next = newline + 1;
        else if (space >= half) end = next = space + 1;
        else next = end - WINDOW_OVERLAP;
      }
      pieces.push({ text, offset: start, content: content.slice(start, end) });
      start = next;
    }
  });
  return pieces;
}

/** The last line end (or, with `spaces`, space or tab) in [from, to), or -1; never looks before `from`. */
function lastBreak(content: string, from: number, to: number, spaces: boolean): number {
  for (let index = to - 1; index >= from; index -= 1) {
    const code = content.charCodeAt(index);
    if (spaces ? code === 0x20 || code === 0x09 : code === 0x0a) return index;
  }
  return -1;
}

/**
 * The pieces at `indices`, in batches of at most WINDOW_CHARS and BATCH_TEXTS. A piece of a text
 * cut into windows is a batch of its own: our own shapes run over such a text whole, and over a
 * batch only when every piece in it is a whole text (a last window is short and would otherwise
 * share a batch, leaving the whole texts beside it without our shapes).
 */
function* batches(pieces: readonly Piece[], indices: readonly number[], alone: (piece: Piece) => boolean): Generator<number[]> {
  let batch: number[] = [];
  let chars = 0;
  for (const index of indices) {
    const length = pieces[index]!.content.length;
    if (batch.length > 0 && (alone(pieces[index]!) || chars + length > WINDOW_CHARS || batch.length >= BATCH_TEXTS)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    if (alone(pieces[index]!)) {
      yield [index];
      continue;
    }
    batch.push(index);
    chars += length + SEPARATOR.length;
  }
  if (batch.length > 0) yield batch;
}

function unitAt(starts: readonly number[], offset: number): number {
  return lastStartAtOrBefore(starts, offset);
}

// secretlint's AWS secret rule reports the start of `aws_secret_access_key: ...` with the length
// of the key alone; find the key itself so that it is the value masked.
function awsSecretRange(content: string, start: number, end: number): [number, number] {
  const lineEnd = content.indexOf('\n', start);
  const line = content.slice(start, lineEnd === -1 ? undefined : lineEnd);
  const match = /(?:[:=]|=>)\s*["']?([A-Za-z0-9/+=]{40})/d.exec(line);
  const indices = match?.indices?.[1];
  if (!indices) return [start, Math.max(end, start + line.length)];
  return [start + indices[0], start + indices[1]];
}

/** Our own shapes alone: what still runs when secretlint cannot. */
export const fallbackEngine: SecretEngine = {
  scan(texts) {
    return Promise.resolve(texts.map(ownFindings));
  },
};

let shared: Promise<SecretEngine> | undefined;

/** The process-wide engine, created once. A failure is not cached: the next call tries again. */
export function loadSecretEngine(): Promise<SecretEngine> {
  shared ??= createSecretlintEngine().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
