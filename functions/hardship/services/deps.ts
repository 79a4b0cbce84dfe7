import { ulid } from 'ulid';
import { BUILT_IN_YEARS, buildCalendar } from '../../applications';
import { productionIdCrypto, sessionTokensOnDemand } from '../../kernel/credentials';
import { accountStore, orgStore, rosterStore } from '../../membership';
import { PUBLICITY_DAYS_DEFAULT } from '../contracts/hardship';
import { hardshipStore } from '../data/hardship-store';
import type { Deps } from './ports';

/** 公示 days from HARDSHIP_PUBLICITY_DAYS (1–30), else PUBLICITY_DAYS_DEFAULT. */
export function publicityDaysFrom(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HARDSHIP_PUBLICITY_DAYS);
  return Number.isInteger(n) && n >= 1 && n <= 30 ? n : PUBLICITY_DAYS_DEFAULT;
}

/** The ID crypto a function is granted (none for the public ones: they neither encrypt nor hash). */
const noCrypto: Deps['idCrypto'] = {
  encrypt: () => {
    throw new Error('this function holds no ID keys');
  },
  decrypt: () => {
    throw new Error('this function holds no ID keys');
  },
  hash: () => {
    throw new Error('this function holds no ID keys');
  },
};

function base(idCrypto: Deps['idCrypto']): Deps {
  return {
    accounts: accountStore,
    orgs: orgStore,
    roster: rosterStore,
    hardship: hardshipStore,
    idCrypto,
    // The built-in working-day calendar (functions/applications/data/holidays-cn.json).
    calendar: buildCalendar(BUILT_IN_YEARS),
    publicityDays: publicityDaysFrom(),
    newId: ulid,
    now: () => new Date(),
  };
}

let full: Promise<Deps & { tokens: ReturnType<typeof sessionTokensOnDemand> }> | undefined;
/** Functions that encrypt or hash ID numbers (filing, drafts) or only read stored masks (the rest). */
export function productionDeps() {
  full ??= (async () => ({ ...base(await productionIdCrypto()), tokens: sessionTokensOnDemand() }))();
  full.catch(() => {
    full = undefined;
  });
  return full;
}

/** Signed-in functions that never touch an ID key. */
export async function sessionDeps() {
  return { ...base(noCrypto), tokens: sessionTokensOnDemand() };
}

/** The public endpoints: no session, no secrets. */
export async function publicDeps() {
  return base(noCrypto);
}
