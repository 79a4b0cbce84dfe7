import type { ExportedApplication } from '../../applications';
import type { BenefitsExport } from '../../benefits';
import type { PaymentsExport } from '../../payments';
import { withRereads } from '../../kernel/data/retry';
import { AppError } from '../../kernel/errors';
import { log } from '../../kernel/logger';
import type { MembershipExport } from '../../membership';
import { BINDING_CONSENT_VERSION } from '../../membership/contracts/me';
import { PRIVACY_POLICY_VERSION } from '../../membership/contracts/privacy-version';
import { KEPT_AFTER_CLOSING, exportFileName, type DeletionResponse } from '../contracts/data-subject';
import type { Deps } from './ports';

/**
 * A data subject's rights under PIPL: access and copy (art. 45) as one JSON download of everything
 * the platform holds about the calling account and its member, and deletion (art. 47) as closing
 * the account. Each capability contributes its own part (DataSubjectParts); this only composes.
 */

/** The date in China (UTC+8, no daylight saving), `YYYY-MM-DD`. */
const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export interface MyDataExport {
  exportedAt: string;
  notes: string[];
  privacy: { policyVersion: string; memberConsentVersion: string };
  account: MembershipExport['account'];
  member: MembershipExport['member'];
  coupons: BenefitsExport['coupons'];
  /** Orders of paid places (WeChat Pay) and bans from an org's benefits (a paid code left unused). */
  orders: PaymentsExport['orders'];
  bans: PaymentsExport['bans'];
  applications: ExportedApplication[];
}

/** What the export says about itself and about what it leaves out. */
export const EXPORT_NOTES: readonly string[] = [
  '本文件包含海南工会云普惠小程序保存的、与您的账号和会员记录有关的全部信息，导出时生成。',
  '身份证号只显示前2位和后2位，手机号只显示前3位和后4位：您本人知道完整号码，而本文件离开小程序后可能被转发或被他人看到，平台在任何地方都不提供完整身份证号。',
  '券的核销人、申请的审核人是商户和工会的工作人员，文件中只列出其所在商户或工会，不列出其个人信息。',
  '未列出的：防冒用的尝试次数统计（1至2天内自动删除）；系统日志（不含您的姓名、身份证号和手机号）；证明图片本身（列出其存储编号，可在申请详情中查看）。',
];

/** GET /api/me/data: the download and its file name. UNAUTHENTICATED when the account does not exist (closed). */
export async function exportMyData(deps: Deps, openid: string): Promise<{ fileName: string; data: MyDataExport }> {
  const now = deps.now();
  const membership = await deps.parts.membership.export(openid);
  if (!membership) throw new AppError('UNAUTHENTICATED');
  const [benefits, applications, payments] = await Promise.all([
    membership.member ? deps.parts.benefits.export(membership.member.id) : Promise.resolve({ coupons: [] }),
    deps.parts.applications.export(openid),
    membership.member && deps.parts.payments ? deps.parts.payments.export(membership.member.id) : Promise.resolve({ orders: [], bans: [] }),
  ]);
  return {
    fileName: exportFileName(chinaDate(now)),
    data: {
      exportedAt: `${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, -1)}+08:00`,
      notes: [...EXPORT_NOTES],
      // The versions only: the texts themselves are GET /api/privacy's (MEMBER_CONSENT.version is BINDING_CONSENT_VERSION).
      privacy: { policyVersion: PRIVACY_POLICY_VERSION, memberConsentVersion: BINDING_CONSENT_VERSION },
      account: membership.account,
      member: membership.member,
      coupons: benefits.coupons,
      orders: payments.orders,
      bans: payments.bans,
      applications,
    },
  };
}

/** Reads of the account that found it changed between the steps of closing, before BUSY. */
const CLOSE_ATTEMPTS = 3;

/**
 * POST /api/me/deletion: the member closes their account. In this order, each step safe to repeat,
 * so a retry after any failure finishes the job: unused coupons voided (benefits), pending
 * applications withdrawn and all of them detached from the account (applications), then the
 * account deleted and its binding released (membership) — last, because the steps before it act as
 * this account. Kept (KEPT_AFTER_CLOSING, README › Privacy (PIPL)): the roster entry, decided and
 * withdrawn applications, payouts, redeemed coupons, card checks, the consent record.
 * Idempotent: once the account is gone, the same answer with nothing more done.
 */
export async function closeMyAccount(deps: Deps, openid: string): Promise<DeletionResponse> {
  let voidedCoupons = 0;
  let cancelledApplications = 0;
  const closed = (): DeletionResponse => ({ status: 'closed', voidedCoupons, cancelledApplications, kept: [...KEPT_AFTER_CLOSING] });
  const busy = () => new AppError('BUSY', { message: '系统繁忙，请稍后再试一次' });
  return withRereads(CLOSE_ATTEMPTS, async () => {
    const account = await deps.parts.membership.account(openid);
    if (!account) return closed();
    if (account.memberId) voidedCoupons += await deps.parts.benefits.voidUnused(account.memberId);
    const applications = await deps.parts.applications.close(openid);
    cancelledApplications += applications.cancelled;
    if ((await deps.parts.membership.close(account)) === 'closed') {
      // A coupon claimed while the steps above ran: the member id is known, so sweep once more.
      if (account.memberId) voidedCoupons += await deps.parts.benefits.voidUnused(account.memberId);
      // The audit trail (functions/audit) has no member actor yet: a structured line instead,
      // without openid, member id or anything personal (README › Privacy (PIPL)).
      log.info('account closed', {
        audit: 'AccountClosed',
        bound: account.memberId !== null,
        roles: account.roles.map((r) => r.type),
        voidedCoupons,
        cancelledApplications,
        detachedApplications: applications.detached,
      });
      return closed();
    }
    return 'changed';
  }, busy);
}
