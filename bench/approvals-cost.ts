// What signed approvals cost `check`: generated content of N packets (default 1,000) with two
// signed approvals each, and the approvals gate run once on it, as `check` runs it (every
// signature verified in-process, every content hash computed). `npm run bench:approvals [-- <packets>]`.
// Issue 19 asks for 2,000 signatures to add under 1 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { approvalsGate } from '../src/approvals/gate.ts';
import { readContent } from '../src/reader/read-content.ts';
import { checkRecords } from '../src/validate/check-records.ts';
import { generateContent } from './generate-content.ts';

const count = Number(process.argv[2] ?? 1_000);
const root = mkdtempSync(path.join(os.tmpdir(), 'decision-packet-approvals-'));
try {
  const { contentDir } = generateContent(root, count, { git: false });
  const { records } = checkRecords(readContent(contentDir));
  const signatures = [...(records.approvals?.values() ?? [])].reduce((sum, file) => sum + file.data.approvals.length, 0);
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const [started, startedCpu] = [performance.now(), cpu()];
  const issues = approvalsGate(records, { today: '2026-11-24', verification: new Map(), requireVerifiedEvidence: false });
  const [ended, endedCpu] = [performance.now(), cpu()];
  console.log(
    `approvals gate: ${count.toLocaleString('en')} packets, ${signatures.toLocaleString('en')} signed approvals, ` +
      `${issues.length} issues: ${((ended - started) / 1000).toFixed(2)} s wall, ${(endedCpu - startedCpu).toFixed(2)} s CPU, ` +
      `load ${os.loadavg()[0]!.toFixed(1)}`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
