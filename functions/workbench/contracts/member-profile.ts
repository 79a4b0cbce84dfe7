import type { MemberState } from '../../membership/contracts/admin';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { workbenchErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * GET /api/admin/members/{id} — one member as an official of their subtree (or an admin) sees them:
 * masked identity, union path, the WeChat binding (openid masked), card and retired card numbers,
 * their applications (summaries) and coupons. ID numbers (2 + 2) and phones (3 + 4) are masked.
 */
export interface MemberProfileResponse {
  member: MemberState;
  unionPath: Array<{ id: string; name: string }>;
  bindings: Array<{ openidMasked: string; boundAt: string | null; consentAt: string | null; consentVersion: string | null }>;
  card: { number: string; issuedAt: string } | null;
  cardHistory: Array<{ number: string; issuedAt: string; retiredAt: string }>;
  rosterEntryCreatedAt: string;
  /** Filed from the account the member is bound to now, newest first (forms are not shown here). */
  applications: Array<{
    id: string;
    kind: 'join' | 'transfer' | 'subsidy' | 'hardship';
    status: string;
    overdue: boolean;
    createdAt: string;
    updatedAt: string;
  }>;
  coupons: Array<{
    id: string;
    benefitTitle: string;
    status: string;
    claimedAt: string;
    useEndsAt: string;
    redemption: { merchantName: string | null; redeemedAt: string } | null;
  }>;
}

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** A member of the caller's subtree, masked, with their applications and coupons. */
export const adminMemberProfile = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMemberProfile',
    method: 'GET',
    path: '/api/admin/members/{id}',
    auth: 'official',
    response: returns<MemberProfileResponse>(),
    errors: workbenchErrors('FORBIDDEN'),
  }),
);
