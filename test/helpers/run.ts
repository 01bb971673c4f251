// Runs our CLIs as whole processes, on the project's pinned Node (the one running the tests).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './fixtures.ts';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program as a whole process and collects its exit code and output (stdin closed). */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

export function runCli(script: 'check' | 'build', args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runProcess(process.execPath, [`src/cli/${script}.ts`, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
}

/**
 * A fresh folder for one test build's output, inside the project. Astro puts its prerender
 * bundle in <project>/.astro/.prerender/ when outDir lies outside the working directory, and
 * concurrent builds would then share (and delete) it; an outDir inside the project gets its own.
 */
export function makeBuildDir(prefix: string): string {
  const root = path.join(projectRoot, 'test', '.tmp');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, `${prefix}-`));
}
