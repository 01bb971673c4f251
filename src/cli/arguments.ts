// Command-line options shared by `check` and `build`.
import { UsageError } from '../core/build-date.ts';
import { formats, type Format } from '../report/reporters.ts';

export interface CliOptions {
  format: Format;
  contentDir?: string;
  /** build: where the site is written. */
  outDir?: string;
  requireVerifiedEvidence: boolean;
  /** `check --base <git-ref>`: also judge what the change from that revision does. */
  base?: string;
  /** Warnings fail too (exit 1). */
  strict: boolean;
}

export const usage = `Usage: npx decision-packet check [--format pretty|json|github|codequality|sarif] [--content <dir>] [--require-verified-evidence] [--strict] [--base <git-ref>]
       npx decision-packet build [same options, without --base] [--out <dir>]
       npx decision-packet diff --base <git-ref> [--format markdown|json] [--content <dir>] [--summary]

--content and --out are relative to the directory the command runs in (default ./content, ./dist).
--base <git-ref>: also judge the change from that commit to the working tree (DP214, DP8xx).
--strict: warnings (e.g. DP309, code citing a retired decision) fail too (or PACKET_STRICT=1).

Environment: PACKET_CONTENT_DIR=<dir> (default ./content), PACKET_TODAY=YYYY-MM-DD or
SOURCE_DATE_EPOCH=<seconds> (the date review triggers are judged against), PACKET_REQUIRE_VERIFIED_EVIDENCE=1.
Exit status: 0 valid, 1 the content breaks a rule, 2 usage or internal error.`;

export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const options: CliOptions = {
    format: env.GITHUB_ACTIONS === 'true' && !argv.includes('--format') ? 'github' : 'pretty',
    requireVerifiedEvidence: env.PACKET_REQUIRE_VERIFIED_EVIDENCE === '1',
    strict: env.PACKET_STRICT === '1',
  };
  for (const { flag, argument, value } of flags(argv)) {
    switch (flag) {
      case '--format': {
        const format = value();
        if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}.`);
        options.format = format as Format;
        break;
      }
      case '--content':
        options.contentDir = value();
        break;
      case '--base':
        options.base = value();
        break;
      case '--out':
        options.outDir = value();
        break;
      case '--require-verified-evidence':
        options.requireVerifiedEvidence = true;
        break;
      case '--strict':
        options.strict = true;
        break;
      case '--help':
      case '-h':
        throw new HelpRequested();
      default:
        throw unknownArgument(argument);
    }
  }
  return options;
}

export class HelpRequested extends Error {}

/** Each argument as a flag and, on request, its value (`--flag value` or `--flag=value`). */
export function* flags(argv: readonly string[]): Generator<{ flag: string; argument: string; value: () => string }> {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const equals = argument.startsWith('--') ? argument.indexOf('=') : -1;
    const flag = equals > 0 ? argument.slice(0, equals) : argument;
    const inline = equals > 0 ? argument.slice(equals + 1) : undefined;
    yield {
      flag,
      argument,
      value: () => {
        const next = inline ?? argv[++index];
        if (next === undefined) throw new UsageError(`${flag} needs a value.`);
        return next;
      },
    };
  }
}

/** An unknown argument, shown printable and short (it may be anything). */
export function unknownArgument(argument: string): UsageError {
  return new UsageError(`Unknown argument: ${argument.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}`);
}
