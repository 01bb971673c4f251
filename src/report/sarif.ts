// SARIF 2.1.0 for code-scanning upload: one run, the catalog's rules (with help links to the
// rules reference, /rules/#dpNNN), one result per violation located by file, line and column.
import type { Issue } from '../core/issue.ts';
import { rules, severityOf } from '../rules/catalog.ts';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** The published site's origin and base path (PACKET_SITE + PACKET_BASE), for help links. */
  siteUrl?: string;
  /** The tool's version, shown by code scanning. */
  version?: string;
}

/** `/rules/#dpNNN` under the site; absolute only when the site's origin is known. */
export function ruleHelpUrl(ruleId: string, siteUrl = '/'): string {
  return `${siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`}rules/#${ruleId.toLowerCase()}`;
}

export function toSarif(issues: readonly Issue[], options: SarifOptions = {}) {
  const absolute = options.siteUrl !== undefined && /^https?:\/\//.test(options.siteUrl);
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Decision Packet',
            ...(options.version ? { version: options.version } : {}),
            ...(absolute ? { informationUri: ruleHelpUrl('', options.siteUrl).replace(/#$/, '') } : {}),
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.title },
              help: { text: `${rule.hint} See ${ruleHelpUrl(rule.id, options.siteUrl)}`, markdown: `${rule.hint}\n\n[${rule.id} in the rules reference](${ruleHelpUrl(rule.id, options.siteUrl)})` },
              ...(absolute ? { helpUri: ruleHelpUrl(rule.id, options.siteUrl) } : {}),
              defaultConfiguration: { level: severityOf(rule.id) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: issues.map((issue) => ({
          ruleId: issue.ruleId,
          ...(index.has(issue.ruleId) ? { ruleIndex: index.get(issue.ruleId) } : {}),
          level: severityOf(issue.ruleId),
          message: { text: `${issue.field ? `${issue.field}: ` : ''}${issue.message} Hint: ${issue.hint}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(issue.file), uriBaseId: '%SRCROOT%' },
                ...(issue.line !== undefined ? { region: { startLine: issue.line, ...(issue.column !== undefined ? { startColumn: issue.column } : {}) } } : {}),
              },
            },
          ],
        })),
      },
    ],
  };
}
