import { describe, expect, it } from 'vitest';
import {
  CLAIM_REFUSALS,
  claimRequest,
  type BenefitDetailResponse,
  type MemberBenefit,
} from '../../functions/benefits/contracts/benefits';
import {
  fenToYuanText,
  formatCountdown,
  formatDateTime,
  formatFen,
  formatShortDateTime,
  parseShanghaiDateTime,
  parseYuanToFen,
} from '../../src/components/benefit/format';
import {
  CATEGORY_TABS,
  claimAction,
  claimBadge,
  isRetryable,
  newRequestId,
  refusalLabel,
  regionLabel,
} from '../../src/components/benefit/model';

describe('money: fen in the API, yuan on screen', () => {
  it('shows whole yuan without decimals and cents with two', () => {
    expect(formatFen(3500)).toBe('¥35');
    expect(formatFen(1250)).toBe('¥12.50');
    expect(formatFen(1)).toBe('¥0.01');
    expect(formatFen(0)).toBe('¥0');
    expect(fenToYuanText(4990)).toBe('49.90');
  });

  it('reads yuan typed by an official exactly, without float rounding', () => {
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('12')).toBe(1200);
    expect(parseYuanToFen('12.5')).toBe(1250);
    expect(parseYuanToFen(' ¥12.50 ')).toBe(1250);
    expect(parseYuanToFen('1.')).toBe(100);
    for (const junk of ['', '-1', '12.345', '1,000', 'abc', '1e3', '.5']) expect(parseYuanToFen(junk), junk).toBeNull();
  });

  it('round-trips every amount a form may show', () => {
    for (const fen of [0, 1, 10, 99, 100, 101, 1999, 123456789]) expect(parseYuanToFen(fenToYuanText(fen))).toBe(fen);
  });
});

