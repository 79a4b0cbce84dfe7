import { beforeAll, describe, expect, it } from 'vitest';
import { call, loginAs } from './client';

/**
 * GET /api/admin/draws/{id} (抽签开奖's page): the draw's operators only — officials of its org or
 * above and admins; officials below, members and visitors refused. The demo's drawn lottery
 * (draw-demo-cinema-lottery, of 海南省总工会) answers with its result and no seed waiting.
 */
const tokens: Record<string, string> = {};
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const DRAW = 'draw-demo-cinema-lottery';

beforeAll(async () => {
  for (const who of ['province', 'admin', 'sanya', 'member']) tokens[who] = await loginAs(who);
}, 60_000);

describe('GET /api/admin/draws/{id}', () => {
  it('answers the draw’s operators only', async () => {
    const get = (token?: string, id = DRAW) => call('GET', `/api/admin/draws/${id}`, { token });
    expect(refusal(await get())).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await get(tokens.member))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await get(tokens.sanya))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await get(tokens.province, 'draw-nobody'))).toEqual([404, 'NOT_FOUND']);
    for (const who of ['province', 'admin']) {
      const answer = await get(tokens[who]);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toMatchObject({ draw: { id: DRAW, kind: 'scheduled', status: 'drawn' }, seedProposed: null });
      expect(answer.body.draw.winners.length).toBeGreaterThan(0);
    }
  });
});
