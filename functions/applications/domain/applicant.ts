/**
 * A closed account (PIPL, the member's own closure) leaves its applications with the union, the
 * applicant's openid replaced by a placeholder: `closed:<ulid>`. Nobody stands behind it to notify.
 */
const CLOSED_PREFIX = 'closed:';

export const closedApplicant = (id: string) => `${CLOSED_PREFIX}${id}`;

export const isClosedApplicant = (openid: string) => openid.startsWith(CLOSED_PREFIX);
