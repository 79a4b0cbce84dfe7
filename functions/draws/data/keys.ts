/**
 * Keys of the draws table (partition `pk`, sort `sk`; the byList index: `listKey`, `listSort`). Built
 * here only.
 */
export const drawKeys = {
  bank: (id: string) => ({ pk: `bank#${id}`, sk: 'bank' }),
  /** Every bank, for the officials' list (byList). */
  banksList: 'banks',
  draw: (id: string) => ({ pk: `draw#${id}`, sk: 'draw' }),
  /** One draw per benefit. */
  benefitDraw: (benefitId: string) => ({ pk: `benefit#${benefitId}`, sk: 'draw' }),
  daySecret: (drawId: string, day: string) => ({ pk: `draw#${drawId}`, sk: `day#${day}` }),
  daySecretPrefix: 'day#',
  /** A member's attempts and wins on one day: {attempts, wins}. */
  dayCount: (drawId: string, day: string, memberId: string) => ({ pk: `draw#${drawId}`, sk: `count#${day}#${memberId}` }),
  /** A scheduled draw's one entry per member: {ticket}. */
  entrant: (drawId: string, memberId: string) => ({ pk: `draw#${drawId}`, sk: `entrant#${memberId}` }),
  ticket: (drawId: string, ticket: string) => ({ pk: `draw#${drawId}`, sk: `ticket#${ticket}` }),
  ticketPrefix: 'ticket#',
  /** A member's tickets of one draw (byList), oldest first. */
  myTickets: (drawId: string, memberId: string) => `mine#${drawId}#${memberId}`,
  attempt: (id: string) => ({ pk: `attempt#${id}`, sk: 'attempt' }),
};
