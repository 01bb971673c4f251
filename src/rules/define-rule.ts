// One rule, described in one place (after typescript-eslint's `createRule({ meta: { messages } })`
// and Astro's errors-data): its permanent id and name, what it protects, how to fix it, every
// message it can emit and, for a gate, its check. A rule builds its issues itself, so an issue
// always carries the rule's own id and hint, and only a message the rule declares.
//
// Style (after Astro's error guide): a message says what went wrong and what is allowed; the hint
// says how to fix it. Messages may name fields, ids, states and kinds, never a content value.
import type { IssueOf } from '../core/issue.ts';
import type { Gate } from '../core/record-set.ts';

export type Severity = 'error' | 'warning';

/** A message builder; its one parameter (if any) is the data the message names. */
type MessageBuilder = (data: never) => string;

export type Messages = Record<string, MessageBuilder>;

/** Where an issue is: the file, and the line, column and field path when known. */
export interface IssueLocation {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

export interface RuleSpec<Id extends string, M extends Messages> {
  /** Permanent id, `DP` + three digits. Ids are never reused or renumbered. */
  id: Id;
  /** Short kebab-case name, also permanent. */
  name: string;
  /** One line: what the rule protects. */
  title: string;
  /** The number of the contract refusal it enforces, when there is one (README, "Rules reference"). */
  refusal?: number;
  /** `error` (the default) fails the gate; a `warning` is reported only. */
  severity?: Severity;
  /** The general fix, shown under every violation. */
  hint: string;
  /** Every message the rule emits, by key. */
  messages: M;
  /** The gate, when the rule is judged on the loaded record set (a pure function). */
  check?: Gate;
}

export interface Rule<Id extends string = string, M extends Messages = Messages> extends RuleSpec<Id, M> {
  /** The text of one of the rule's messages. */
  message<K extends keyof M & string>(key: K, ...data: Parameters<M[K]>): string;
  /** An issue of this rule at `at`, with one of its messages. */
  report<K extends keyof M & string>(key: K, at: IssueLocation, ...data: Parameters<M[K]>): IssueOf<Id>;
}

export function defineRule<const Id extends string, M extends Messages>(spec: RuleSpec<Id, M>): Rule<Id, M> {
  const message = <K extends keyof M & string>(key: K, ...data: Parameters<M[K]>): string =>
    (spec.messages[key] as (...args: unknown[]) => string)(...data);
  return {
    ...spec,
    message,
    report: (key, at, ...data) => ({
      ruleId: spec.id,
      file: at.file,
      ...(at.line === undefined ? {} : { line: at.line }),
      ...(at.column === undefined ? {} : { column: at.column }),
      ...(at.field === undefined || at.field === '' ? {} : { field: at.field }),
      message: message(key, ...data),
      hint: spec.hint,
    }),
  };
}
