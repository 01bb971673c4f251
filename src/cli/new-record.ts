// `decision-packet new <kind> <id>`: writes content/decisions/<id>.yaml (<id>.md, frontmatter and a body, when the kind says body: own), a decision record of a
// kind in the kind's safe state, with a placeholder for every field that state needs. Everything
// it writes comes from the kind file (content/kinds/<kind>.yaml: `state_field`, `safe_state`,
// `common` and the safe state's `requires`); it names no kind, state or field itself. So that the
// record passes `check` as written, a PRD reference names prds/<id>.md and a work-item reference
// work-items/<id>-<field>.yaml, each written (a draft PRD, a blocked item) unless it exists, and
// an own-body record's title is its id. Never overwrites a record.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveToday, UsageError } from '../core/build-date.ts';
import { findFieldType } from '../field-types/index.ts';
import { normalizeSpec, type FieldSpec } from '../field-types/spec.ts';
import { parseStrictYaml } from '../reader/strict-yaml.ts';
import { idPattern } from '../schemas/shared.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { HelpRequested } from './arguments.ts';
import { failUsage } from './check.ts';

export const newUsage = `Usage: npx decision-packet new <kind> <id> [--content <dir>]

Writes <content>/decisions/<id>.yaml (.md when the kind says body: own): a decision of the kind <content>/kinds/<kind>.yaml declares,
in that kind's safe state. <kind> and <id>: letters, digits, "-" and "_".`;

function parse(argv: readonly string[]): { kind: string; id: string; contentDir?: string } {
  const positional: string[] = [];
  let contentDir: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') throw new HelpRequested();
    if (argument === '--content' || argument.startsWith('--content=')) {
      contentDir = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      if (!contentDir) throw new UsageError('--content needs a value.');
    } else if (argument.startsWith('-')) {
      throw new UsageError(`Unknown argument: ${argument.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}`);
    } else {
      positional.push(argument);
    }
  }
  const [kind, id] = positional;
  if (positional.length !== 2 || kind === undefined || id === undefined) throw new UsageError('new takes a kind and an id.');
  if (!idPattern.test(kind)) throw new UsageError('The kind is not an id (letters, digits, "-" and "_", starting with a letter or digit).');
  if (!idPattern.test(id))
    throw new UsageError('The decision id is not an id (letters, digits, "-" and "_", starting with a letter or digit).');
  return { kind, id, contentDir };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isName = (value: unknown): value is string => typeof value === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(value);

interface KindTemplate {
  stateField: string;
  safeState: string;
  /** The fields the safe state needs: the kind's `common` fields and the state's `requires`. */
  fields: Record<string, unknown>;
  /** The kind says `body: own`: its decisions are markdown, frontmatter and a body of their own. */
  ownBody: boolean;
}

/** The kind's state field, safe state and the fields it needs, read strictly; a usage error says what is missing. */
function readKind(file: string, shown: string): KindTemplate {
  if (!existsSync(file)) throw new UsageError(`No kind file ${shown}: a decision's kind is declared in <content>/kinds/<kind>.yaml.`);
  const parsed = parseStrictYaml(readFileSync(file, 'utf8'));
  if (parsed.problems.length > 0) throw new UsageError(`${shown} is not valid YAML (run decision-packet check for the details).`);
  const kind = parsed.value;
  if (!isRecord(kind) || !isName(kind.state_field) || !isName(kind.safe_state)) {
    throw new UsageError(`${shown} needs state_field and safe_state (lowercase names of letters, digits and "_").`);
  }
  const states = isRecord(kind.states) ? kind.states : {};
  const safe = states[kind.safe_state];
  if (!isRecord(safe)) throw new UsageError(`${shown}: safe_state is not one of its states.`);
  const fields = { ...(isRecord(kind.common) ? kind.common : {}), ...(isRecord(safe.requires) ? safe.requires : {}) };
  return { stateField: kind.state_field, safeState: kind.safe_state, fields, ownBody: kind.body === 'own' };
}

const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200);

/** Names (and writes, when missing) the PRD or work item a reference field of the new record names. */
type Reference = (type: 'prd_ref' | 'work_item_ref', field: string) => string;

/**
 * One placeholder line per required field (a mapping's fields indented below it), each with a
 * comment saying what the kind wants there. Optional fields and the types whose placeholder is
 * none (fixed values, `exact`) are left out: the first need nothing, the second are written by
 * whoever changes the state.
 */
