// Looking a content-provided name up in a plain object: own entries only, so that a name such as
// "constructor" or "toString" never resolves through Object.prototype.

/** The value of `record`'s own entry `key`, or undefined. */
export function ownValue<T = unknown>(record: object | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? (record as Record<string, T>)[key] : undefined;
}
