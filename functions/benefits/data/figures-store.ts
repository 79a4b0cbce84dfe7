import type { Benefit } from '../domain/types';
import { toBenefit } from './mapping';
import { BenefitModel } from './models/benefit';

/**
 * The benefits a dashboard counts (functions/stats through ../index.ts), read from the `byStatus`
 * index only: every published and paused one (the live catalogue: tens to hundreds), and the ended
 * ones created since `createdSince` (the index's range key bounds that read). Drafts hand nothing
 * out. The reads grow with the number of benefits, never with the number of members.
 */
export async function benefitsForFigures(createdSince: number): Promise<Benefit[]> {
  const read = async (status: 'published' | 'paused' | 'ended', since: number | null) => {
    const out: Benefit[] = [];
    let last: unknown;
    do {
      let query = BenefitModel.query('status').eq(status).using('byStatus');
      if (since !== null) query = query.where('createdAt').ge(since);
      if (last) query = query.startAt(last as never);
      const page = await query.exec();
      out.push(...page.map(toBenefit));
      last = page.lastKey;
    } while (last);
    return out;
  };
  const lists = await Promise.all([read('published', null), read('paused', null), read('ended', createdSince)]);
  return lists.flat();
}
