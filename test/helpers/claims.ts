// The ADR example's approvals are claims bound to each ADR's content hash. A test that edits an
// example ADR for another rule re-binds the claims to the edited content, as its author would
// after the deciders approved the edit.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decisionContent } from '../../src/approvals/gate.ts';
import { readContent } from '../../src/reader/read-content.ts';
import { checkRecords } from '../../src/validate/check-records.ts';

export function refreshClaims(content: string): void {
  const { records } = checkRecords(readContent(content));
  const folder = path.join(content, 'decisions');
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.approvals.yaml')) continue;
    const decision = records.decisions.get(name.slice(0, -'.approvals.yaml'.length));
    const hash = decision && decisionContent(records, decision);
    if (!hash) continue;
    const file = path.join(folder, name);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/sha256:[0-9a-f]{64}/g, hash));
  }
}
