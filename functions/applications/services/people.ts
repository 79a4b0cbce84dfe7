import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import type { Clock } from '../domain/engine';
import type { Actor } from '../domain/types';
import { shanghaiDate, yearsAround } from '../domain/working-days';
import type { Deps } from './ports';

/** The account behind a session and the actor it is in the engine's terms. */
export async function actorOf(deps: Pick<Deps, 'accounts'>, openid: string): Promise<{ account: Account; actor: Actor }> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  return { account, actor: { openid, roles: account.roles } };
}

/** Now, with the working-day calendar of this year and the next. */
export async function clockOf(deps: Pick<Deps, 'calendar' | 'now'>): Promise<Clock> {
  const now = deps.now();
  return { now, calendar: await deps.calendar.calendar(yearsAround(shanghaiDate(now))) };
}
