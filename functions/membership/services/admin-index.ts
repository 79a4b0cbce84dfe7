import { adminDeps } from './admin-deps';
import { memberRecordFor, type OfficialMemberRecord } from './member-care';

/** Membership's part of an official's view of a member, wired to the real stores (for functions/workbench). */
export async function officialMemberRecord(openid: string, memberId: string): Promise<OfficialMemberRecord> {
  return memberRecordFor(await adminDeps(), openid, memberId);
}
