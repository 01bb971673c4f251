// The commit the site is built from: PACKET_BUILD_COMMIT, else HEAD of the working directory's
// repository, else unknown. Stamped on every page and in decision.json.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function resolveBuildCommit(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<string | undefined> {
  const explicit = env.PACKET_BUILD_COMMIT?.trim();
  if (explicit) return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(explicit) ? explicit : undefined;
  try {
    const { stdout } = await run('git', ['rev-parse', '--verify', '--end-of-options', 'HEAD'], { cwd, env: { ...env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } });
    const commit = stdout.trim();
    return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
