import Taro from '@tarojs/taro';

/** The API session kept on the device (Taro storage: wx storage in WeChat, localStorage in H5). */
export interface StoredSession {
  token: string;
  /** ISO-8601 instant after which the API refuses the token. */
  expiresAt: string;
}

const SESSION_KEY = 'puhui.session';

/**
 * WeChat keeps an expired session: the next request renews it silently (request.ts). Elsewhere
 * (H5) an expired session is dropped and the member logs in again.
 */
const KEEPS_EXPIRED = process.env.TARO_ENV === 'weapp';

export function isExpired(session: StoredSession, now: number = Date.now()): boolean {
  const expiry = Date.parse(session.expiresAt);
  return Number.isFinite(expiry) && expiry <= now;
}

export function readSession(now: number = Date.now()): StoredSession | null {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(SESSION_KEY);
  } catch {
    return null;
  }
  if (!stored || typeof stored !== 'object') return null;
  const { token, expiresAt } = stored as Partial<StoredSession>;
  if (typeof token !== 'string' || token === '' || typeof expiresAt !== 'string') return null;
  if (!KEEPS_EXPIRED && isExpired({ token, expiresAt }, now)) {
    clearSession();
    return null;
  }
  return { token, expiresAt };
}

export function saveSession(session: StoredSession): void {
  Taro.setStorageSync(SESSION_KEY, session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(SESSION_KEY);
  } catch {
    // Nothing stored: nothing to clear.
  }
}
