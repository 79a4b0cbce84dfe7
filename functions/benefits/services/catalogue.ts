import type { BenefitDetailResponse, BenefitListQuery, BenefitListResponse } from '../contracts/benefits';
import { AppError } from '../../kernel/errors';
import { catalogueOrder, claimRefusal, claimStateAt, regionPoolFor, CLOSED, OTHER_REGIONS } from '../domain/benefit';
import type { Benefit } from '../domain/types';
import { page } from './cursor';
import { memberContext, type MemberContext } from './people';
import type { Deps } from './ports';
import { loadNames, memberBenefitView } from './views';

/** A benefit stays in the catalogue this long after its claim window closed. */
const LISTED_AFTER_CLOSE_MS = 7 * 24 * 60 * 60 * 1000;

export type CatalogueDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'merchants' | 'benefits' | 'now'>;

/** Where the caller stands: a visitor without a session stands where an unbound account does. */
function callerContext(deps: CatalogueDeps, openid: string | undefined): Promise<Pick<MemberContext, 'member' | 'unionPath' | 'regionCode'>> {
  return openid === undefined ? Promise.resolve({ member: null, unionPath: [], regionCode: null }) : memberContext(deps, openid);
}

/** GET /api/benefits: published and paused benefits the member may claim, open and upcoming first. */
export async function listBenefits(deps: CatalogueDeps, openid: string | undefined, query: BenefitListQuery): Promise<BenefitListResponse> {
  const now = deps.now().getTime();
  const [context, published, paused] = await Promise.all([
    callerContext(deps, openid),
    deps.benefits.listByStatus('published'),
    deps.benefits.listByStatus('paused'),
  ]);
  const visible = [...published, ...paused].filter(
    (b) =>
      (query.category === undefined || b.category === query.category) &&
      now < b.claimEndsAt + LISTED_AFTER_CLOSE_MS &&
      // A bound member sees what their union may claim; an unbound account sees the whole catalogue.
      (context.member === null || context.unionPath.includes(b.orgId)),
  );
  const counts = await deps.benefits.counts(visible, { regions: false });
  const sorted = visible
    .map((benefit) => {
      const remaining = counts.get(benefit.id)?.remaining ?? 0;
      return { benefit, remaining, state: claimStateAt(benefit, remaining, now) };
    })
    .sort(catalogueOrder);
  const slice = page(sorted, query.cursor);
  const names = await loadNames(deps, {
    merchantIds: slice.items.flatMap((e) => e.benefit.merchantIds),
    orgIds: slice.items.map((e) => e.benefit.orgId),
  });
  return {
    items: slice.items.map((e) => memberBenefitView(e.benefit, e.remaining, now, names)),
    nextCursor: slice.nextCursor,
  };
}

/** A benefit members can see (drafts are not). */
export async function visibleBenefit(deps: Pick<Deps, 'benefits'>, id: string): Promise<Benefit> {
  const benefit = await deps.benefits.get(id);
  if (!benefit || benefit.status === 'draft') throw new AppError('NOT_FOUND', { message: '该权益不存在或已下架' });
  return benefit;
}

/** GET /api/benefits/{id}: the benefit and where the member stands (the code a claim would get). */
export async function getBenefit(deps: CatalogueDeps, openid: string | undefined, id: string): Promise<BenefitDetailResponse> {
  const now = deps.now().getTime();
  const [context, benefit] = await Promise.all([callerContext(deps, openid), visibleBenefit(deps, id)]);
  const memberId = context.member?.id ?? null;
  const [held, counts] = await Promise.all([
    memberId ? deps.benefits.held(benefit.id, memberId) : Promise.resolve(0),
    deps.benefits.counts([benefit]).then((m) => m.get(benefit.id)),
  ]);
  const remaining = counts?.remaining ?? 0;
  const pool = regionPoolFor(benefit, context.regionCode);
  const poolCounts =
    pool === null || pool === CLOSED ? null : pool === OTHER_REGIONS ? (counts?.otherRegions ?? null) : (counts?.byRegion[pool] ?? null);
  const reason = claimRefusal(
    benefit,
    { memberId, unionPath: context.unionPath, regionCode: context.regionCode, held },
    now,
    { remaining, pool: poolCounts },
  );
  const names = await loadNames(deps, { merchantIds: benefit.merchantIds, orgIds: [benefit.orgId] });
  return {
    benefit: memberBenefitView(benefit, remaining, now, names),
    me: { eligible: reason === null, reason, held },
    draw: benefit.draw ?? null,
  };
}
