// Signing, behind a small interface: only `approve` signs, with the user's own SSH key through
// `ssh-keygen -Y sign` (argument array, no shell, message on stdin, signature on stdout). The
// gate never signs and never spawns a process per signature: it verifies in-process (sshsig.ts).
import { spawn } from 'node:child_process';

export const signatureNamespace = 'decision-packet';

export interface Signer {
  /** The armoured sshsig over `message`, or an Error saying why not (no key material in it). */
  sign(message: string): Promise<string>;
}

export class SignerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignerError';
  }
}

export interface SshSignerOptions {
  /** The private key file (or its .pub when the agent holds the private key). */
  keyFile: string;
  /** The ssh-keygen binary; default from PATH. */
  binary?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Only what ssh-keygen needs: where to find programs and an agent, and the user's home. */
function signerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { LC_ALL: 'C' };
  for (const name of ['PATH', 'HOME', 'SSH_AUTH_SOCK']) if (env[name] !== undefined) out[name] = env[name];
  return out;
}

export function sshKeygenSigner(options: SshSignerOptions): Signer {
  return {
    sign(message) {
      if (options.keyFile.startsWith('-')) return Promise.reject(new SignerError('The key path may not start with "-".'));
      const args = ['-Y', 'sign', '-n', signatureNamespace, '-f', options.keyFile];
      return run(options.binary ?? 'ssh-keygen', args, message, signerEnv(options.env ?? process.env), options.timeoutMs ?? 60_000);
    },
  };
}

function run(binary: string, args: string[], input: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['pipe', 'pipe', 'pipe'], shell: false, timeout: timeoutMs });
    const out: Buffer[] = [];
    let outBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= 64 * 1024) out.push(chunk);
    });
    child.stderr.resume();
    child.on('error', () => reject(new SignerError('ssh-keygen could not be run: install OpenSSH 8.1 or later.')));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new SignerError('ssh-keygen could not sign with that key (is the path right, and the key unlocked or in the agent?).'));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
