/**
 * The membership card's short numeric code at the counter (issue 15, item 5): GET /api/me/card issues
 * one with each QR, POST /api/cards/verify accepts it (services/card-verification.ts).
 */

import { SHORT_CODE_KINDS } from '../../kernel/contracts/short-code';

/** A card's short code starts with this digit (a coupon's with 6: they never meet). */
export const CARD_CODE_KIND = SHORT_CODE_KINDS.card;
/** As long as a coupon's: twice the signed token's 60 s, so a code still being typed after a refresh is not refused. */
export const CARD_CODE_TTL_MS = 120_000;

/** The short code's reference: the card number, and when the code stops (the verification's answer). */
export const cardCodeReference = (cardNumber: string, expiresAt: Date) => `${cardNumber} ${expiresAt.toISOString()}`;
