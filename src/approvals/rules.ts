// Every approvals rule, in id order, as the catalog lists them.
import { approvalsShape, policyGroup, rosterShape } from './rules-files.ts';
import { badSignature, concernResolver, keyNotInRoster, notInGroup, stale, unknownPerson, unsigned } from './rules-entries.ts';
import { objectionOpen, quorum, rosterChange } from './rules-policy.ts';

const all = [rosterShape, approvalsShape, policyGroup, unknownPerson, notInGroup, stale, unsigned, badSignature, keyNotInRoster, quorum, objectionOpen, concernResolver, rosterChange] as const;

/** The catalog lists these objects (their messages stay here, with the family). */
export const approvalRuleDefinitions = all;
