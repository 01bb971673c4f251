// Generates a realistic, valid content folder of N decision packets for the benchmark and the
// regression guard. Each packet: a PRD of about 100 lines (frontmatter, prose, lists, code, an
// "Acceptance Criteria" list), a decision record in one of the three states (rotating), two
// evidence references and two work items of its own; every ten packets share one admission
// authority. One repositories.yaml lists the source repository and a target repository.
//
// With `git` (the default in the benchmark) the folder is a git repository, as real content is:
// the source files evidence points at are committed first (evidence commits are that commit, so
// the build verifies them), then the content in two commits (every decision first recorded as
// not_decided, then moved to its state), so each decision and work item has a timeline.
//
// A roster names two approvers with fixed keys, and every packet carries one signed approval by
// each (bench/approvals.ts): 2 × N signatures that check verifies.
//
// The content passes `npm run check` as generated (bench/run.ts and test/bench-guard.test.ts
// assert it). Run directly: `npx node bench/generate-content.ts <dir> <count> [--no-git]`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchRoster, writeBenchApprovals } from './approvals.ts';

export interface GenerateOptions {
  /** Make the folder a git repository with real evidence commits and record histories. Default true. */
  git?: boolean;
  /** How many consecutive packets share one admission authority. Default 10. */
  authorityGroup?: number;
}

export interface GeneratedContent {
  /** The repository folder (the content folder's parent). */
  root: string;
  /** The content folder to pass as PACKET_CONTENT_DIR. */
  contentDir: string;
  packets: number;
  files: number;
}

const statuses = ['not_decided', 'external_provider_approved', 'local_provider_required'] as const;
type Status = (typeof statuses)[number];

// The seed kind's effect sentences, with each decision's own admission authority filled in.
const branchAEffect = (authority: string) => `${authority} remains blocked until admitted provider/model and real Stage 2 pass report exist`;
const branchBEffect = (authority: string) => `${authority} remains blocked until local provider/model admission and real Stage 2 pass report exist`;

// Words that vary the prose from packet to packet, so pages and the search index are not copies.
const areas = ['billing', 'search', 'onboarding', 'reporting', 'ingest', 'routing', 'payments', 'catalog', 'support', 'identity', 'analytics', 'scheduling'];
const teams = ['platform', 'core services', 'data', 'growth', 'infrastructure', 'developer tools', 'operations'];
const owners = ['jp', 'amara', 'li', 'sofia', 'noah', 'kenji', 'fatima'];
const verbs = ['classify', 'summarise', 'triage', 'extract', 'rank', 'draft', 'translate', 'label'];

/** The source files evidence points at (committed before the content). */
const sourcePaths = Array.from({ length: 24 }, (_, index) => {
  const kinds = ['tools/validate', 'build/pipeline', 'routes/local-provider', 'reports/admission'];
  return `${kinds[index % kinds.length]}-${String(index).padStart(2, '0')}.txt`;
});

const pad = (value: number) => String(value).padStart(5, '0');
const pick = <T>(list: readonly T[], index: number) => list[index % list.length]!;

export function packetId(index: number): string {
  return `pkt-${pad(index)}`;
}

function statusOf(index: number): Status {
  return statuses[index % statuses.length]!;
}

function authorityOf(index: number, group: number): string {
  return `AUTH-${pad(Math.floor(index / group))}`;
}

