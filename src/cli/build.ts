// `decision-packet build` (`npm run build` here): validate, then render with Astro, index with
// Pagefind and scan the output for secrets. Exit 0 only when all of it succeeded; on any failure
// the output folder is removed. --content and --out are relative to the directory it runs in.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { githubSummary, report } from '../report/reporters.ts';
import { packetSiteConfig } from '../integration/astro-config.ts';
import { getValidation, GateFailedError } from '../integration/validated-site.ts';
import { PublishFailedError } from '../integration/decision-packet.ts';
import { HelpRequested, parseArguments } from './arguments.ts';
import { failUsage, writeJobSummary } from './check.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let outDir = path.resolve(process.env.PACKET_OUT_DIR || 'dist');
  try {
    const options = parseArguments(argv);
    if (options.base !== undefined) throw new UsageError('--base judges a change: use it with check or diff, not build.');
    if (options.outDir) outDir = path.resolve(options.outDir);
    if (options.contentDir) process.env.PACKET_CONTENT_DIR = path.resolve(options.contentDir);
    if (options.requireVerifiedEvidence) process.env.PACKET_REQUIRE_VERIFIED_EVIDENCE = '1';
    // The integration validates again inside Astro: it reads strictness from the environment.
    if (options.strict) process.env.PACKET_STRICT = '1';
    await rm(outDir, { recursive: true, force: true });
    const result = await getValidation({ requireVerifiedEvidence: options.requireVerifiedEvidence });
    if (!result.ok) {
      const output = report(result.issues, options.format);
      // Annotations stop at 10: the job summary lists every violation.
      if (options.format === 'github') writeJobSummary(githubSummary(result.issues));
      (options.format === 'pretty' ? process.stderr : process.stdout).write(output);
      return 1;
    }
    const { build } = await import('astro');
    await build({ ...packetSiteConfig({ outDir }), configFile: false, logLevel: process.env.PACKET_LOG_LEVEL === 'debug' ? 'debug' : 'warn' });
    process.stdout.write(`Decision Packet: ${result.records.decisions.size} packet(s) built into ${path.relative(process.cwd(), outDir) || '.'}/.\n`);
    return 0;
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    if (error instanceof HelpRequested) return failUsage(error);
    if (error instanceof GateFailedError || error instanceof PublishFailedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    return failUsage(error);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
