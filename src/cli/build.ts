// `decision-packet build` (`npm run build` here): validate, then render with Astro, index with
// Pagefind and scan the output for secrets. Exit 0 only when all of it succeeded. The site is
// written to a folder of the build's own beside the output folder and swapped in only then; on any
// failure the output folder is left as it was (output-folder.ts says which folders it may replace).
// --content and --out are relative to the directory it runs in.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { resolveToday, UsageError } from '../core/build-date.ts';
import { appendJobSummary, emit } from '../report/output.ts';
import { githubSummary, report } from '../report/reporters.ts';
import { packetSiteConfig } from '../integration/astro-config.ts';
import { getValidation, GateFailedError } from '../integration/validated-site.ts';
import { PublishFailedError } from '../integration/decision-packet.ts';
import { checkOutputFolder, makeStagingFolder, OutputFolderError, swapIn } from '../integration/output-folder.ts';
import { gitTopLevel } from '../git/repository-root.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { HelpRequested, parseArguments } from './arguments.ts';
import { failUsage } from './check.ts';
import { exitAfter } from './exit.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let staging: string | undefined;
  try {
    const options = parseArguments(argv);
    if (options.base !== undefined) throw new UsageError('--base judges a change: use it with check or diff, not build.');
    // The options are resolved here, once, and handed to the integration the site is built with:
    // its validation is then the one cached below.
    const validation = {
      contentDir: resolveContentDir({ contentDir: options.contentDir }),
      today: resolveToday(),
      requireVerifiedEvidence: options.requireVerifiedEvidence,
      strict: options.strict,
    };
    const guard = { contentDir: validation.contentDir, repoRoot: await gitTopLevel(process.cwd()) };
    const outDir = checkOutputFolder(path.resolve(options.outDir ?? (process.env.PACKET_OUT_DIR || 'dist')), guard);
    const result = await getValidation(validation);
    if (!result.ok) {
      const output = report(result.issues, options.format);
      // Annotations stop at 10: the job summary lists every violation.
      if (options.format === 'github') appendJobSummary(githubSummary(result.issues));
      emit(options.format === 'pretty' ? 'stderr' : 'stdout', output);
      return 1;
    }
    staging = await makeStagingFolder(outDir);
    const { build } = await import('astro');
    const logLevel = process.env.PACKET_LOG_LEVEL === 'debug' ? 'debug' : 'warn';
    const packet = { content: validation.contentDir, today: validation.today, requireVerifiedEvidence: validation.requireVerifiedEvidence };
    await build({ ...packetSiteConfig({ outDir: staging, packet }), configFile: false, logLevel });
    // The folder is checked again: the build took a while, and something else may have written there.
    await swapIn(staging, checkOutputFolder(outDir, guard));
    staging = undefined;
    const shown = path.relative(process.cwd(), outDir) || '.';
    emit('stdout', `Decision Packet: ${result.records.decisions.size} packet(s) built into ${shown}/.\n`);
    return 0;
  } catch (error) {
    // Only the build's own folder goes: the output folder keeps the previous site.
    if (staging !== undefined) await rm(staging, { recursive: true, force: true });
    if (error instanceof HelpRequested) return failUsage(error);
    if (error instanceof GateFailedError || error instanceof PublishFailedError) {
      emit('stderr', `${error.message}\n`);
      return 1;
    }
    if (error instanceof OutputFolderError) {
      emit('stderr', `${error.message}\n`);
      return 2;
    }
    return failUsage(error);
  }
}

if (import.meta.main) {
  await exitAfter(() => main(process.argv.slice(2)));
}