function placeholderLines(fields: Record<string, unknown>, reference: Reference, indent = ''): string[] {
  const lines: string[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    if (!isName(name)) continue;
    const type = typeof spec === 'string' ? spec : isRecord(spec) && typeof spec.type === 'string' ? spec.type : undefined;
    if (type === undefined || (isRecord(spec) && spec.optional === true)) continue;
    const definition = findFieldType(type);
    // A type the registry does not know is refused by check; `new` still leaves a line to fill in.
    const placeholder = definition ? definition.placeholder(normalizeSpec(spec as FieldSpec)) : { value: '""' };
    if (placeholder === undefined) continue;
    const requirement = isRecord(spec) && typeof spec.requirement === 'string' ? `: ${oneLine(spec.requirement)}` : '';
    if ('fields' in placeholder) {
      const inner = isRecord(placeholder.fields) ? placeholder.fields : {};
      lines.push(`${indent}${name}:`, ...placeholderLines(inner, reference, `${indent}  `));
    } else if (type === 'prd_ref' || type === 'work_item_ref') {
      // What the new record names is written too, so that it passes check as written.
      lines.push(`${indent}${name}: ${JSON.stringify(reference(type, name))} # ${oneLine(type)}${requirement}`);
    } else {
      lines.push(`${indent}${name}: ${placeholder.value} # ${oneLine(type)}${requirement}`);
    }
  }
  return lines;
}

export function main(argv: readonly string[]): Promise<number> {
  return Promise.resolve(writeNewRecord(argv));
}

function writeNewRecord(argv: readonly string[]): number {
  try {
    const { kind, id, contentDir } = parse(argv);
    const content = resolveContentDir({ contentDir });
    const shown = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/');
    const kindFile = path.join(content, 'kinds', `${kind}.yaml`);
    const { stateField, safeState, fields, ownBody } = readKind(kindFile, shown(kindFile));
    const record = path.join(content, 'decisions', `${id}${ownBody ? '.md' : '.yaml'}`);
    if (['.yaml', '.json', '.md'].some((extension) => existsSync(path.join(content, 'decisions', `${id}${extension}`))))
      throw new UsageError(`A decision ${id} exists already; new never overwrites one.`);
    mkdirSync(path.dirname(record), { recursive: true });
    const written: string[] = [];
    const reference: Reference = (type, field) => {
      const file = type === 'prd_ref' ? writePrd(content, id) : writeWorkItem(content, id, field);
      if (file) written.push(shown(file));
      return type === 'prd_ref' ? id : workItemId(id, field);
    };
    const recordLines = [
      `# A ${kind} decision in its safe state. Fill in what the kind requires, then: decision-packet check`,
      `kind: ${JSON.stringify(kind)}`,
      ...(ownBody ? [`title: ${JSON.stringify(id)} # line: the title of the decision`] : []),
      `${stateField}: ${JSON.stringify(safeState)}`,
      ...placeholderLines(fields, reference),
    ];
    // A kind with body: own: the record is the frontmatter, the decision's own text the body.
    const lines = ownBody
      ? ['---', ...recordLines, '---', '', `# ${id}`, '', '## Context and problem statement', '', '']
      : [...recordLines, ''];
    writeFileSync(record, lines.join('\n'), { flag: 'wx' });
    const also = written.length > 0 ? `, and what it names: ${written.join(', ')}` : '';
    process.stdout.write(`Wrote ${shown(record)} (${stateField}: ${safeState})${also}.\n`);
    return 0;
  } catch (error) {
    return failUsage(error, newUsage);
  }
}

const workItemId = (id: string, field: string) => `${id}-${field.replace(/_/g, '-')}`;

/** prds/<id>.md, a draft PRD for the new decision to name, unless one exists; the file written, if any. */
function writePrd(content: string, id: string): string | undefined {
  const file = path.join(content, 'prds', `${id}.md`);
  if (existsSync(file)) return undefined;
  const today = resolveToday(process.env);
  const lines = ['---', `title: ${JSON.stringify(id)}`, 'status: draft', 'owner: team # who answers for this PRD'];
  lines.push(`created: ${today}`, `last_reviewed: ${today}`, '---', '', `# ${id}`, '');
  lines.push('What has to be decided, by whom, and what waits until it is.', '', '## Acceptance Criteria', '');
  lines.push('- The packet states the decision and its current state.', '');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n'), { flag: 'wx' });
  return file;
}

/** work-items/<id>-<field>.yaml, blocked until the decision is taken, unless it exists; the file written, if any. */
function writeWorkItem(content: string, id: string, field: string): string | undefined {
  const file = path.join(content, 'work-items', `${workItemId(id, field)}.yaml`);
  if (existsSync(file)) return undefined;
  const text = `title: ${JSON.stringify(`${field.replace(/_/g, ' ')} of ${id}`)}\nstatus: blocked\nblocked_reason: Waits for the decision.\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  return file;
}
