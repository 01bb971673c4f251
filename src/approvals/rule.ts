// The shape an approvals rule family declares itself in: ids, names, titles, hints and message
// builders together (ready for a defineRule() registry). src/rules/catalog.ts lists them.
export interface ApprovalRule<Messages extends Record<string, (data: never) => string>> {
  id: string;
  name: string;
  title: string;
  refusal: number;
  hint: string;
  messages: Messages;
}

/** Declares one rule; the generic keeps each message builder's data type. */
export function approvalRule<const Id extends string, Messages extends Record<string, (data: never) => string>>(
  rule: { id: Id } & Omit<ApprovalRule<Messages>, 'id'>,
): { id: Id } & ApprovalRule<Messages> {
  return rule;
}
