// Approval policies (declared by a kind, and by the roster for its own changes), the roster
// (content/roster.yaml) and approval entries (decisions/<id>.approvals.yaml,
// roster.approvals.yaml). Shapes only; src/approvals/ judges them.
import { z } from 'astro/zod';
import { line, recordId, schemaHint } from './shared.ts';

const name = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, { error: 'a name: lowercase letters, digits, "-" and "_", starting with a letter' });

export const quorumSchema = z.union([z.literal(1), z.strictObject({ min: z.int().min(1).max(1000) }), z.literal('majority'), z.literal('all')], {
  error: 'a quorum: 1, {min: n}, majority or all',
});
export type Quorum = z.infer<typeof quorumSchema>;

export const approvalLevels = ['claim', 'signed'] as const;
export type ApprovalLevel = (typeof approvalLevels)[number];

/** Who must approve, how many, and how their approvals are verified. */
export const policySchema = z.strictObject({
  /** The roster group whose members' approvals count. */
  group: name,
  quorum: quorumSchema,
  /** The least verification an entry needs to count: claim (unsigned allowed) or signed. */
  level: z.enum(approvalLevels),
  /** Whether open objections and concerns block (default true). */
  objections_block: z.boolean().optional(),
});
export type Policy = z.infer<typeof policySchema>;

/** A kind's policy for one state: while a record is in it, or (with `from`) when moved into it from those states. */
export const statePolicySchema = policySchema.safeExtend({
  /** Only a change moving the record from one of these states into this one needs it (check --base). */
  from: z.array(name).min(1).optional(),
});
export type StatePolicy = z.infer<typeof statePolicySchema>;

/** A kind's `approvals` block. */
export const kindApprovalsSchema = z.strictObject({
  /** Editorial fields left out of the content hash: editing them does not make approvals stale. */
  exclude: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'a field name' })).optional(),
  /** State → the approvals it needs. */
  policies: z.record(name, statePolicySchema),
});
export type KindApprovals = z.infer<typeof kindApprovalsSchema>;

const sshPublicKey = z.string().regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,2}( [^\n\r]*)?$/, {
  error: 'an SSH public key line: ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|384|521, the base64 key, an optional comment',
});

export const personSchema = z.strictObject({
  id: recordId,
  name: line,
  /** The addresses this person commits with. */
  emails: z.array(z.email({ error: 'an email address' })).optional(),
  /** SSH signing public keys (as in ~/.ssh/id_ed25519.pub). */
  keys: z.array(sshPublicKey).optional(),
});

export const rosterSchema = z.strictObject({
  ...schemaHint,
  people: z.array(personSchema),
  /** Group → its members' ids. */
  groups: z.record(name, z.array(recordId).min(1)),
  /** The group whose members may resolve anyone's concern. */
  chair_group: name.optional(),
  /** Who must approve a change of this file (judged with the base commit's roster). */
  changes: policySchema,
});
export type Roster = z.infer<typeof rosterSchema>;
export type Person = z.infer<typeof personSchema>;

export const dispositions = ['approve', 'object', 'concern', 'resolve'] as const;
export type Disposition = (typeof dispositions)[number];

export const approvalEntrySchema = z
  .strictObject({
    by: recordId,
    disposition: z.enum(dispositions),
    /** The concern's name, for concern and resolve. */
    concern: name.optional(),
    /** sha256:<64 hex>, the record's normative content when the entry was made. */
    content: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'a content hash: sha256: and 64 lowercase hex digits' }),
    /** An armoured sshsig over the entry's canonical message; absent: a claim. */
    signature: z.string().max(16 * 1024, { error: 'an armoured SSH signature of at most 16 KiB' }).optional(),
  })
  .refine((entry) => (entry.disposition === 'concern' || entry.disposition === 'resolve') === (entry.concern !== undefined), {
    error: 'a concern name exactly when the disposition is concern or resolve',
    path: ['concern'],
  });
export type ApprovalEntry = z.infer<typeof approvalEntrySchema>;

export const approvalsFileSchema = z.strictObject({
  ...schemaHint,
  approvals: z.array(approvalEntrySchema),
});
export type ApprovalsFile = z.infer<typeof approvalsFileSchema>;
