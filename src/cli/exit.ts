// How a command's process ends. Once its status is known and its output written, the process
// exits explicitly: after a failure, a worker, Pagefind's process or another open handle could
// otherwise keep it alive after its message (process.exitCode alone waits for them). An error that
// escapes every command (a rejection no one awaited, a throw from a callback) is an internal error:
// exit 2, never Node's exit 1, which would read as "the content breaks a rule".
import { emit } from '../report/output.ts';
import { redactError } from '../report/redact.ts';

/** Writes the internal-error message (masked; the stack only with DEBUG=1). */
export function reportInternalError(error: unknown): void {
  const detail = process.env.DEBUG ? redactError(error, { stack: true }) : `${redactError(error)}\nSet DEBUG=1 for the stack trace.`;
  emit('stderr', `Decision Packet failed internally.\n${detail}\n`);
}

/** Resolves once everything written to the stream so far is handed to the system. */
function written(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) {
      resolve();
      return;
    }
    stream.write('', () => {
      resolve();
    });
  });
}

async function exitWith(code: number): Promise<never> {
  await Promise.all([written(process.stdout), written(process.stderr)]);
  process.exit(code);
}

/** Runs a command's main and ends the process with its status, or with 2 on any escaped error. */
export async function exitAfter(command: () => Promise<number>): Promise<never> {
  const crash = (error: unknown) => {
    reportInternalError(error);
    void exitWith(2);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  let code: number;
  try {
    code = await command();
  } catch (error) {
    reportInternalError(error);
    code = 2;
  }
  return exitWith(code);
}
