import { BINDING_CONSENT_VERSION, type BindingRequest, type MeResponse } from '../contracts/me';
import { decideBinding } from '../domain/binding';
import { AppError } from '../../kernel/errors';
import { guardKeys } from '../../kernel/data/keys';
import { describeAccount, requireAccount } from './membership';
import type { Deps } from './ports';

/** Attempts per account: enough for typos, too few to walk the roster. */
export const BINDING_ATTEMPTS_PER_HOUR = 5;
export const BINDING_ATTEMPTS_PER_DAY = 10;

const HOUR_MS = 60 * 60 * 1000;

async function countAttempt(deps: Deps, openid: string, now: Date): Promise<void> {
  const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const dayStart = Math.floor(now.getTime() / (24 * HOUR_MS)) * 24 * HOUR_MS;
  const hourly = await deps.quotas.consume(
    guardKeys.rateWindow('binding', openid, `h${hourStart / HOUR_MS}`),
    BINDING_ATTEMPTS_PER_HOUR,
    new Date(hourStart + 2 * HOUR_MS),
  );
  if (!hourly) throw new AppError('TOO_MANY_ATTEMPTS');
  const daily = await deps.quotas.consume(
    guardKeys.rateWindow('binding', openid, `d${dayStart / (24 * HOUR_MS)}`),
    BINDING_ATTEMPTS_PER_DAY,
    new Date(dayStart + 25 * HOUR_MS),
  );
  if (!daily) throw new AppError('TOO_MANY_ATTEMPTS', { message: '今日尝试次数过多，请明天再试' });
}

/** POST /api/me/binding: real-name binding of a WeChat account to a roster member. */
export async function bindMember(deps: Deps, openid: string, request: BindingRequest): Promise<MeResponse> {
  const now = deps.now();
  const account = await requireAccount(deps, openid);
  await countAttempt(deps, openid, now);

  const memberId = await deps.roster.findIdByIdHash(deps.idCrypto.hash(request.idNumber));
  const member = memberId ? await deps.roster.get(memberId) : null;
  const phoneOwnerId = member && member.phone !== request.phone ? await deps.roster.phoneOwner(request.phone) : null;
  const decision = decideBinding({ account, member, name: request.name, phone: request.phone, phoneOwnerId });
  if (decision.kind === 'bind') {
    await deps.roster.bind({
      openid,
      member: decision.member,
      phone: request.phone,
      now,
      consentVersion: BINDING_CONSENT_VERSION,
    });
  }
  return describeAccount(deps, { ...account, memberId: decision.member.id });
}
