/**
 * Short numeric codes at the counter (kernel/data/short-codes.ts stores them): a kind digit and 9
 * random digits. Shared with the mini-program, which shows them grouped and lets a clerk type them.
 */
export const SHORT_CODE_RANDOM_DIGITS = 9;
export const SHORT_CODE_LENGTH = SHORT_CODE_RANDOM_DIGITS + 1;

/** The first digit names what a code stands for: a coupon's and a card's never meet. */
export const SHORT_CODE_KINDS = { coupon: '6', card: '8' } as const;

const SHAPE = new RegExp(`^\\d{${SHORT_CODE_LENGTH}}$`);

/** Whether a text (spaces already removed) is a short code rather than a signed token. */
export function isShortCode(text: string): boolean {
  return SHAPE.test(text);
}
