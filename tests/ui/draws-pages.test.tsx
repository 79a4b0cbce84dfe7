import { act, useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttemptResponse, AttemptResultResponse, MyDrawResponse, PublicDraw } from '../../functions/draws/contracts/draws';
import { allAnswered, howToVerify, outcomeLabel, timeLeft } from '../../src/components/draw/model';
import { flush, mount, type Mounted } from './render';

/**
 * 答题抽奖 (draws/quiz) and 抽签公示 (draws/draw) on jsdom: the attempts left, the questions against
 * the timer, submitting only when all are answered, the result with right answers and explanations
 * and the draw's outcome; the public page's hash, seed, winners (mine marked), days and how to verify.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, children, onClick, disabled }: { id?: string; children?: ReactNode; onClick?: () => void; disabled?: boolean }) => (
    <button type='button' id={id} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  ),
}));
const params = vi.hoisted(() => ({ value: {} as Record<string, string> }));
const taroCalls = vi.hoisted(() => ({ showToast: vi.fn(), navigateTo: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = { ...actual, ...taroCalls, useLoad: (fn: (p: Record<string, string>) => void) => useEffect(() => fn(params.value), []) };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ getDraw: vi.fn(), getMyDraw: vi.fn(), startAttempt: vi.fn(), submitAttempt: vi.fn() }));
vi.mock('../../src/services/draws', () => api);
vi.mock('../../src/services/session', () => ({ readSession: () => ({ token: 't', expiresAt: '2099-01-01T00:00:00+08:00' }) }));

const me = (over: Partial<MyDrawResponse['me']> = {}): MyDrawResponse => ({
  me: {
    drawId: 'd1',
    kind: 'instant',
    status: 'open',
    quiz: { questionsPerAttempt: 2, passMark: 2, attemptsPerDay: 6, timeLimitSeconds: 300 },
    attemptsLeft: 4,
    winsToday: 0,
    winsPerMemberPerDay: 2,
    reason: null,
    tickets: [],
    ...over,
  },
});
const attempt = (deadline = new Date(Date.now() + 300_000).toISOString()): AttemptResponse => ({
  attempt: {
    id: 'a1',
    drawId: 'd1',
    questions: [
      { id: 'q1', text: '工会的基本职责是什么？', options: ['组织文体活动', '维护职工合法权益、竭诚服务职工群众'] },
      { id: 'q2', text: '国际劳动节是哪一天？', options: ['3月8日', '5月1日'] },
    ],
    startedAt: new Date().toISOString(),
    deadline,
    timeLimitSeconds: 300,
    passMark: 2,
    attemptsLeft: 3,
  },
});
const result: AttemptResultResponse = {
  result: {
    attemptId: 'a1',
    outcome: 'passed',
    right: 2,
    passMark: 2,
    attemptsLeft: 3,
    review: [
      { id: 'q1', text: '工会的基本职责是什么？', options: ['组织文体活动', '维护职工合法权益、竭诚服务职工群众'], chosen: 1, correct: 1, explanation: '《工会法》第六条' },
      { id: 'q2', text: '国际劳动节是哪一天？', options: ['3月8日', '5月1日'], chosen: 1, correct: 1, explanation: '纪念芝加哥工人的斗争' },
    ],
    ticket: { ticket: '20250501-ABCDEFGHJK', day: '2025-05-01', pool: '*', outcome: 'won', place: { couponId: 'c1', state: 'awaiting_payment' }, at: '2025-05-01T10:00:00.000+08:00' },
  },
};

let mounted: Mounted | undefined;
beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(taroCalls)]) fn.mockReset();
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
  vi.useRealTimers();
});

const click = async (el: Element | null) => {
  expect(el).not.toBeNull();
  await act(async () => (el as HTMLElement).click());
  await flush();
};

describe('the quiz page', () => {
  async function open() {
    params.value = { drawId: 'd1' };
    const { default: Page } = await import('../../src/draws/quiz/index');
    mounted = await mount(<Page />);
    await flush();
    return mounted.container;
  }

  it('shows the attempts left, asks the questions and submits only when all are answered; then the explanations and the outcome', async () => {
    api.getMyDraw.mockResolvedValue(me());
    api.startAttempt.mockResolvedValue(attempt());
    api.submitAttempt.mockResolvedValue(result);
    const page = await open();
    expect(page.querySelector('#quiz-attempts-left')?.textContent).toBe('4');
    expect(page.textContent).toContain('每人每天最多中签 2 次');
    await click(page.querySelector('#quiz-start'));
    expect(page.querySelector('#quiz-timer')?.textContent).toMatch(/^0[45]:\d\d$/);
    expect(page.textContent).toContain('工会的基本职责是什么？');
    const submit = page.querySelector<HTMLButtonElement>('#quiz-submit')!;
    expect(submit.disabled).toBe(true);
    await click(page.querySelector('#quiz-q-0-o-1'));
    expect(submit.disabled).toBe(true);
    await click(page.querySelector('#quiz-q-1-o-1'));
    expect(page.querySelector('#quiz-q-1-o-1')?.className).toContain('quiz-option--chosen');
    await click(page.querySelector('#quiz-submit'));
    expect(api.submitAttempt).toHaveBeenCalledWith('a1', { q1: 1, q2: 1 });
    const shown = page.querySelector('#quiz-result')!.textContent!;
    expect(shown).toContain('答题通过');
    expect(shown).toContain('《工会法》第六条');
    expect(page.querySelector('#quiz-ticket')?.textContent).toContain('中签 · 名额已保留，待支付');
    expect(page.querySelector('#quiz-start')?.textContent).toBe('再答一次');
  });

  it('sends the answers as they are when the time runs out', async () => {
    api.getMyDraw.mockResolvedValue(me());
    api.startAttempt.mockResolvedValue(attempt(new Date(Date.now() + 1_500).toISOString()));
    api.submitAttempt.mockResolvedValue({ result: { ...result.result, outcome: 'timed_out', right: 0, ticket: null } });
    const page = await open();
    await click(page.querySelector('#quiz-start'));
    await click(page.querySelector('#quiz-q-0-o-0'));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 2_300)));
    await flush();
    expect(api.submitAttempt).toHaveBeenCalledWith('a1', { q1: 0 });
    expect(page.querySelector('#quiz-result')?.textContent).toContain('答题超时');
  });

  it('says why a member cannot start', async () => {
    api.getMyDraw.mockResolvedValue(me({ attemptsLeft: 0, reason: 'QUIZ_ATTEMPTS_USED_UP' }));
    const page = await open();
    const start = page.querySelector<HTMLButtonElement>('#quiz-start')!;
    expect(start.disabled).toBe(true);
    expect(start.textContent).toBe('今日次数已用完');
  });
});

describe('the draw page', () => {
  const drawn: PublicDraw = {
    id: 'draw-demo',
    benefitId: 'b1',
    kind: 'scheduled',
    status: 'drawn',
    ticketsHash: 'b5fffd25ec16a3aa4262f3bf5067d195745bfb3a80ddbe704f11d20741a254e9',
    seedSource: '双色球第2025062期',
    seed: '02 09 14 21 27 33 + 06',
    places: { '01': 1, '*': 1 },
    tickets: [
      { ticket: '0000000001', pool: '01' },
      { ticket: '0000000002', pool: '01' },
      { ticket: 'ABCDEFGHJK', pool: '*' },
    ],
    winners: ['ABCDEFGHJK', '0000000001'],
    waitlist: ['0000000002'],
    days: [],
  };

  it('shows the hash, the seed, the winners with mine marked, the waiting list and how to check it', async () => {
    api.getDraw.mockResolvedValue({ draw: drawn });
    api.getMyDraw.mockResolvedValue(me({ kind: 'scheduled', tickets: [{ ticket: '0000000001', day: null, pool: '01', outcome: 'won', place: { couponId: 'c', state: 'unused' }, at: '' }] }));
    params.value = { id: 'draw-demo' };
    const { default: Page } = await import('../../src/draws/draw/index');
    mounted = await mount(<Page />);
    await flush();
    const page = mounted.container;
    expect(page.querySelector('#draw-status')?.textContent).toBe('已开奖');
    expect(page.querySelector('#draw-hash')?.textContent).toBe(drawn.ticketsHash);
    expect(page.querySelector('#draw-seed')?.textContent).toBe(drawn.seed);
    expect(page.querySelector('#draw-places')?.textContent).toBe('地区 01 1 个，其余市县 1 个');
    expect(page.querySelector('#draw-winners .draw-ticket--mine')?.textContent).toBe('0000000001');
    expect(page.querySelector('#draw-waitlist')?.textContent).toContain('1. 0000000002');
    expect(page.querySelector('#draw-mine')?.textContent).toContain('中签 · 券已放入“我的券”');
    expect(page.querySelector('#draw-verify')?.textContent).toContain('npm run draw:verify -- draw-demo');
  });

  it('shows an instant draw day by day: the commitment, and the secret once the day is over', async () => {
    api.getDraw.mockResolvedValue({
      draw: { ...drawn, kind: 'instant', status: 'open', ticketsHash: null, seed: null, seedSource: null, winners: [], waitlist: [], tickets: [], days: [{ day: '2025-05-01', winRate: 0.3, commitment: 'c'.repeat(64), secret: 'a'.repeat(64) }, { day: '2025-05-02', winRate: 0.3, commitment: 'd'.repeat(64), secret: null }] },
    });
    api.getMyDraw.mockRejectedValue(new Error('未登录'));
    params.value = { id: 'draw-i' };
    const { default: Page } = await import('../../src/draws/draw/index');
    mounted = await mount(<Page />);
    await flush();
    const page = mounted.container;
    expect(page.querySelector('#draw-day-2025-05-01')?.textContent).toContain(`密钥 ${'a'.repeat(64)}`);
    expect(page.querySelector('#draw-day-2025-05-02')?.textContent).toContain('密钥于次日公布');
    expect(page.querySelector('#draw-mine')).toBeNull();
    expect(page.querySelector('#draw-verify')?.textContent).toContain('HMAC-SHA256');
  });
});

describe('the draw words', () => {
  it('name each outcome, count down and check the answers are all there', () => {
    expect(outcomeLabel({ outcome: 'lost_daily_limit', place: null })).toBe('今日中签次数已满，本次不计');
    expect(outcomeLabel({ outcome: 'won', place: { couponId: 'c', state: 'unused' } })).toBe('中签 · 券已放入“我的券”');
    expect(timeLeft('2025-05-01T10:05:00+08:00', Date.parse('2025-05-01T10:00:01+08:00'))).toBe('04:59');
    expect(timeLeft('2025-05-01T10:05:00+08:00', Date.parse('2025-05-01T10:06:00+08:00'))).toBe('00:00');
    expect(allAnswered(['a', 'b'], { a: 0 })).toBe(false);
    expect(allAnswered(['a', 'b'], { a: 0, b: 0 })).toBe(true);
    expect(howToVerify({ id: 'x', kind: 'scheduled' }).join('')).toContain('SHA-256(种子 + 换行 + 名额池 + 换行 + 签号)');
  });
});
