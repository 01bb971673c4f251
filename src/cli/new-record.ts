// `decision-packet new <kind> <id>`: writes content/decisions/<id>.yaml, a decision record of a
// kind in the kind's safe state. Everything it writes comes from the kind file
// (content/kinds/<kind>.yaml: `state_field`, `safe_state`); it names no kind, state or field
// itself. Never overwrites a record.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { parseStrictYaml } from '../reader/strict-yaml.ts';
import { idPattern } from '../schemas/shared.ts';
import { resolveContentDir } from '../validate/validate.ts';
import { failUsage } from './check.ts';

export const newUsage = `Usage: decision-packet new <kind> <id> [--content <dir>]

Writes <content>/decisions/<id>.yaml: a decision of the kind <content>/kinds/<kind>.yaml declares,
in that kind's safe state. <kind> and <id>: letters, digits, "-" and "_".`;

class NewHelp extends Error {}

function parse(argv: readonly string[]): { kind: string; id: string; contentDir?: string } {
  const positional: string[] = [];
  let contentDir: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') throw new NewHelp();
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
  if (!idPattern.test(id)) throw new UsageError('The decision id is not an id (letters, digits, "-" and "_", starting with a letter or digit).');
  return { kind, id, contentDir };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isName = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(value);

/** The kind's state field and safe state, read strictly; a usage error says what is missing. */
function readKind(file: string, shown: string): { stateField: string; safeState: string; label?: string } {
  if (!existsSync(file)) throw new UsageError(`No kind file ${shown}: a decision's kind is declared in <content>/kinds/<kind>.yaml.`);
  const parsed = parseStrictYaml(readFileSync(file, 'utf8'));
  if (parsed.problems.length > 0) throw new UsageError(`${shown} is not valid YAML (run decision-packet check for the details).`);
  const kind = parsed.value;
  if (!isRecord(kind) || !isName(kind.state_field) || !isName(kind.safe_state)) {
    throw new UsageError(`${shown} needs state_field and safe_state (names of letters, digits and "_").`);
  }
  const states = isRecord(kind.states) ? kind.states : {};
  const safe = states[kind.safe_state];
  if (!isRecord(safe)) throw new UsageError(`${shown}: safe_state is not one of its states.`);
  return { stateField: kind.state_field, safeState: kind.safe_state, label: typeof safe.label === 'string' ? safe.label : undefined };
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { kind, id, contentDir } = parse(argv);
    const content = resolveContentDir({ contentDir });
    const shown = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/');
    const kindFile = path.join(content, 'kinds', `${kind}.yaml`);
    const { stateField, safeState } = readKind(kindFile, shown(kindFile));
    const record = path.join(content, 'decisions', `${id}.yaml`);
    if (existsSync(record) || existsSync(path.join(content, 'decisions', `${id}.json`))) throw new UsageError(`A decision ${id} exists already; new never overwrites one.`);
    mkdirSync(path.dirname(record), { recursive: true });
    const lines = [
      `# A ${kind} decision in its safe state. Fill in what the kind requires, then: decision-packet check`,
      `kind: ${JSON.stringify(kind)}`,
      `${stateField}: ${JSON.stringify(safeState)}`,
      '',
    ];
    writeFileSync(record, lines.join('\n'), { flag: 'wx' });
    process.stdout.write(`Wrote ${shown(record)} (${stateField}: ${safeState}).\n`);
    return 0;
  } catch (error) {
    if (error instanceof NewHelp) {
      process.stdout.write(`${newUsage}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${newUsage}\n`);
      return 2;
    }
    return failUsage(error);
  }
}
