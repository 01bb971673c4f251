// Which decisions govern which paths: every decision whose state says `governs: true` governs
// the paths its path_globs fields name. The index answers per path from the literal folder each
// glob is confined to (src/fields/path-globs.ts: globPrefix), so a path is tested only against
// the decisions whose globs could match it: 10,000 decisions and 100,000 paths stay well under a
// second. Pure: a validated record set in, answers out.
import { cmp } from '../core/issue.ts';
import type { LoadedDecision, RecordSet } from '../core/record-set.ts';
import { pathsOfType, valueAtPath, type CompiledState } from '../kinds/compile-kind.ts';
import { compileGlob, compileGlobs, globPrefix, pathGlobsType, type GlobCache } from '../fields/path-globs.ts';
import { bodyMode, ownBodyTitleField, prdField } from '../schemas/kind.ts';

export interface DecisionSummary {
  id: string;
  kind: string;
  /** The value of the kind's state field. */
  state: string;
  stateLabel: string;
  title: string;
  /** The record's file, relative to where paths are shown from. */
  file: string;
  /** Every glob of the record's path_globs fields, in field order. */
  globs: string[];
  governs: boolean;
  retired: boolean;
  /** A retired decision's successors: the ids its decision_ref fields name in that state. */
  successors: string[];
}

/** Every decision of a known kind and state, by id (code-unit order). */
export function decisionSummaries(records: RecordSet): DecisionSummary[] {
  const out: DecisionSummary[] = [];
  for (const decision of records.decisions.values()) {
    const kind = records.kinds.get(decision.data.kind);
    const stateId = kind ? String(decision.data[kind.data.state_field]) : '';
    const state = kind?.compiled.states.get(stateId);
    if (!kind || !state) continue;
    const stateData = kind.data.states[stateId]!;
    const retired = stateData.retired === true;
    out.push({
      id: decision.id,
      kind: kind.id,
      state: stateId,
      stateLabel: stateData.label,
      title: titleOf(records, decision),
      file: decision.file,
      globs: globsOf(decision, state),
      governs: stateData.governs === true,
      retired,
      successors: retired ? stringsAt(decision, pathsOfType(state.fields, 'decision_ref')) : [],
    });
  }
  return out.sort((a, b) => cmp(a.id, b.id));
}

/** The globs of a record's path_globs fields in its state. */
function globsOf(decision: LoadedDecision, state: CompiledState): string[] {
  return pathsOfType(state.fields, pathGlobsType).flatMap((field) => {
    const value = valueAtPath(decision.data, field);
    return Array.isArray(value) ? value.filter((glob): glob is string => typeof glob === 'string') : [];
  });
}

function stringsAt(decision: LoadedDecision, fields: readonly string[]): string[] {
  return fields.flatMap((field) => {
    const value = valueAtPath(decision.data, field);
    return typeof value === 'string' ? [value] : [];
  });
}

function titleOf(records: RecordSet, decision: LoadedDecision): string {
  const kind = records.kinds.get(decision.data.kind)!;
  if (bodyMode(kind.data) === 'own') return String(decision.data[ownBodyTitleField]);
  const field = prdField(kind.data);
  const prd = field === undefined ? undefined : records.prds.get(String(decision.data[field]));
  return prd?.data.title ?? decision.id;
}

export interface GoverningIndex {
  /** The governing decisions, by id. */
  readonly decisions: readonly DecisionSummary[];
  /** The governing decisions of one path (relative to the repository root, "/"-separated), by id. */
  match(path: string): DecisionSummary[];
  /** Literal path prefix ('' = anywhere) → the ids of the decisions with a glob confined to it. */
  prefixes(): Map<string, string[]>;
}

/** A distinct glob, the decisions (by index) that list it, and its matcher once compiled. */
interface GlobEntry {
  readonly glob: string;
  readonly owners: readonly number[];
  matches?: (path: string) => boolean;
}

