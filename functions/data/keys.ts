import type { StoredRole } from '../domain/types';

/**
 * Every composite key of the guards table is built here, and nowhere else.
 * The other tables are keyed by plain ids (org id, member id, openid, merchant id).
 */
export const guardKeys = {
  /** Owner of a phone number among members: phone numbers are unique in the roster. */
  phone: (phone: string) => `phone#${phone}`,
  /** Sequence counter of membership card numbers for one 7-digit prefix. */
  cardSequence: (prefix: string) => `seq#card#${prefix}`,
  /** A rate-limit window: `scope` names what is limited, `subject` who, `window` which period. */
  rateWindow: (scope: string, subject: string, window: string) => `rate#${scope}#${subject}#${window}`,
};

/** Roles are stored compactly as strings: `official:<orgId>`, `clerk:<merchantId>`, `admin`. */
export const roleCodec = {
  encode(role: StoredRole): string {
    if (role.type === 'official') return `official:${role.orgId}`;
    if (role.type === 'clerk') return `clerk:${role.merchantId}`;
    return 'admin';
  },
  decode(text: string): StoredRole | null {
    if (text === 'admin') return { type: 'admin' };
    const [type, id] = text.split(':', 2);
    if (!id) return null;
    if (type === 'official') return { type: 'official', orgId: id };
    if (type === 'clerk') return { type: 'clerk', merchantId: id };
    return null;
  },
};
