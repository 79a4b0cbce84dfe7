import { BINDING_CONSENT_VERSION, type BindingRequest, type MeResponse } from '../contracts/me';
import { decideBinding } from '../domain/binding';
import { AppError } from '../../kernel/errors';
import { log } from '../../kernel/logger';
import { addressBucket } from '../domain/source-address';
import { describeAccount, requireAccount } from './membership';
import type { Deps } from './ports';

/** Attempts per account: enough for typos, too few to walk the roster. The only hard limits. */
export const BINDING_ATTEMPTS_PER_HOUR = 5;
export const BINDING_ATTEMPTS_PER_DAY = 10;
/** Refusals across the platform per hour above which the log raises an error (and the alarm fires). */
export const BINDING_REFUSALS_ALARM_PER_HOUR = 300;
/**
 * Refusals from one address (its keyed hash, addressBucket) per hour at which the
 * BindingRefusalsPerAddressAlarm fires (serverless.yml: a Contributor Insights rule over the
 * `BindingRefused` lines). An alarm, not a lock: hundreds of workers bind from one workplace's Wi-Fi
 * at a union event, a carrier's NAT puts thousands of phones behind one address, and behind a CDN
 * the wrong header would put everyone behind a few. A lock per address would refuse them all for
 * one attacker's failures, while the attacker still needs a WeChat-verified phone per try and
 * meets the per-account limits. No softer per-address slowdown either: it would slow the same
 * innocent crowd, and a WeChat account and phone per five tries bound an attacker already.
 */
export const BINDING_REFUSALS_PER_ADDRESS_ALARM_PER_HOUR = 100;

const HOUR_MS = 60 * 60 * 1000;
/** Looked up when the verified phone belongs to nobody, so that every path reads the same items. */
const NO_MEMBER = '-';

const hourOf = (now: Date) => Math.floor(now.getTime() / HOUR_MS);

async function countAttempt(deps: Deps, openid: string, now: Date): Promise<void> {
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
}

/**
 * The key a refusal is logged with for the per-address alarm: a keyed hash (the ID-number HMAC key,
 * its input prefixed so it can never equal an ID number's) of the address's bucket, 16 characters.
 * The raw address stays in API Gateway's access log only; without the key the hash does not lead
 * back to it (an unkeyed hash of an IPv4 address would: there are only 2³² of them).
 */
export function addressKey(deps: Pick<Deps, 'idCrypto'>, address: string): string {
  return deps.idCrypto.hash(`source-address:${addressBucket(address)}`).slice(0, 16);
}

/** Counts a refusal platform-wide; logs the metric lines the alarms watch (total, and per address). */
async function recordRefusal(deps: Deps, address: string, code: string, now: Date): Promise<void> {
  const hour = hourOf(now);
  const total = await deps.quotas.add({ scope: 'binding-refused', subject: 'all', period: `h${hour}` }, new Date((hour + 2) * HOUR_MS));
  log.warn('binding refused', { metric: 'BindingRefused', code, source: addressKey(deps, address) });
  if (total === BINDING_REFUSALS_ALARM_PER_HOUR) {
    log.error('binding refusals reached the hourly alarm level', { metric: 'BindingRefusalSpike', total });
  }
}

/**
 * POST /api/me/binding: real-name binding of a WeChat account to a roster member.
 *
 * The roster member is found by the phone number WeChat verified for this user (proof of
 * possession); name and ID number must then match that member. Every refusal of identity does the
 * same reads (the phone guard, one member item) and the same writes (the platform-wide counter), so
 * neither the answer nor its timing tells what the roster holds. `address`: the viewer's address
 * (api/me-binding/viewer-address.ts), for the per-address metric only — it limits nothing.
 */
export async function bindMember(deps: Deps, openid: string, request: BindingRequest, address: string): Promise<MeResponse> {
  const now = deps.now();
  const account = await requireAccount(deps, openid);
  await countAttempt(deps, openid, now);

  const phone = await deps.wechatPhone.verifiedPhone(request.phoneCode);
  const idHash = deps.idCrypto.hash(request.idNumber);
  const ownerId = await deps.roster.phoneOwner(phone);
  const member = await deps.roster.get(ownerId ?? NO_MEMBER);
  let decision;
  try {
    decision = decideBinding({ account, member: member?.phone === phone ? member : null, name: request.name, idHash });
  } catch (err) {
    if (err instanceof AppError && err.code === 'IDENTITY_NOT_MATCHED') await recordRefusal(deps, address, err.code, now);
    throw err;
  }
  if (decision.kind === 'bind') {
    await deps.roster.bind({ openid, member: decision.member, now, consentVersion: BINDING_CONSENT_VERSION });
  }
  return describeAccount(deps, { ...account, memberId: decision.member.id });
}
