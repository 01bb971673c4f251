// Detached SSH signatures (OpenSSH PROTOCOL.sshsig, what `ssh-keygen -Y sign` writes), parsed and
// verified in-process with node:crypto: one process per signature would never check thousands
// of approvals in a second. Every function here returns a result and never throws: the armour
// is content, and content never crashes the gate.
//
// Blob: "SSHSIG" uint32(1) string(publickey) string(namespace) string(reserved)
//       string(hash_algorithm) string(signature)
// Signed data: "SSHSIG" string(namespace) string(reserved) string(hash_algorithm) string(H(message))
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Armour bigger than this is refused before decoding (an RSA-16384 signature is ~6 KiB). */
export const maxArmourBytes = 16 * 1024;
const magic = Buffer.from('SSHSIG');
const begin = '-----BEGIN SSH SIGNATURE-----';
const end = '-----END SSH SIGNATURE-----';

export interface ParsedSignature {
  /** The signer's public key blob (the wire form, as in an authorized_keys line). */
  publicKey: Buffer;
  namespace: string;
  hashAlgorithm: 'sha256' | 'sha512';
  /** The signature's algorithm name, e.g. ssh-ed25519, rsa-sha2-512. */
  signatureAlgorithm: string;
  signatureBlob: Buffer;
}

export type SignatureResult =
  | { ok: true; keyType: string; fingerprint: string; publicKey: Buffer }
  | { ok: false; reason: SignatureFailure };

export type SignatureFailure =
  | 'malformed' // not an armoured sshsig, or its fields do not parse
  | 'too-large'
  | 'unsupported-key' // a key type this verifier does not know (e.g. security keys)
  | 'wrong-namespace'
  | 'key-mismatch' // signed with another key than the one expected
  | 'bad-signature'; // the signature does not verify over this message

/** Sentences for the failures; they name no value. */
export const failureText: Record<SignatureFailure, string> = {
  malformed: 'the signature is not an armoured SSH signature (sshsig) that parses',
  'too-large': `the signature is larger than ${maxArmourBytes / 1024} KiB`,
  'unsupported-key': 'the signature uses a key type this build cannot verify (allowed: ssh-ed25519, ssh-rsa with rsa-sha2-256/512, ecdsa-sha2-nistp256/384/521)',
  'wrong-namespace': 'the signature was made for another namespace than decision-packet',
  'key-mismatch': 'the signature was made with a key that is not this person\'s key in the roster',
  'bad-signature': 'the signature does not verify over this entry\'s canonical message (the packet, disposition or content differ from what was signed)',
};

/** A cursor over SSH wire encoding: uint32 lengths, strings, mpints. */
class Reader {
  private offset = 0;
  private readonly buffer: Buffer;
  constructor(buffer: Buffer) {
    this.buffer = buffer;
  }
  bytes(length: number): Buffer | undefined {
    if (length < 0 || this.offset + length > this.buffer.length) return undefined;
    const out = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
  uint32(): number | undefined {
    const bytes = this.bytes(4);
    return bytes ? bytes.readUInt32BE(0) : undefined;
  }
  string(): Buffer | undefined {
    const length = this.uint32();
    return length === undefined ? undefined : this.bytes(length);
  }
  text(): string | undefined {
    const bytes = this.string();
    if (!bytes) return undefined;
    const value = bytes.toString('latin1');
    return /^[\x20-\x7e]*$/.test(value) ? value : undefined;
  }
  get done(): boolean {
    return this.offset === this.buffer.length;
  }
}

function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** The blob inside the armour, or why not. Only the exact armour lines and base64 are accepted. */
export function dearmour(armour: string): Buffer | SignatureFailure {
  if (armour.length > maxArmourBytes) return 'too-large';
  const lines = armour.replace(/\r\n/g, '\n').trim().split('\n');
  if (lines.length < 3 || lines[0] !== begin || lines.at(-1) !== end) return 'malformed';
  const body = lines.slice(1, -1).join('');
  // Strict base64: the decoder would skip stray characters silently.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return 'malformed';
  return Buffer.from(body, 'base64');
}

export function parseSignature(armour: string): ParsedSignature | SignatureFailure {
  const blob = dearmour(armour);
  if (!Buffer.isBuffer(blob)) return blob;
  const reader = new Reader(blob);
  const preamble = reader.bytes(magic.length);
  if (!preamble || !preamble.equals(magic) || reader.uint32() !== 1) return 'malformed';
  const publicKey = reader.string();
  const namespace = reader.text();
  const reserved = reader.string();
  const hashAlgorithm = reader.text();
  const signature = reader.string();
  if (!publicKey || namespace === undefined || !reserved || !signature || !reader.done) return 'malformed';
  if (hashAlgorithm !== 'sha256' && hashAlgorithm !== 'sha512') return 'malformed';
  if (reserved.length !== 0) return 'malformed';
  const inner = new Reader(signature);
  const signatureAlgorithm = inner.text();
  const signatureBlob = inner.string();
  if (!signatureAlgorithm || !signatureBlob || !inner.done) return 'malformed';
  return { publicKey, namespace, hashAlgorithm, signatureAlgorithm, signatureBlob };
}

/** The data an sshsig signs for `message` (PROTOCOL.sshsig). */
export function signedData(namespace: string, hashAlgorithm: 'sha256' | 'sha512', message: Buffer | string): Buffer {
  const digest = createHash(hashAlgorithm).update(message).digest();
  return Buffer.concat([magic, sshString(namespace), sshString(''), sshString(hashAlgorithm), sshString(digest)]);
}

interface PublicKey {
  type: string;
  key: KeyObject;
  /** For ECDSA: the digest its curve uses. */
  curveHash?: string;
  /** For ECDSA: bytes per coordinate. */
  coordinateBytes?: number;
}

const curves: Record<string, { jwk: string; hash: string; bytes: number }> = {
  nistp256: { jwk: 'P-256', hash: 'sha256', bytes: 32 },
  nistp384: { jwk: 'P-384', hash: 'sha384', bytes: 48 },
  nistp521: { jwk: 'P-521', hash: 'sha512', bytes: 66 },
};

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const unsigned = (bytes: Buffer) => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
};

