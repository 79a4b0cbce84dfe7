import type { ExportedApplication } from '../../applications';
import type { BenefitsExport } from '../../benefits';
import type { OfficialMemberRecord } from '../../membership';
import type { Tokens } from '../../kernel/tokens';
import type { MemberProfileResponse } from '../contracts/member-profile';

/**
 * An official's view of one member, composed like functions/privacy composes a data subject's
 * export: membership checks the caller's reach and gives the roster part (masked), applications and
 * benefits give theirs through their index.ts. Nothing is stored here.
 */
export interface MemberProfileDeps {
  tokens: Pick<Tokens, 'verifySession'>;
  parts: {
    /** FORBIDDEN outside the caller's subtree, NOT_FOUND for an unknown member. */
    membership: (openid: string, memberId: string) => Promise<OfficialMemberRecord>;
    applications: (applicantOpenid: string) => Promise<ExportedApplication[]>;
    benefits: (memberId: string) => Promise<BenefitsExport>;
  };
}

/** GET /api/admin/members/{id}. Applications are those filed from the account bound now (by openid). */
export async function memberProfile(deps: MemberProfileDeps, openid: string, memberId: string): Promise<MemberProfileResponse> {
  const { openid: boundOpenid, ...record } = await deps.parts.membership(openid, memberId);
  const [applications, benefits] = await Promise.all([
    boundOpenid ? deps.parts.applications(boundOpenid) : Promise.resolve([]),
    deps.parts.benefits(memberId),
  ]);
  return {
    ...record,
    applications: applications.map((a) => ({ id: a.id, kind: a.kind, status: a.status, overdue: a.overdue, createdAt: a.createdAt, updatedAt: a.updatedAt })),
    coupons: benefits.coupons.map((c) => ({
      id: c.id,
      benefitTitle: c.benefitTitle,
      status: c.status,
      claimedAt: c.claimedAt,
      useEndsAt: c.useEndsAt,
      redemption: c.redemption ? { merchantName: c.redemption.merchantName, redeemedAt: c.redemption.redeemedAt } : null,
    })),
  };
}
