/**
 * Membership's keys in the guards table (kernel/data/guard-model.ts): the roster's uniqueness
 * guards and the card number sequences. Every other membership table is keyed by plain ids (org id,
 * member id, openid, merchant id).
 */
export const rosterGuardKeys = {
  /** Owner of a phone number among members: phone numbers are unique in the roster. */
  phone: (phone: string) => `phone#${phone}`,
  /** Owner (member id) of a membership card number: card QR payloads carry the number, not the member. */
  cardOwner: (cardNumber: string) => `card#${cardNumber}`,
  /**
   * A card's short numeric code at the counter (kernel/data/short-codes.ts): owner
   * `<cardNumber> <codeExpiresAt ISO>`, until its expiresAt.
   */
  cardCode: (code: string) => `code#card#${code}`,
  /** Sequence counter of membership card numbers for one 7-digit prefix. */
  cardSequence: (prefix: string) => `seq#card#${prefix}`,
  /**
   * The member an ID number (its keyed hash) belongs to: one roster entry per person. Written with
   * every new member — by the roster import (with the job and row that wrote it, so a resumed chunk
   * recognises its own rows), a join's approval and the seed (rosterTransactionItems.create);
   * members created before it existed get theirs from `npm run roster:backfill-id-guards`.
   */
  memberByIdHash: (idHash: string) => `member#id#${idHash}`,
  /** Written by the backfill once every member has its ID guard: the import may then trust the guards alone. */
  idGuardsComplete: 'member#id#complete',
};
