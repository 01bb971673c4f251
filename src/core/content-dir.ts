// Where the content folder is: every command, the integration and validate() resolve it the same way.
import path from 'node:path';

export interface ContentDirOptions {
  /** The content folder as given; default PACKET_CONTENT_DIR, else ./content. */
  contentDir?: string;
  /** The folder a relative contentDir is resolved against; default process.cwd(). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** The absolute content folder. */
export function resolveContentDir(options: ContentDirOptions = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  return path.resolve(cwd, options.contentDir ?? (env.PACKET_CONTENT_DIR || 'content'));
}