function prd(index: number): string {
  const area = pick(areas, index);
  const team = pick(teams, index * 7 + 3);
  const verb = pick(verbs, index * 5 + 1);
  const owner = pick(owners, index * 3);
  const id = packetId(index);
  const month = String((index % 12) + 1).padStart(2, '0');
  const day = String((index % 27) + 1).padStart(2, '0');
  const lines = [
    '---',
    `title: ${capitalize(area)} assistant provider decision ${id}`,
    `status: ${pick(['draft', 'active'], index)}`,
    'lifecycle_classification: sot',
    `owner: ${owner}`,
    `created: 2026-${month}-${day}`,
    `last_reviewed: 2026-${month}-${day}`,
    'core_promotion_status: not-promoted',
    `route: ${pick(['cto', 'product', 'ops'], index)}`,
    '---',
    '',
    `# ${capitalize(area)} assistant provider decision ${id}`,
    '',
    `Local planning SOT for the ${team} team. Not a Core Protocol. Not active Core authority.`,
    '',
    '## Problem Statement',
    '',
    `The ${area} assistant needs a model to ${verb} incoming requests. Work item \`${authorityOf(index, 10)}\` is blocked by a provider policy decision: approve one exact external provider/model path, or require a local provider route. Without a compact decision packet the next operator choice can become ambiguous and accidentally look like provider approval.`,
    '',
    `Packet \`${id}\` records the options, the fields each option requires and what stays blocked until a decision is recorded. It is reviewed by the ${team} team every quarter.`,
    '',
    '## Solution',
    '',
    `Create a decision packet that makes the choice explicit, bounded and auditable. The packet does **not** approve a provider/model and is *not* Stage 2 pass evidence. It records the decision options, the required evidence fields, the consequences and the blocked next actions for a governed route to resolve later.`,
    '',
    '## Scope',
    '',
    `- Summarise the current blocker of the ${area} assistant.`,
    '- Present only two active decision branches: `external_provider_approved` and `local_provider_required`.',
    '- Preserve `not_decided` as the current safe state.',
    '- Require a structured decision record using only the three states.',
    '- Require exact provider/model, approval source, credential source class, allowed network class, review trigger and evidence before any admission.',
    '- Reference existing evidence paths and commits; do not copy runtime evidence into the packet.',
    '- Require no secret value in the record, task files, reports, traces, logs or commits.',
    `- Keep \`${authorityOf(index, 10)}\` as the admission authority.`,
    `- Keep \`WI-${pad(index)}-ADAPTER\` blocked unless \`decision_status=local_provider_required\`.`,
    `- Keep \`WI-${pad(index)}-STAGE2\` blocked until a provider/model is admitted and a pass report exists.`,
    '',
    '## Non-Goals',
    '',
    '- Do not approve any provider.',
    '- Do not admit a provider/model.',
    '- Do not implement a provider adapter.',
    `- Do not change how the ${area} service stores requests.`,
    '- Do not create a provider marketplace, registry or scoring framework.',
    '',
    '## Decision Branches',
    '',
    '### Branch A - External Provider Approved',
    '',
    'Use only if a governed route approves an external provider path. Required fields:',
    '',
    '1. `provider_class`: `external_anthropic`.',
    '2. `provider` and `model`: exact strings.',
    '3. `approval_source`: an approval reference.',
    '4. `credential_source_class`: a credential class only; no secret value.',
    '5. `allowed_network_class`: the approved outbound network class.',
    '6. `review_trigger`: a date or a condition that forces review.',
    '',
    '### Branch B - Local Provider Required',
    '',
    'Use only if external provider use is not approved. The provider and model stay empty until a local provider is admitted.',
    '',
    '> No external fallback is allowed on this branch, whatever the load on the local route.',
    '',
    '## Operating Notes',
    '',
    `The ${area} assistant reads its configuration at start:`,
    '',
    '```yaml',
    `service: ${area}-assistant`,
    `task: ${verb}`,
    'provider_from: admission-file',
    '```',
    '',
    `See the [provider policy](https://example.com/policy/${area}) and the [runbook](https://example.com/runbooks/${id}) for the ${team} team's operating procedure.`,
    '',
    '## Acceptance Criteria',
    '',
    '- Packet states `not_decided` is current safe state. {#safe-state}',
    '- Packet lists only `external_provider_approved` and `local_provider_required` as active branches.',
    '- Packet says it does not approve or admit any provider/model.',
    '- Packet says it is not Stage 2 pass evidence.',
    '- Packet requires a structured decision record using only the three states.',
    '- Packet references existing evidence paths and commits instead of copying runtime evidence.',
    `- Packet keeps \`${authorityOf(index, 10)}\` as the provider/model admission authority.`,
    '- Packet requires no secrets in the record, reports, traces, logs or commits.',
    `- Packet states the local adapter \`WI-${pad(index)}-ADAPTER\` stays blocked unless \`decision_status=local_provider_required\`.`,
    '- Packet states no Target Repository path may be inspected or copied.',
    '',
    '## Validation',
    '',
    `- \`tools/validate-${String(index % 24).padStart(2, '0')}.txt\` describes the validator run for this route.`,
    '- Future branch execution must use the focused validators for provider admission and local adapter gates.',
    '',
    '## Risks And Dependencies',
    '',
    '- Governed approval remains required for external provider use.',
    `- Local provider use may need a separate endpoint for the ${area} service.`,
    '- A decision packet reduces ambiguity but cannot supply credentials, provider availability or model quality.',
    '',
    '## Success Definition',
    '',
    `The blocker of the ${area} assistant is represented as one precise decision packet: no provider/model is approved, no execution is authorised, and the next valid path is unambiguous once the decision is recorded.`,
    '',
  ];
  return lines.join('\n');
}

