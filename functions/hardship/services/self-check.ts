import { AppError } from '../../kernel/errors';
import type { SelfCheckRequest, SelfCheckResponse, StandardListResponse, StandardRequest, StandardResponse } from '../contracts/hardship';
import { HARDSHIP_REGIONS } from '../contracts/hardship';
import { arithmeticLines, RELATIVE_MULTIPLE, selfCheck, SELF_CHECK_NOTES } from '../domain/self-check';
import type { StoredStandard } from '../domain/types';
import { accountOf, audited } from './common';
import type { Deps } from './ports';
import { shanghaiDate } from '../../applications';
import { hardshipOrgs } from '../domain/access';

export const regionName = (code: string) => HARDSHIP_REGIONS.find((r) => r.code === code)?.name ?? `地区 ${code}`;
const yearOf = (deps: Pick<Deps, 'now'>) => Number(shanghaiDate(deps.now()).slice(0, 4));

/** This year's standard of a region, else last year's (a new year's figures are often published late). */
export async function standardFor(deps: Pick<Deps, 'hardship' | 'now'>, regionCode: string): Promise<StoredStandard> {
  const year = yearOf(deps);
  const found = (await deps.hardship.standard(year, regionCode)) ?? (await deps.hardship.standard(year - 1, regionCode));
  if (!found) throw new AppError('HARDSHIP_STANDARD_MISSING');
  return found;
}

/** POST /api/hardship/self-check: nothing is stored; the arithmetic comes back in words. */
export async function runSelfCheck(deps: Pick<Deps, 'hardship' | 'now'>, req: SelfCheckRequest): Promise<SelfCheckResponse> {
  const std = await standardFor(deps, req.regionCode);
  const out = selfCheck(req, { minimumLivingFen: std.monthlyFen, relativeMultiple: RELATIVE_MULTIPLE });
  const name = regionName(req.regionCode);
  return {
    category: out.category,
    monthlyPerCapitaFen: out.monthlyPerCapitaFen,
    minimumLivingFen: out.minimumLivingFen,
    relativeLineFen: out.relativeLineFen,
    regionCode: req.regionCode,
    regionName: name,
    year: std.year,
    arithmetic: arithmeticLines(req, out, name, std.year),
    notes: [...SELF_CHECK_NOTES],
  };
}

const standardView = (s: StoredStandard) => ({ regionCode: s.regionCode, regionName: regionName(s.regionCode), year: s.year, monthlyFen: s.monthlyFen, source: s.source, updatedAt: s.updatedAt });

export async function listStandards(deps: Pick<Deps, 'hardship' | 'now'>, query: { year?: string }): Promise<StandardListResponse> {
  const year = query.year ? Number(query.year) : yearOf(deps);
  const items = (await deps.hardship.standards(year)).sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  return { year, items: items.map(standardView) };
}

/** A province official holding the 帮扶 role (or an admin) sets a city's standard; audited. */
export async function setStandard(deps: Pick<Deps, 'hardship' | 'accounts' | 'orgs' | 'now'>, openid: string, req: StandardRequest): Promise<StandardResponse> {
  const account = await accountOf(deps, openid);
  const orgs = hardshipOrgs(account.roles);
  if (orgs !== null && orgs.length === 0) throw new AppError('HARDSHIP_ROLE_REQUIRED');
  let path: string[] = [];
  if (orgs !== null) {
    const held = await deps.orgs.getMany(orgs);
    const province = [...held.values()].find((o) => o.kind === 'province');
    if (!province) throw new AppError('FORBIDDEN', { message: '低保标准由省总工会帮扶工作人员维护' });
    path = province.path;
  }
  const now = deps.now();
  const before = await deps.hardship.standard(req.year, req.regionCode);
  const s: StoredStandard = { ...req, updatedAt: now.toISOString(), updatedBy: openid };
  await deps.hardship.putStandard(s, audited(account, 'hardship.standard', { type: 'hardship-standard', id: `${req.year}-${req.regionCode}` }, path, before && { monthlyFen: before.monthlyFen, source: before.source }, { monthlyFen: s.monthlyFen, source: s.source }, now));
  return { standard: standardView(s) };
}
