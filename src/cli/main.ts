// `decision-packet <command>`: one table of subcommands, each a module with `main(argv)` that
// returns the exit status (0 valid, 1 the content breaks a rule, 2 usage or internal error).
// The executable (bin/decision-packet.js) ends the process through it once `run` has answered.
export { exitAfter } from './exit.ts';

interface Command {
  main(argv: readonly string[]): Promise<number>;
}

export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: { summary: 'validate the content (no rendering): for editors and CI', load: () => import('./check.ts') },
  build: { summary: 'validate, then write the site (default ./dist)', load: () => import('./build.ts') },
  diff: { summary: 'what a change does to the decisions (see its --help)', load: () => import('./diff.ts') },
  init: { summary: 'write a starter content folder and a CI workflow', load: () => import('./init.ts') },
  approve: { summary: 'approve <packet>: sign its current content with your SSH key (see its --help)', load: () => import('./approve.ts') },
  new: { summary: 'new <kind> <id>: write a decision record of a kind, in its safe state', load: () => import('./new-record.ts') },
  governing: {
    summary: 'governing <path>… [--as-of <ref|date>]: the decisions governing those paths',
    load: () => import('./governing.ts'),
  },
  explain: { summary: 'explain <packet> [--as-of <ref|date>]: what a packet said at a commit', load: () => import('./explain.ts') },
  mcp: { summary: 'a read-only MCP server over stdio (decisions, governing paths)', load: () => import('./mcp.ts') },
  dev: { summary: 'serve the site while you edit the content (see its --help)', load: async () => (await import('./serve.ts')).dev },
  preview: { summary: 'serve the site that build wrote (default ./dist)', load: async () => (await import('./serve.ts')).preview },
};

export const mainUsage = `Usage: npx decision-packet <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(11)}${command.summary}`)
  .join('\n')}

Run \`npx decision-packet <command> --help\` for a command's options. --content <dir> and --out <dir>
are relative to the directory it runs in.
Exit status: 0 valid, 1 the content breaks a rule, 2 usage or internal error.`;

export async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(`${mainUsage}\n`);
    return name === undefined ? 2 : 0;
  }
  const known = Object.hasOwn(commands, name);
  // The secret engine's worker loads its scanner while check's own modules load, on the other core.
  if (name === 'check') (await import('../secrets/engine-on-worker.ts')).startWorkerEngineEarly();
  const command = known ? await commands[name]!.load() : undefined;
  if (!command) {
    process.stderr.write(`Unknown command: ${name.replace(/[^\x20-\x7e]/g, '?').slice(0, 40)}\n\n${mainUsage}\n`);
    return 2;
  }
  return command.main(rest);
}