function decision(index: number, status: Status, group: number): string {
  const id = pad(index);
  const common = ['kind: provider-decision', `prd: ${packetId(index)}`, `work_item: ${authorityOf(index, group)}`, `decision_status: ${status}`, 'work_items:', `  local_adapter: WI-${id}-ADAPTER`, `  stage2: WI-${id}-STAGE2`];
  if (status === 'not_decided') return `${common.join('\n')}\n`;
  const evidence = `evidence_sources: [ev-${id}-a, ev-${id}-b]`;
  if (status === 'external_provider_approved') {
    return `${[
      ...common,
      'provider_class: external_anthropic',
      'provider: anthropic',
      'model: claude-sonnet-4-6',
      `approval_source: Governed route approval ${packetId(index)}`,
      'credential_source_class: ci-secret-store',
      'allowed_network_class: approved-egress',
      // Every third branch record uses a condition text instead of a (future) date.
      index % 9 === 1 ? 'review_trigger: When the provider changes its data retention terms' : `review_trigger: "2031-${String((index % 12) + 1).padStart(2, '0')}-15"`,
      evidence,
      `effect: "${branchAEffect(authorityOf(index, group))}"`,
    ].join('\n')}\n`;
  }
  return `${[
    ...common,
    'provider_class: local_case_compatible',
    'provider: ""',
    'model: ""',
    `approval_source: Governed route requirement ${packetId(index)}`,
    `credential_source_class: ${index % 2 === 0 ? 'no-secret' : 'local-keychain'}`,
    `allowed_network_class: ${index % 2 === 0 ? 'local-only' : 'bounded-lan'}`,
    index % 9 === 2 ? 'review_trigger: When a local model passes the Stage 2 baseline' : `review_trigger: "2032-${String((index % 12) + 1).padStart(2, '0')}-01"`,
    evidence,
    `effect: "${branchBEffect(authorityOf(index, group))}"`,
  ].join('\n')}\n`;
}

function evidence(index: number, status: Status, which: 'a' | 'b', commit: string): string {
  const sourcePath = pick(sourcePaths, index * 2 + (which === 'a' ? 0 : 1));
  const lines = [`title: ${which === 'a' ? 'Validator run' : 'Build record'} for ${packetId(index)}`];
  if (status === 'external_provider_approved' && which === 'a') {
    lines.push('kind: admission', 'provider: anthropic', 'model: claude-sonnet-4-6');
  } else if (status === 'local_provider_required' && which === 'a') {
    lines.push('kind: local-provider-route');
  } else {
    lines.push(`kind: ${which === 'a' ? 'validator' : 'build'}`);
  }
  lines.push('repository: product', `path: ${sourcePath}`, `commit: "${commit}"`);
  // A not_decided packet lists no evidence_sources: its evidence names the packet instead.
  if (status === 'not_decided') lines.push(`packets: [${packetId(index)}]`);
  return `${lines.join('\n')}\n`;
}

function workItem(title: string, reason: string): string {
  return `title: ${title}\nstatus: blocked\nblocked_reason: ${reason}\n`;
}

