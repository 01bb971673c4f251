// `decision-packet mcp`: a read-only MCP server (the official SDK, stdio) answering from the
// content as judged at a commit (src/governing/content-at.ts). Four tools, none of which writes:
// search_decisions, get_decision, governing_decisions and list_superseded. Every answer carries
// the commit it was computed at and the gate's verdict; when the content at that commit breaks a
// rule, the answer says so and gives no decision (not as governing, not at all).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'astro/zod';
import { UsageError } from '../core/build-date.ts';
import { valueAtPath } from '../kinds/compile-kind.ts';
import { decisionEntry, explainAnswer, governingAnswer, verdictOf } from '../governing/answers.ts';
import { contentAt, type ContentAt, type ContentAtOptions } from '../governing/content-at.ts';
import { isRepositoryPath } from '../governing/governing-index.ts';

export interface DecisionServerOptions extends ContentAtOptions {
  /** The published site (PACKET_SITE + PACKET_BASE), for links; else links are from the site root. */
  site?: string;
  version: string;
}

const asOf = z.string().min(1).max(256).optional().describe('A git revision or a date YYYY-MM-DD (the last commit by the end of that day); default HEAD.');
const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export function createDecisionServer(options: DecisionServerOptions): McpServer {
  const server = new McpServer({ name: 'decision-packet', version: options.version });
  // The content of a commit is judged once: an answer at a commit never changes (the date a
  // review trigger is judged against aside, which a server started anew picks up).
  const judged: NonNullable<ContentAtOptions['judged']> = new Map();
  const at = (revision: string | undefined): Promise<ContentAt> => contentAt(revision, { ...options, judged });
  const stamp = (content: ContentAt) => ({ commit: content.commit, as_of: content.asOf, ...verdictOf(content.result), determined: content.result.ok });

  server.registerTool(
    'search_decisions',
    { description: 'Decisions whose id, title, kind or state contain every word of the query (case-insensitive).', inputSchema: { query: z.string().max(200), as_of: asOf }, annotations: readOnly },
    answering(async ({ query, as_of }) => {
      const content = await at(as_of);
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const found = content.decisions.filter((decision) => {
        const haystack = `${decision.id} ${decision.title} ${decision.kind} ${decision.state} ${decision.stateLabel}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
      });
      return { ...stamp(content), decisions: content.result.ok ? found.map((decision) => ({ ...decisionEntry(decision, options.site), governs: decision.governs, retired: decision.retired })) : null };
    }),
  );

  server.registerTool(
    'get_decision',
    { description: 'One decision: its state, outcome, record, what it governs, what it keeps blocked, its successors and approvals.', inputSchema: { id: z.string().max(100), as_of: asOf }, annotations: readOnly },
    answering(async ({ id, as_of }) => {
      const content = await at(as_of);
      const answer = explainAnswer(content, id, options.site);
      return { ...answer, blocked: answer.decision ? blockedItems(content, id) : null, approvals: answer.decision ? approvalsOf(content, id) : null };
    }),
  );

  server.registerTool(
    'governing_decisions',
    {
      description: 'The decisions governing each path (relative to the repository root) at a commit. Undetermined (null) when the content at that commit breaks a rule.',
      inputSchema: { paths: z.array(z.string().min(1).max(1024)).min(1).max(1000), as_of: asOf },
      annotations: readOnly,
    },
    answering(async ({ paths, as_of }) => {
      if (!paths.every(isRepositoryPath)) throw new UsageError('Each path is relative to the repository root, "/"-separated, without "." or ".." segments.');
      return governingAnswer(await at(as_of), paths, options.site);
    }),
  );

  server.registerTool(
    'list_superseded',
    { description: 'Decisions in a retired state (superseded, deprecated …), each with the decisions that replace it.', inputSchema: { as_of: asOf }, annotations: readOnly },
    answering(async ({ as_of }) => {
      const content = await at(as_of);
      const retired = content.decisions.filter((decision) => decision.retired);
      return { ...stamp(content), decisions: content.result.ok ? retired.map((decision) => ({ ...decisionEntry(decision, options.site), successors: decision.successors })) : null };
    }),
  );
  return server;
}

/** A tool's answer as JSON text and structured content; a usage error is a tool error, not a crash. */
function answering<Args>(handler: (args: Args) => Promise<Record<string, unknown>>): (args: Args) => Promise<CallToolResult> {
  return async (args) => {
    try {
      const answer = await handler(args);
      return { content: [{ type: 'text', text: JSON.stringify(answer, null, 2) }], structuredContent: answer };
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return { isError: true, content: [{ type: 'text', text: error.message }] };
    }
  };
}

/** The work items the decision's kind gates through its roles, with their status. */
function blockedItems(content: ContentAt, id: string) {
  const decision = content.result.records.decisions.get(id);
  const kind = decision ? content.result.records.kinds.get(decision.data.kind) : undefined;
  if (!decision || !kind) return [];
  return Object.entries(kind.data.roles ?? {}).flatMap(([role, spec]) => {
    const item = valueAtPath(decision.data, spec.field);
    const loaded = typeof item === 'string' ? content.result.records.workItems.get(item) : undefined;
    return loaded ? [{ role, label: spec.label, work_item: loaded.id, status: loaded.data.status, blocked: loaded.data.status === 'blocked' }] : [];
  });
}

/** Approvals are recorded by the approvals feature where present; this version reads none. */
function approvalsOf(_content: ContentAt, _id: string): { available: false } {
  return { available: false };
}