export function governingIndex(summaries: readonly DecisionSummary[]): GoverningIndex {
  const governing = summaries.filter((summary) => summary.governs && summary.globs.length > 0);
  // Each distinct positive glob is tested once per path, whoever lists it, and only when its
  // literal prefix lies on the path. Its match settles a decision without "!"; a decision with a
  // "!" needs it too (some positive glob matches the path or a folder above it), and only then is
  // the decision's whole list tested. Matchers are compiled on first use.
  const owners = new Map<string, number[]>();
  const withExceptions = new Set<number>();
  const byPrefix = new Map<string, Set<string>>();
  governing.forEach((summary, index) => {
    if (summary.globs.some((glob) => glob.startsWith('!'))) withExceptions.add(index);
    for (const glob of summary.globs) {
      const prefix = globPrefix(glob);
      if (prefix === undefined) continue;
      if (!byPrefix.has(prefix)) byPrefix.set(prefix, new Set());
      byPrefix.get(prefix)!.add(glob);
      const listed = owners.get(glob);
      if (listed === undefined) owners.set(glob, [index]);
      else if (listed.at(-1) !== index) listed.push(index);
    }
  });
  // Each distinct glob once, with the decisions that list it; its matcher is compiled on first use.
  const entries = new Map<string, GlobEntry>();
  for (const [glob, indexes] of owners) entries.set(glob, { glob, owners: indexes });
  const entriesOf = (globs: Iterable<string>) => [...globs].map((glob) => entries.get(glob)!);
  // Globs that may match anywhere by a literal name (`Makefile`, `**/util.ts`) can only match a path
  // with a segment of that name: found by the path's segments, not tested against every path.
  const byName = new Map<string, GlobEntry[]>();
  const anywhere: GlobEntry[] = [];
  for (const entry of entriesOf(byPrefix.get('') ?? [])) {
    const name = literalName(entry.glob);
    if (name === undefined) anywhere.push(entry);
    else byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  const underFolder = new Map<string, GlobEntry[]>();
  for (const [prefix, globs] of byPrefix) if (prefix !== '') underFolder.set(prefix, entriesOf(globs));
  const compiled: GlobCache = new Map();
  const wholeMatchers = new Map<number, (path: string) => boolean>();
  const wholeMatches = (index: number, path: string) => {
    let matcher = wholeMatchers.get(index);
    if (!matcher) wholeMatchers.set(index, (matcher = compileGlobs(governing[index]!.globs, compiled)));
    return matcher(path);
  };
  return {
    decisions: governing,
    match(path) {
      const judged = new Set<number>();
      const found: number[] = [];
      const consider = (entry: GlobEntry) => {
        if (!(entry.matches ??= compileGlob(entry.glob, compiled))(path)) return;
        for (const index of entry.owners) {
          if (judged.has(index)) continue;
          judged.add(index);
          if (!withExceptions.has(index) || wholeMatches(index, path)) found.push(index);
        }
      };
      for (const entry of anywhere) consider(entry);
      // Each segment's name, and each folder (and the path itself) as a literal prefix.
      for (let start = 0; start <= path.length;) {
        const slash = path.indexOf('/', start);
        const end = slash === -1 ? path.length : slash;
        for (const entry of byName.get(path.slice(start, end)) ?? []) consider(entry);
        for (const entry of underFolder.get(path.slice(0, end)) ?? []) consider(entry);
        start = end + 1;
      }
      return found.sort((a, b) => a - b).map((index) => governing[index]!);
    },
    prefixes() {
      const sorted = [...byPrefix.keys()].sort(cmp);
      return new Map(
        sorted.map((prefix) => {
          const ids = new Set([...byPrefix.get(prefix)!].flatMap((glob) => owners.get(glob)!));
          return [prefix, [...ids].sort((a, b) => a - b).map((index) => governing[index]!.id)];
        }),
      );
    },
  };
}

/** The name a glob matches at any depth when it is nothing but that literal name (and a trailing "/"). */
function literalName(glob: string): string | undefined {
  return /^(?:\*\*\/)?([^/*?[\]{}()!\\+@\s]+)\/?$/.exec(glob)?.[1];
}

/** Whether a path is one the index can be asked about: relative, "/"-separated, no "." or "..". */
export function isRepositoryPath(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !/[\u0000-\u001f\\]/.test(path) &&
    path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}
