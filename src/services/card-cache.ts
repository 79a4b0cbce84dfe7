import Taro from '@tarojs/taro';
import type { CardResponse } from '../../functions/membership/contracts/me';

/**
 * The membership card kept on the device for offline display (issue 15, item 5): what the card
 * shows — name, number, union — and when it was last refreshed, never a QR or short code (both
 * expire within two minutes and prove nothing offline). Written on each card answer, removed on
 * log-out and whenever the API says there is no card for this session (not logged in, not bound,
 * left the union).
 */
export interface CachedCard {
  number: string;
  memberName: string;
  unionName: string;
  /** ISO-8601 instant of the last card answer. */
  refreshedAt: string;
}

const CARD_KEY = 'puhui.card';

export function saveCachedCard(card: Pick<CardResponse, 'number' | 'memberName' | 'unionName'>, now: number = Date.now()): void {
  const cached: CachedCard = { number: card.number, memberName: card.memberName, unionName: card.unionName, refreshedAt: new Date(now).toISOString() };
  try {
    Taro.setStorageSync(CARD_KEY, cached);
  } catch {
    // Storage full or unavailable: the card simply is not there offline.
  }
}

export function readCachedCard(): CachedCard | null {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(CARD_KEY);
  } catch {
    return null;
  }
  if (!stored || typeof stored !== 'object') return null;
  const { number, memberName, unionName, refreshedAt } = stored as Partial<CachedCard>;
  const fields = [number, memberName, unionName, refreshedAt];
  if (!fields.every((f) => typeof f === 'string' && f !== '') || !Number.isFinite(Date.parse(refreshedAt as string))) return null;
  return { number, memberName, unionName, refreshedAt } as CachedCard;
}

export function clearCachedCard(): void {
  try {
    Taro.removeStorageSync(CARD_KEY);
  } catch {
    // Nothing stored.
  }
}