describe('time: ISO-8601 in the API, Beijing time on screen', () => {
  it('shows instants in Asia/Shanghai whatever offset they carry', () => {
    expect(formatDateTime('2026-05-01T02:00:00Z')).toBe('2026-05-01 10:00');
    expect(formatDateTime('2026-05-01T10:00:00+08:00')).toBe('2026-05-01 10:00');
    expect(formatDateTime('2026-04-30T20:30:00-04:00')).toBe('2026-05-01 08:30');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('drops the year of this year in short dates', () => {
    const now = Date.parse('2026-03-01T00:00:00+08:00');
    expect(formatShortDateTime('2026-05-01T10:00:00+08:00', now)).toBe('5月1日 10:00');
    expect(formatShortDateTime('2027-01-02T09:05:00+08:00', now)).toBe('2027年1月2日 09:05');
  });

  it('reads Beijing time typed by an official into ISO-8601 with +08:00, refusing impossible dates', () => {
    expect(parseShanghaiDateTime('2026-05-01 10:00')).toBe('2026-05-01T10:00:00+08:00');
    expect(parseShanghaiDateTime(' 2026-5-1 9:05 ')).toBe('2026-05-01T09:05:00+08:00');
    for (const bad of ['2026-02-30 10:00', '2026-13-01 10:00', '2026-05-01 24:00', '2026-05-01', '明天上午']) {
      expect(parseShanghaiDateTime(bad), bad).toBeNull();
    }
    expect(formatDateTime(parseShanghaiDateTime('2026-12-31 23:59')!)).toBe('2026-12-31 23:59');
  });

  it('counts down in days, hours, minutes and seconds, never below zero', () => {
    expect(formatCountdown(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000)).toBe('2天 03:04:05');
    expect(formatCountdown(59_001)).toBe('00:01:00');
    expect(formatCountdown(-5_000)).toBe('00:00:00');
  });
});

const benefit: MemberBenefit = {
  id: 'bnf-1',
  title: '一元观影',
  description: '说明',
  category: 'cinema',
  merchants: [{ id: 'mch-yefeng-cinema', name: '椰风影城' }],
  faceValueFen: 3500,
  priceFen: 0,
  perMemberLimit: 1,
  remaining: 10,
  claimStartsAt: '2026-05-01T10:00:00+08:00',
  claimEndsAt: '2026-05-07T22:00:00+08:00',
  useEndsAt: '2026-06-30T22:00:00+08:00',
  claimState: 'open',
  org: { id: 'org-hainan', name: '海南省总工会' },
};
const detail = (patch: Partial<MemberBenefit>, me: Partial<BenefitDetailResponse['me']> = {}): BenefitDetailResponse => ({
  benefit: { ...benefit, ...patch },
  me: { eligible: true, reason: null, held: 0, ...me },
  draw: null,
});

describe('claim state on cards and on the claim button', () => {
  it('has a tab for 全部 and each category, in the contract order', () => {
    expect(CATEGORY_TABS.map((t) => t.label)).toEqual(['全部', '优惠券', '一元观影', '话费', '生活物资', '文体活动']);
  });

  it('labels each claim state, says when an upcoming one opens, and 已领取 once held', () => {
    const now = Date.parse('2026-04-01T00:00:00+08:00');
    expect(claimBadge(benefit, 0, now)).toEqual({ label: '抢领中', tone: 'hot' });
    expect(claimBadge({ ...benefit, claimState: 'upcoming' }, 0, now)).toEqual({ label: '未开始', tone: 'soon', note: '5月1日 10:00 开抢' });
    expect(claimBadge({ ...benefit, claimState: 'sold_out' }, 0, now).label).toBe('已抢光');
    expect(claimBadge({ ...benefit, claimState: 'ended' }, 0, now).label).toBe('已结束');
    expect(claimBadge({ ...benefit, claimState: 'paused' }, 0, now).label).toBe('暂停领取');
    expect(claimBadge({ ...benefit, claimState: 'sold_out' }, 1, now).label).toBe('已领取');
  });

  it('counts down to the window for a member who may claim then', () => {
    const now = Date.parse('2026-05-01T09:59:30+08:00');
    expect(claimAction(detail({ claimState: 'upcoming' }, { eligible: false, reason: 'CLAIM_NOT_STARTED' }), now)).toEqual({
      kind: 'countdown',
      msLeft: 30_000,
      label: '距开抢 00:00:30',
    });
    expect(claimAction(detail({ claimState: 'upcoming' }, { eligible: false, reason: 'CLAIM_NOT_STARTED' }), now + 31_000).label).toBe('即将开抢');
  });

  it('offers 立即领取 when eligible, 再领一张 below the limit, and the reason otherwise', () => {
    expect(claimAction(detail({}))).toEqual({ kind: 'claim', label: '立即领取' });
    expect(claimAction(detail({ perMemberLimit: 2 }, { held: 1 }))).toEqual({ kind: 'claim', label: '再领一张' });
    expect(claimAction(detail({}, { eligible: false, reason: 'NOT_BOUND' }))).toEqual({
      kind: 'blocked',
      reason: 'NOT_BOUND',
      label: '绑定会员身份后可领取',
    });
    // Eligible but the state says otherwise (the list moved on): the button follows the state.
    expect(claimAction(detail({ claimState: 'sold_out' })).label).toBe('已抢光');
  });

  it('has a Chinese label for every refusal code of the contract', () => {
    const labels = CLAIM_REFUSALS.map((code) => refusalLabel(code, 1));
    for (const label of labels) expect(label).toMatch(/[\u4e00-\u9fa5]/u);
    expect(new Set(labels).size).toBe(CLAIM_REFUSALS.length);
    expect(refusalLabel('CLAIM_LIMIT_REACHED', 3)).toBe('已领取（每人限领3张）');
  });

  it('retries only what may not have happened: network, BUSY, server failures', () => {
    expect(isRetryable({ code: 'NETWORK_ERROR', status: 0 })).toBe(true);
    expect(isRetryable({ code: 'BUSY', status: 503 })).toBe(true);
    expect(isRetryable({ code: 'THROTTLED', status: 429 })).toBe(true);
    expect(isRetryable({ code: 'TOO_MANY_ATTEMPTS', status: 429 })).toBe(false);
    expect(isRetryable({ code: 'INTERNAL', status: 500 })).toBe(true);
    expect(isRetryable({ code: 'SOLD_OUT', status: 409 })).toBe(false);
    expect(isRetryable({ code: 'CLAIM_LIMIT_REACHED', status: 409 })).toBe(false);
  });

  it('makes request ids the contract accepts, different each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRequestId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(claimRequest.safeParse({ requestId: id }).success, id).toBe(true);
  });

  it('names region codes, and keeps unknown ones readable', () => {
    expect(regionLabel('01')).toBe('海口市（01）');
    expect(regionLabel('02')).toBe('三亚市（02）');
    expect(regionLabel('77')).toBe('地区 77');
  });
});
