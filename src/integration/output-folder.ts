// Output folders are owned, never assumed: `build` writes only into a folder it made. A folder
// that is or holds the content, the repository, the working directory, the home directory or `/`
// (or lies inside the content) is refused before anything is written; a non-empty folder is
// replaced only when it carries the marker a previous build wrote. The new site is written to a
// sibling folder of the build's own and swapped in only once everything passed.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/** The file a build leaves in its output folder: its proof of ownership (fixed text, so dist stays byte-identical). */
export const buildMarker = '.decision-packet-build';
const markerText = 'This folder is the output of decision-packet build; the next build replaces it.\n';

/** An output folder the command must not write to or serve: exit 2, with the message. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

export interface OutputGuardOptions {
  /** The content folder (absolute). */
  contentDir: string;
  cwd?: string;
  /** The repository root of the working directory (git top level), when there is one. */
  repoRoot?: string;
  home?: string;
  /** Serving, not writing: the folder must exist and carry a build's marker, empty or not. */
  requireMarker?: boolean;
}

/** The real path of `dir`: symlinks resolved in the part of it that exists, the rest appended. */
function realPath(dir: string): string {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  let existing = absolute;
  while (!existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    missing.unshift(path.basename(existing));
    existing = parent;
  }
  try {
    return path.join(realpathSync(existing), ...missing);
  } catch {
    return absolute;
  }
}

function isInside(dir: string, inner: string): boolean {
  const relative = path.relative(dir, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The folder as shown in a message: relative to the working directory when inside it, printable. */
function shown(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  const text = relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
  return text.replace(/[^\x20-\x7e]/g, '?');
}

interface ProtectedFolders {
  content: string;
  cwd: string;
  repoRoot?: string;
  home?: string;
}

/** Why `outDir` may never be an output folder, or undefined. Pure: every path is already real. */
function protectedFolderProblem(outDir: string, folders: ProtectedFolders): string | undefined {
  const named: [string | undefined, string][] = [
    [folders.content, 'the content folder'],
    [path.parse(outDir).root, 'the file system root'],
    [folders.repoRoot, 'the repository root'],
    [folders.cwd, 'the working directory'],
    [folders.home, 'the home directory'],
  ];
  const same = named.find(([folder]) => folder === outDir);
  if (same) return `is ${same[1]}`;
  if (isInside(folders.content, outDir)) return 'lies inside the content folder';
  const contained = named.find(([folder]) => folder !== undefined && isInside(outDir, folder));
  return contained ? `contains ${contained[1]}` : undefined;
}

/** Whether `dir` holds the marker a build writes (a regular file with the exact text). */
function builtByUs(dir: string): boolean {
  const marker = path.join(dir, buildMarker);
  try {
    return lstatSync(marker).isFile() && readFileSync(marker, 'utf8') === markerText;
  } catch {
    return false;
  }
}

/**
 * Throws OutputFolderError unless `outDir` may be written (or served): not a protected folder, and
 * missing, empty or made by a previous build (served: made by a build). Returns its real path. Reads only.
 */
export function checkOutputFolder(outDir: string, options: OutputGuardOptions): string {
  const cwd = realPath(options.cwd ?? process.cwd());
  const real = realPath(outDir);
  const folders = {
    content: realPath(options.contentDir),
    cwd,
    repoRoot: options.repoRoot === undefined ? undefined : realPath(options.repoRoot),
    home: realPath(options.home ?? homedir()),
  };
  const problem = protectedFolderProblem(real, folders);
  const name = shown(real, cwd);
  const hint = 'Name a folder of its own for the site (the default is ./dist).';
  if (problem) throw new OutputFolderError(`The output folder ${name} ${problem}; a build never writes there. ${hint}`);
  if (!existsSync(real)) return real;
  if (!lstatSync(real).isDirectory()) {
    throw new OutputFolderError(`The output folder ${name} is not a folder; nothing was written. ${hint}`);
  }
  if ((options.requireMarker || readdirSync(real).length > 0) && !builtByUs(real)) {
    throw new OutputFolderError(
      `The output folder ${name} was not made by a build (it has no ${buildMarker}); it is left as it is. ` +
        'Remove it yourself if it is an old site, or name another folder.',
    );
  }
  return real;
}

/** Marks a finished build's folder as the build's own (the last file written, after every check). */
export async function writeBuildMarker(dir: string): Promise<void> {
  await writeFile(path.join(dir, buildMarker), markerText);
}

/**
 * A new, empty folder beside `outDir` (same parent, so the swap is a rename) for the build to write
 * to. Made here (mkdir fails on an existing one), with the usual permissions (mkdtemp's are 0700).
 */
export async function makeStagingFolder(outDir: string): Promise<string> {
  const parent = path.dirname(outDir);
  await mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(outDir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  return staging;
}

/** Puts the finished site in place of `outDir` (a previous build's, if any), then removes the previous one. */
export async function swapIn(staging: string, outDir: string): Promise<void> {
  if (!existsSync(outDir)) return rename(staging, outDir);
  const previous = `${staging}.previous`;
  await rename(outDir, previous);
  try {
    await rename(staging, outDir);
  } catch (error) {
    await rename(previous, outDir);
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}
