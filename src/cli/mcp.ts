// `decision-packet mcp [--content <dir>]`: the read-only MCP server over stdio
// (src/mcp/decision-server.ts). stdout carries the protocol only; nothing else is printed there.
import { readFileSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { UsageError } from '../core/build-date.ts';
import { createDecisionServer } from '../mcp/decision-server.ts';
import { flags, HelpRequested, unknownArgument } from './arguments.ts';
import { failUsage, siteUrl } from './check.ts';

export const mcpUsage = `Usage: npx decision-packet mcp [--content <dir>]

A read-only MCP server on stdio. Tools: search_decisions, get_decision, governing_decisions
(paths, as_of?) and list_superseded; each answer names the commit and the gate's verdict.
Configure it in an MCP client as the command \`npx decision-packet mcp\`.`;

export async function main(argv: readonly string[]): Promise<number> {
  try {
    let contentDir: string | undefined;
    for (const { flag, argument, value } of flags(argv)) {
      if (flag === '--content') contentDir = value();
      else if (flag === '--help' || flag === '-h') throw new HelpRequested();
      else throw unknownArgument(argument);
    }
    if (contentDir === '') throw new UsageError('--content needs a folder.');
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const server = createDecisionServer({ contentDir, site: siteUrl(), version });
    await server.connect(new StdioServerTransport());
    // The server runs until the client closes stdin.
    await new Promise<void>((resolve) => process.stdin.once('close', resolve));
    await server.close();
    return 0;
  } catch (error) {
    return failUsage(error, mcpUsage);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
