// The secret scanning engine: secretlint's recommended rules (without filter-comments, so a
// `secretlint-disable` comment in content cannot turn scanning off) plus our own shapes, set up
// once per process. Texts are scanned in batches (one lintSource call per batch, offsets mapped
// back) because a call per small file costs more than the scan itself.
//
// Nothing here reads secretlint's message text or result.sourceContent: a finding is a rule, a
// message id and a range in our own text.
import type { SecretLintCoreConfig, SecretLintCoreResult, SecretLintRuleCreator } from '@secretlint/types';
import { detectors, detectSecrets, GENERIC_DETECTOR, lastStartAtOrBefore, type SecretFinding } from './detectors.ts';

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

const OWN_RULE_ID = 'decision-packet/secret-shapes';
const FILTER_COMMENTS_ID = '@secretlint/secretlint-rule-filter-comments';
const AWS_RULE_ID = '@secretlint/secretlint-rule-aws';

// Texts are joined with a separator no credential character class crosses; a finding that still
// spans two texts is dropped and both texts are scanned again on their own.
const SEPARATOR = '\n\u0000\n';
const BATCH_CHARS = 256 * 1024;
const BATCH_TEXTS = 400;

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

const ownKinds = new Map(detectors.map((detector) => [detector.id, detector.kind]));

function kindOf(ruleId: string, messageId: string): string {
  if (ruleId === OWN_RULE_ID) {
    const cut = messageId.indexOf(':');
    return cut === -1 ? (ownKinds.get(messageId) ?? 'a secret value') : messageId.slice(cut + 1);
  }
  return ruleKinds[`${ruleId}#${messageId}`] ?? ruleKinds[ruleId] ?? 'a secret value';
}

/**
 * Our shapes as a secretlint rule. The message id carries the detector and, for key-value
 * secrets, the label; the message text never carries the value.
 */
const ownRule: SecretLintRuleCreator = {
  messages: {},
  meta: { id: OWN_RULE_ID, recommended: true, type: 'scanner', supportedContentTypes: ['text'] },
  create(context) {
    return {
      file(source) {
        for (const finding of detectSecrets(source.content)) {
          context.report({
            message: { message: `found ${finding.kind}`, messageId: `${finding.detector}:${finding.kind}`, data: {} },
            range: [finding.start, finding.end],
          });
        }
      },
    };
  },
};

/** Builds the secretlint engine. Throws when secretlint cannot load or its rules are not what we expect. */
// Literal imports, so that bundlers (Vite inside Astro) see them.
const importSecretlint: ModuleImporter = (specifier) =>
  specifier === '@secretlint/core' ? import('@secretlint/core') : import('@secretlint/secretlint-rule-preset-recommend');

export async function createSecretlintEngine(importer: ModuleImporter = importSecretlint): Promise<SecretEngine> {
  const core = (await importer('@secretlint/core')) as { lintSource?: LintSource };
  const preset = (await importer('@secretlint/secretlint-rule-preset-recommend')) as { rules?: SecretLintRuleCreator[] };
  const lintSource = core.lintSource;
  if (typeof lintSource !== 'function') throw new Error('secretlint core has no lintSource');
  if (!Array.isArray(preset.rules) || preset.rules.length < 10) throw new Error('the secretlint preset has no rules');
  const presetRules = preset.rules.filter((rule) => rule.meta.id !== FILTER_COMMENTS_ID);
  const config: SecretLintCoreConfig = {
    rules: [
      ...presetRules.map((rule) => ({ id: rule.meta.id, rule, options: rule.meta.id === AWS_RULE_ID ? { enableIDScanRule: true } : {} })),
      { id: OWN_RULE_ID, rule: ownRule, options: {} },
    ],
  };

  const lint = async (content: string): Promise<SecretFinding[]> => {
    const result = await lintSource({
      // A file path that is no real file: no rule may read the disk (gcp reads .p12 files).
      source: { content, filePath: 'decision-packet-scan', ext: '', contentType: 'text' },
      options: { config, maskSecrets: true, noPhysicFilePath: true, locale: 'en' },
    });
    const findings: SecretFinding[] = [];
    for (const message of result.messages) {
      if (message.type !== 'message') continue;
      let [start, end] = message.range;
      if (message.messageId === 'AWSSecretAccessKey') [start, end] = awsSecretRange(content, start, end);
      if (!(end > start)) continue;
      const generic = message.ruleId === OWN_RULE_ID && message.messageId.startsWith(`${GENERIC_DETECTOR}:`);
      findings.push({ kind: kindOf(message.ruleId, message.messageId), start, end, value: content.slice(start, end), ...(generic ? { generic } : {}) });
    }
    return findings;
  };

  return {
    async scan(texts) {
      const results: SecretFinding[][] = texts.map(() => []);
      const rescan = new Set<number>();
      for (const batch of batches(texts)) {
        if (batch.length === 1) {
          results[batch[0]!] = await lint(texts[batch[0]!]!);
          continue;
        }
        const starts: number[] = [];
        let offset = 0;
        for (const index of batch) {
          starts.push(offset);
          offset += texts[index]!.length + SEPARATOR.length;
        }
        const joined = batch.map((index) => texts[index]).join(SEPARATOR);
        for (const finding of await lint(joined)) {
          const first = unitAt(starts, finding.start);
          const last = unitAt(starts, Math.max(finding.start, finding.end - 1));
          const firstIndex = batch[first]!;
          if (first !== last || finding.end > starts[first]! + texts[firstIndex]!.length) {
            for (let unit = first; unit <= last; unit += 1) rescan.add(batch[unit]!);
            continue;
          }
          const base = starts[first]!;
          results[firstIndex]!.push({ ...finding, start: finding.start - base, end: finding.end - base });
        }
      }
      for (const index of rescan) results[index] = await lint(texts[index]!);
      return results;
    },
  };
}

function* batches(texts: readonly string[]): Generator<number[]> {
  let batch: number[] = [];
  let chars = 0;
  for (let index = 0; index < texts.length; index += 1) {
    const length = texts[index]!.length;
    if (batch.length > 0 && (chars + length > BATCH_CHARS || batch.length >= BATCH_TEXTS)) {
      yield batch;
      batch = [];
      chars = 0;
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
  async scan(texts) {
    return texts.map((text) => detectSecrets(text).map(({ detector: _detector, ...finding }) => finding));
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
