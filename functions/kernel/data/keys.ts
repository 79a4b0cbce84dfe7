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
