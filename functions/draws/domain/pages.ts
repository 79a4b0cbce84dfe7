import { PUBLIC_DRAW_PAGE, type PublicDraw } from '../contracts/draws';

/**
 * Page `number` of a public draw answer's lists (tickets, winners, waitlist: each from number × size
 * on), with the whole lists' totals. A page past the end has empty lists.
 */
export function paged(whole: PublicDraw, number: number, size = PUBLIC_DRAW_PAGE): PublicDraw {
  const longest = Math.max(whole.tickets.length, whole.winners.length, whole.waitlist.length);
  const from = number * size;
  return {
    ...whole,
    tickets: whole.tickets.slice(from, from + size),
    winners: whole.winners.slice(from, from + size),
    waitlist: whole.waitlist.slice(from, from + size),
    page: { number, size, pages: Math.max(1, Math.ceil(longest / size)), tickets: whole.tickets.length, winners: whole.winners.length, waitlist: whole.waitlist.length },
  };
}