function repositories(git: boolean): string {
  return [
    'repositories:',
    '  - id: product',
    '    title: Product source',
    '    url: https://github.com/example/product',
    ...(git ? ['    local_path: ..'] : []),
    'target_repositories:',
    '  - id: vendor-target',
    '    url: https://github.com/example/vendor-target',
    '    path_prefix: vendor/target',
    '',
  ].join('\n');
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2026-06-01T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-06-01T12:00:00Z',
};

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false', '-c', 'gc.auto=0', ...args], { cwd: root, env: gitEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** Writes N packets under `<root>/content` (and, with git, commits them in `<root>`). */
export function generateContent(root: string, count: number, options: GenerateOptions = {}): GeneratedContent {
  const useGit = options.git ?? true;
  const group = options.authorityGroup ?? 10;
  const contentDir = path.join(root, 'content');
  for (const folder of ['kinds', 'prds', 'decisions', 'evidence', 'work-items']) mkdirSync(path.join(contentDir, folder), { recursive: true });
  let files = 0;
  const write = (relative: string, text: string) => {
    writeFileSync(path.join(contentDir, relative), text);
    files += 1;
  };

  let commit = '0123456789abcdef0123456789abcdef01234567';
  if (useGit) {
    git(root, ['init', '-q', '-b', 'main']);
    for (const sourcePath of sourcePaths) {
      mkdirSync(path.join(root, path.dirname(sourcePath)), { recursive: true });
      writeFileSync(path.join(root, sourcePath), `Source file ${sourcePath} that evidence points at.\n`);
    }
    git(root, ['add', '--', ...new Set(sourcePaths.map((p) => p.split('/')[0]!))]);
    git(root, ['commit', '-q', '-m', 'Source files that evidence points at']);
    commit = git(root, ['rev-parse', 'HEAD']);
  }

  write('repositories.yaml', repositories(useGit));
  write('roster.yaml', benchRoster());
  // The packets are of the seed's kind, with the seed's PRD fields: both copied as shipped.
  for (const file of ['provider-decision.yaml', 'prd-frontmatter.yaml']) write(`kinds/${file}`, readFileSync(new URL(`../content/kinds/${file}`, import.meta.url), 'utf8'));
  const authorities = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    const id = pad(index);
    // With git, every decision is first recorded as not_decided; the next commit moves it on.
    write(`decisions/${packetId(index)}.yaml`, decision(index, useGit ? 'not_decided' : statusOf(index), group));
    write(`prds/${packetId(index)}.md`, prd(index));
    write(`work-items/WI-${id}-ADAPTER.yaml`, workItem(`Local provider adapter for ${packetId(index)}`, 'Stays blocked unless decision_status=local_provider_required.'));
    write(`work-items/WI-${id}-STAGE2.yaml`, workItem(`Real Stage 2 run for ${packetId(index)}`, 'Blocked until a provider/model is admitted and a pass report exists.'));
    const authority = authorityOf(index, group);
    if (!authorities.has(authority)) {
      authorities.add(authority);
      write(`work-items/${authority}.yaml`, workItem(`Provider/model admission authority ${authority}`, 'Blocked by the provider policy decisions it governs.'));
    }
  }
  const writeEvidence = () => {
    for (let index = 0; index < count; index += 1) {
      for (const which of ['a', 'b'] as const) write(`evidence/ev-${pad(index)}-${which}.yaml`, evidence(index, statusOf(index), which, commit));
    }
  };
  if (useGit) {
    git(root, ['add', '--', 'content']);
    git(root, ['commit', '-q', '-m', `Record ${count} decision packets (not_decided)`]);
    files -= count; // the decisions are rewritten below: count each file once
    for (let index = 0; index < count; index += 1) write(`decisions/${packetId(index)}.yaml`, decision(index, statusOf(index), group));
    writeEvidence();
    files += writeBenchApprovals(contentDir);
    git(root, ['add', '--', 'content']);
    git(root, ['commit', '-q', '-m', 'Record the decided packets, their evidence and their signed approvals']);
  } else {
    writeEvidence();
    files += writeBenchApprovals(contentDir);
  }
  return { root, contentDir, packets: count, files };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

if (import.meta.main) {
  const [dir, countText, ...rest] = process.argv.slice(2);
  const count = Number(countText);
  if (!dir || !Number.isInteger(count) || count < 1) {
    process.stderr.write('Usage: npx node bench/generate-content.ts <dir> <count> [--no-git]\n');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  const result = generateContent(path.resolve(dir), count, { git: !rest.includes('--no-git') });
  process.stdout.write(`${result.packets} packets, ${result.files} files in ${result.contentDir}\n`);
}
