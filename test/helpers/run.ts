// Runs our CLIs as whole processes, on the project's pinned Node (the one running the tests).
import { spawn } from 'node:child_process';
import { projectRoot } from './fixtures.ts';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(script: 'check' | 'build', args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`src/cli/${script}.ts`, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
