import { describe, expect, it } from 'vitest';
import { barsOf, shortMonth, tilesOf } from '../../src/workbench/stats/model';
import { statsAnswer } from '../weapp/fixtures/workbench';
import type { StatsResponse } from '../../functions/stats/contracts/stats';

describe('统计 model', () => {
  it('scales bars to the largest value; a small value stays visible; all zero draws nothing', () => {
    expect(
      barsOf([
        { key: 'a', label: 'a', value: 200 },
        { key: 'b', label: 'b', value: 1 },
        { key: 'c', label: 'c', value: 0 },
        { key: 'd', label: 'd', value: 50 },
      ]).map((b) => b.width),
    ).toEqual([100, 2, 0, 25]);
    expect(barsOf([{ key: 'a', label: 'a', value: 0 }]).map((b) => b.width)).toEqual([0]);
    expect(barsOf([])).toEqual([]);
  });

  it('names months shortly, January with its year', () => {
    expect(shortMonth('2026-03')).toBe('3月');
    expect(shortMonth('2026-12')).toBe('12月');
    expect(shortMonth('2027-01')).toBe('27年1月');
  });

  it('reads the figures as tiles, rates as percentages, none as —', () => {
    const [, answer] = statsAnswer(new URLSearchParams({ month: '2026-11' }));
    const stats = answer as StatsResponse;
    const tiles = tilesOf(stats);
    expect(tiles.members.map((t) => `${t.label}${t.value}`)).toEqual(['会员总数120', '已绑定90', '绑定率75.00%']);
    expect(tiles.benefits.map((t) => t.value)).toEqual(['3', '200', '150', '75.00%']);
    const none = tilesOf({ ...stats, applications: { ...stats.applications, meanDaysToDecide: null }, members: { ...stats.members, bindingRate: null } });
    expect(none.applications.find((t) => t.key === 'apps-days')?.value).toBe('—');
    expect(none.members.find((t) => t.key === 'members-rate')?.value).toBe('—');
  });
});
