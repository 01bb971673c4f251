// `decision-packet import adr <dir>`: converts a folder of existing ADRs (adr-tools, MADR 2/3/4,
// log4brains) into decision records of the content folder's ADR kind (kinds/adr.yaml; the
// package's preset is written when there is none). Additive: the originals are never touched, and
// an ADR whose record exists already refuses the whole import before anything is written (exit 2).
// Prints what it could not map with file:line; exit 1 when a written record will not pass `check`
// until it is fixed (an unknown or missing status, a missing title or date), else 0.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/build-date.ts';
import { parseStrictYaml } from '../reader/strict-yaml.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { adrId, convertAdrs, validAdrId, type SourceAdr } from '../import/adr-convert.ts';
import { readAdrFolder } from '../import/adr-files.ts';
import { importKind, type ImportKind } from '../import/adr-kind.ts';
import { parseAdr } from '../import/adr-parse.ts';
import { formatFinding, type Finding } from '../import/findings.ts';
import { flags, HelpRequested, unknownArgument } from './arguments.ts';
import { failUsage } from './check.ts';

const presetKind = fileURLToPath(new URL('../../starter/presets/adr/content/kinds/adr.yaml', import.meta.url));
const kindId = 'adr';

export const importUsage = `Usage: decision-packet import adr <dir> [--content <dir>]

Converts the ADRs in <dir> (adr-tools, MADR 2, 3 and 4, log4brains: the .md files directly in it)
into <content>/decisions/<id>.md records of the kind <content>/kinds/adr.yaml (written from the
package's preset when missing). The originals are never changed; an existing record is never
overwritten. Prints what it could not map as <file>:<line>. Exit status: 0 imported, 1 imported
but some records need fixing before check passes, 2 usage error or a record exists already.`;

function parse(argv: readonly string[]): { dir: string; contentDir?: string } {
  const positional: string[] = [];
  let contentDir: string | undefined;
  for (const { flag, argument, value } of flags(argv)) {
    if (flag === '--help' || flag === '-h') throw new HelpRequested();
    else if (flag === '--content') contentDir = value();
    else if (argument.startsWith('-')) throw unknownArgument(argument);
    else positional.push(argument);
  }
  const [format, dir] = positional;
  if (format !== 'adr' || dir === undefined || positional.length !== 2) throw new UsageError('import takes "adr" and a folder of ADRs.');
  return { dir, contentDir };
}

const shown = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/') || '.';

/** The content folder's ADR kind, or the preset's when it has none (then written too). */
function readKind(content: string): { kind: ImportKind; kindFile: string; presetText?: string } {
  const kindFile = path.join(content, 'kinds', `${kindId}.yaml`);
  const own = existsSync(kindFile);
  const text = readFileSync(own ? kindFile : presetKind, 'utf8');
  const parsed = parseStrictYaml(text);
  const kind = parsed.problems.length === 0 ? importKind(kindId, parsed.value) : undefined;
  if (!kind) throw new UsageError(`${shown(kindFile)} is not a valid kind with body: own (run decision-packet check for the details).`);
  return { kind, kindFile, presetText: own ? undefined : text };
}

/** Records that exist already, ignoring case as ids do: any one refuses the import. */
function existing(content: string, ids: readonly string[]): string[] {
  const decisions = path.join(content, 'decisions');
  if (!existsSync(decisions)) return [];
  const taken = new Set(readdirSync(decisions).map((name) => name.replace(/\.(?:md|ya?ml|json)$/i, '').toLowerCase()));
  return ids.filter((id) => taken.has(id.toLowerCase()));
}

export function main(argv: readonly string[]): Promise<number> {
  return Promise.resolve(importAdrs(argv));
}

function importAdrs(argv: readonly string[]): number {
  try {
    const { dir, contentDir } = parse(argv);
    const folder = path.resolve(dir);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`No folder ${shown(folder)}.`);
    const content = resolveContentDir({ contentDir });
    const { kind, kindFile, presetText } = readKind(content);

    const read = readAdrFolder(folder);
    const findings: Finding[] = [...read.findings];
    const sources: SourceAdr[] = [];
    const seen = new Set<string>();
    for (const file of read.files) {
      const lower = adrId(file.name).toLowerCase();
      if (!validAdrId(file.name) || seen.has(lower)) {
        findings.push({
          file: file.name,
          line: 1,
          level: 'error',
          message: 'The file name is not a unique id (letters, digits, "-", "_"): not imported.',
        });
        continue;
      }
      seen.add(lower);
      const parsed = parseAdr(file.name, file.text);
      findings.push(...parsed.findings);
      if (!parsed.unreadable) sources.push({ name: file.name, parsed });
    }
    const taken = existing(
      content,
      sources.map((source) => adrId(source.name)),
    );
    if (taken.length > 0) {
      throw new UsageError(`Records exist already for ${taken.join(', ')}: import never overwrites one; nothing was written.`);
    }
    const { records, findings: mapped } = convertAdrs(sources, kind);
    findings.push(...mapped);

    const written = writeRecords(content, records);
    if (presetText !== undefined) {
      mkdirSync(path.dirname(kindFile), { recursive: true });
      writeFileSync(kindFile, presetText, { flag: 'wx' });
    }
    const next = `decision-packet check${contentDir === undefined ? '' : ` --content ${shown(content)}`}`;
    return report(findings, folder, written, presetText === undefined ? undefined : kindFile, next);
  } catch (error) {
    return failUsage(error, importUsage);
  }
}

function writeRecords(content: string, records: readonly { id: string; text: string }[]): number {
  const decisions = path.join(content, 'decisions');
  mkdirSync(decisions, { recursive: true });
  for (const record of records) writeFileSync(path.join(decisions, `${record.id}.md`), record.text, { flag: 'wx' });
  return records.length;
}

function report(findings: Finding[], folder: string, written: number, kindFile: string | undefined, next: string): number {
  const sorted = findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const lines = sorted.map((finding) => formatFinding(finding, shown(folder)));
  const errors = sorted.filter((finding) => finding.level === 'error').length;
  const kind = kindFile ? ` and the kind ${shown(kindFile)}` : '';
  lines.push(
    `Imported ${written} ADR${written === 1 ? '' : 's'}${kind}.` +
      (errors > 0
        ? ` ${errors} thing${errors === 1 ? '' : 's'} could not be mapped (error above): fix those records, then run ${next}.`
        : ` Next: ${next}.`),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}
