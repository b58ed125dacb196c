import type { AssignorMember } from './types';

/**
 * Java's member order (AbstractPartitionAssignor.MemberInfo#compareTo,
 * kafka-semantics §3): static members (with group.instance.id) first, ordered
 * by instance id; then dynamic members by member id; String.compareTo compares
 * UTF-16 code units, as JS's < does.
 */
export function compareJavaMembers(a: AssignorMember, b: AssignorMember): number {
  const ai = a.groupInstanceId;
  const bi = b.groupInstanceId;
  if (ai !== undefined && bi !== undefined)
    return compareStrings(ai, bi) || compareStrings(a.id, b.id);
  if (ai !== undefined) return -1;
  if (bi !== undefined) return 1;
  return compareStrings(a.id, b.id);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