// Parsed keys are cached by blob: a roster member signs many approvals.
const keyCache = new Map<string, PublicKey | SignatureFailure>();

/** A public key blob as a node:crypto key, or why not. */
export function importPublicKey(blob: Buffer): PublicKey | SignatureFailure {
  const cacheKey = blob.toString('base64');
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const imported = importUncached(blob);
  if (keyCache.size > 10_000) keyCache.clear();
  keyCache.set(cacheKey, imported);
  return imported;
}

function importUncached(blob: Buffer): PublicKey | SignatureFailure {
  const reader = new Reader(blob);
  const type = reader.text();
  try {
    if (type === 'ssh-ed25519') {
      const x = reader.string();
      if (!x || x.length !== 32 || !reader.done) return 'malformed';
      return { type, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(x) }, format: 'jwk' }) };
    }
    if (type === 'ssh-rsa') {
      const e = reader.string();
      const n = reader.string();
      if (!e || !n || !reader.done) return 'malformed';
      return { type, key: createPublicKey({ key: { kty: 'RSA', n: b64url(unsigned(n)), e: b64url(unsigned(e)) }, format: 'jwk' }) };
    }
    if (type?.startsWith('ecdsa-sha2-')) {
      const curveName = reader.text();
      const point = reader.string();
      const curve = curveName ? curves[curveName] : undefined;
      if (!curve || type !== `ecdsa-sha2-${curveName}`) return 'unsupported-key';
      if (!point || point.length !== 1 + 2 * curve.bytes || point[0] !== 4 || !reader.done) return 'malformed';
      const x = point.subarray(1, 1 + curve.bytes);
      const y = point.subarray(1 + curve.bytes);
      const key = createPublicKey({ key: { kty: 'EC', crv: curve.jwk, x: b64url(x), y: b64url(y) }, format: 'jwk' });
      return { type, key, curveHash: curve.hash, coordinateBytes: curve.bytes };
    }
  } catch {
    return 'malformed';
  }
  return type === undefined ? 'malformed' : 'unsupported-key';
}

/** `SHA256:<base64>` as ssh-keygen -l prints it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** An `authorized_keys`-style line (`ssh-ed25519 AAAA… comment`) → its key blob, or undefined. */
export function publicKeyBlob(line: string): Buffer | undefined {
  const [type, data] = line.trim().split(/\s+/);
  if (!type || !data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) return undefined;
  const blob = Buffer.from(data, 'base64');
  const reader = new Reader(blob);
  return reader.text() === type ? blob : undefined;
}

/**
 * Verifies `armour` over `message`: namespace, and that the signing key is one of `allowedKeys`
 * (blobs). Never throws.
 */
export function verifySignature(armour: string, message: string, namespace: string, allowedKeys: readonly Buffer[]): SignatureResult {
  try {
    const parsed = parseSignature(armour);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    const key = importPublicKey(parsed.publicKey);
    if (typeof key === 'string') return { ok: false, reason: key };
    if (parsed.namespace !== namespace) return { ok: false, reason: 'wrong-namespace' };
    if (!allowedKeys.some((allowed) => allowed.equals(parsed.publicKey))) return { ok: false, reason: 'key-mismatch' };
    const data = signedData(parsed.namespace, parsed.hashAlgorithm, message);
    if (!verifyBlob(key, parsed.signatureAlgorithm, parsed.signatureBlob, data)) return { ok: false, reason: 'bad-signature' };
    return { ok: true, keyType: key.type, fingerprint: fingerprint(parsed.publicKey), publicKey: parsed.publicKey };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

function verifyBlob(key: PublicKey, algorithm: string, blob: Buffer, data: Buffer): boolean {
  if (key.type === 'ssh-ed25519') return algorithm === 'ssh-ed25519' && blob.length === 64 && verify(null, data, key.key, blob);
  if (key.type === 'ssh-rsa') {
    // The SHA-1 form (ssh-rsa) is refused, as OpenSSH refuses it for signatures.
    const digest = algorithm === 'rsa-sha2-256' ? 'sha256' : algorithm === 'rsa-sha2-512' ? 'sha512' : undefined;
    return digest !== undefined && verify(digest, data, key.key, blob);
  }
  if (algorithm !== key.type || !key.curveHash || !key.coordinateBytes) return false;
  // ECDSA: string(mpint r, mpint s) → fixed-width r||s.
  const reader = new Reader(blob);
  const r = reader.string();
  const s = reader.string();
  if (!r || !s || !reader.done) return false;
  const width = key.coordinateBytes;
  const fixed = (part: Buffer) => {
    const value = unsigned(part);
    return value.length > width ? undefined : Buffer.concat([Buffer.alloc(width - value.length), value]);
  };
  const rs = [fixed(r), fixed(s)];
  if (!rs[0] || !rs[1]) return false;
  return verify(key.curveHash, data, { key: key.key, dsaEncoding: 'ieee-p1363' }, Buffer.concat([rs[0], rs[1]]));
}
