import { BINDING_CONSENT_VERSION, type BindingRequest, type MeResponse } from '../contracts/me';
import { decideBinding } from '../domain/binding';
import { AppError } from '../../kernel/errors';
import { log } from '../../kernel/logger';
import { describeAccount, requireAccount } from './membership';
import type { Deps } from './ports';

/** Attempts per account: enough for typos, too few to walk the roster. */
export const BINDING_ATTEMPTS_PER_HOUR = 5;
export const BINDING_ATTEMPTS_PER_DAY = 10;
/**
 * Failed attempts per source IP and hour. Generous: hundreds of workers bind from one workplace's
 * Wi-Fi at a union event, and typos happen; an attacker needs a WeChat-verified phone per try anyway.
 */
export const BINDING_FAILURES_PER_IP_HOUR = 100;
/** Refusals across the platform per hour above which the log raises an error (and the alarm fires). */
export const BINDING_REFUSALS_ALARM_PER_HOUR = 300;

const HOUR_MS = 60 * 60 * 1000;
/** Looked up when the verified phone belongs to nobody, so that every path reads the same items. */
const NO_MEMBER = '-';

const hourOf = (now: Date) => Math.floor(now.getTime() / HOUR_MS);

async function countAttempt(deps: Deps, openid: string, sourceIp: string, now: Date): Promise<void> {
  const hour = hourOf(now);
  const day = Math.floor(hour / 24);
  const hourly = await deps.quotas.consume(
    { scope: 'binding', subject: openid, period: `h${hour}` },
    BINDING_ATTEMPTS_PER_HOUR,
    new Date((hour + 2) * HOUR_MS),
  );
  if (!hourly) throw new AppError('TOO_MANY_ATTEMPTS');
  const daily = await deps.quotas.consume(
    { scope: 'binding', subject: openid, period: `d${day}` },
    BINDING_ATTEMPTS_PER_DAY,
    new Date((day * 24 + 25) * HOUR_MS),
  );
  if (!daily) throw new AppError('TOO_MANY_ATTEMPTS', { message: '今日尝试次数过多，请明天再试' });
  const failures = await deps.quotas.count({ scope: 'binding-failed-ip', subject: sourceIp, period: `h${hour}` });
  if (failures >= BINDING_FAILURES_PER_IP_HOUR) {
    throw new AppError('TOO_MANY_ATTEMPTS', { message: '当前网络下核验失败次数过多，请一小时后再试或更换网络' });
  }
}

/** Counts a refusal against the source IP and platform-wide; logs the metric the alarm watches. */
async function recordRefusal(deps: Deps, sourceIp: string, code: string, now: Date): Promise<void> {
  const hour = hourOf(now);
  const expires = new Date((hour + 2) * HOUR_MS);
  const [, total] = await Promise.all([
    deps.quotas.add({ scope: 'binding-failed-ip', subject: sourceIp, period: `h${hour}` }, expires),
    deps.quotas.add({ scope: 'binding-refused', subject: 'all', period: `h${hour}` }, expires),
  ]);
  log.warn('binding refused', { metric: 'BindingRefused', code });
  if (total === BINDING_REFUSALS_ALARM_PER_HOUR) {
    log.error('binding refusals reached the hourly alarm level', { metric: 'BindingRefusalSpike', total });
  }
}

/**
 * POST /api/me/binding: real-name binding of a WeChat account to a roster member.
 *
 * The roster member is found by the phone number WeChat verified for this user (proof of
 * possession); name and ID number must then match that member. Every refusal of identity does the
 * same reads (the phone guard, one member item) and the same writes (two counters), so neither the
 * answer nor its timing tells what the roster holds.
 */
export async function bindMember(deps: Deps, openid: string, request: BindingRequest, sourceIp: string): Promise<MeResponse> {
  const now = deps.now();
  const account = await requireAccount(deps, openid);
  await countAttempt(deps, openid, sourceIp, now);

  const phone = await deps.wechatPhone.verifiedPhone(request.phoneCode);
  const idHash = deps.idCrypto.hash(request.idNumber);
  const ownerId = await deps.roster.phoneOwner(phone);
  const member = await deps.roster.get(ownerId ?? NO_MEMBER);
  let decision;
  try {
    decision = decideBinding({ account, member: member?.phone === phone ? member : null, name: request.name, idHash });
  } catch (err) {
    if (err instanceof AppError && err.code === 'IDENTITY_NOT_MATCHED') await recordRefusal(deps, sourceIp, err.code, now);
    throw err;
  }
  if (decision.kind === 'bind') {
    await deps.roster.bind({ openid, member: decision.member, now, consentVersion: BINDING_CONSENT_VERSION });
  }
  return describeAccount(deps, { ...account, memberId: decision.member.id });
}
