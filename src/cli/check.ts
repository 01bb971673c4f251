// `decision-packet check` (`npm run check` here): validate the content without rendering. Exit 0 valid, 1 rule broken, 2 usage/internal.
import path from 'node:path';
import { editorSchemaDir, writeEditorSchemas } from '../schemas/json-schema.ts';
import { UsageError } from '../core/build-date.ts';
import { redactError } from '../report/redact.ts';
import { report } from '../report/reporters.ts';
import { validate } from '../validate/validate.ts';
import { HelpRequested, parseArguments, usage } from './arguments.ts';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseArguments(argv);
    const result = await validate({ contentDir: options.contentDir, requireVerifiedEvidence: options.requireVerifiedEvidence });
    // Editors find the schemas of this content's kinds at a path that exists before any build.
    if (result.records.kinds.size > 0) writeEditorSchemas(result.records, path.resolve(editorSchemaDir));
    const output = report(result.issues, options.format, { color: process.stdout.isTTY === true });
    if (options.format === 'pretty' && !result.ok) process.stderr.write(output);
    else process.stdout.write(output);
    return result.ok ? 0 : 1;
  } catch (error) {
    return failUsage(error);
  }
}

export function failUsage(error: unknown): number {
  if (error instanceof HelpRequested) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  // An internal error: say so plainly. The message may quote content, so it is masked, and the
  // stack is shown only on request (DEBUG=1), masked too.
  const detail = process.env.DEBUG ? redactError(error, { stack: true }) : `${redactError(error)}\nSet DEBUG=1 for the stack trace.`;
  process.stderr.write(`Decision Packet failed internally.\n${detail}\n`);
  return 2;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
