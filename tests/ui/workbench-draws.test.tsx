import { useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminDrawResponse, PublicDraw, QuestionBank } from '../../functions/draws/contracts/draws';
import { checkQuestion, emptyQuestion, withoutOption } from '../../src/workbench/question-bank/model';
import { click, type } from './interact';
import { flush, mount, type Mounted } from './render';

/**
 * The officials' 答题抽奖 pages on jsdom: 答题题库 (the subtree's banks, a new one for the official's
 * union), 编辑题库 (a question with 2–6 options, the right one and an explanation; edited, removed),
 * and 抽签开奖 (封存 → one official types the published result → a second types it again → drawn).
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
const taroCalls = vi.hoisted(() => ({ navigateTo: vi.fn(), navigateBack: vi.fn(), redirectTo: vi.fn(), showModal: vi.fn(), stopPullDownRefresh: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = {
    ...actual,
    ...taroCalls,
    useDidShow: (fn: () => void) => useEffect(() => fn(), []),
    usePullDownRefresh: () => undefined,
    useRouter: () => ({ params: params.value }),
  };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({
  listBanks: vi.fn(),
  createBank: vi.fn(),
  getBank: vi.fn(),
  updateBank: vi.fn(),
  getAdminDraw: vi.fn(),
  closeDraw: vi.fn(),
  proposeSeed: vi.fn(),
  confirmSeed: vi.fn(),
  createDraw: vi.fn(),
}));
vi.mock('../../src/services/draw-admin', () => api);
const me = vi.hoisted(() => ({ getMe: vi.fn() }));
vi.mock('../../src/services/api', () => me);
const benefits = vi.hoisted(() => ({ getBenefit: vi.fn() }));
vi.mock('../../src/services/benefits', () => benefits);

let mounted: Mounted | undefined;
beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(taroCalls), me.getMe, benefits.getBenefit]) fn.mockReset();
  taroCalls.showModal.mockResolvedValue({ confirm: true });
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

const q = (selector: string) => mounted!.container.querySelector(selector);

const bank = (over: Partial<QuestionBank> = {}): QuestionBank => ({
  id: 'bank1',
  title: '《工会法》知识题库',
  org: { id: 'hn', name: '海南省总工会' },
  questions: [{ id: 'q1', text: '工会的基本职责是什么？', options: ['组织文体活动', '维护职工合法权益、竭诚服务职工群众'], correct: 1, explanation: '《工会法》第六条' }],
  archived: false,
  updatedAt: '2026-03-01T10:00:00.000+08:00',
  ...over,
});

describe('a question as written', () => {
  it('needs its right answer and 2–6 options; removing an option moves the right answer with it', () => {
    const d = { ...emptyQuestion(), text: '国际劳动节是哪一天？', options: ['3月8日', '5月1日', '10月1日'] };
    expect(checkQuestion(d)).toEqual({ ok: false, message: '请选择正确答案' });
    expect(checkQuestion({ ...d, correct: 1 })).toEqual({ ok: true, question: { text: '国际劳动节是哪一天？', options: ['3月8日', '5月1日', '10月1日'], correct: 1, explanation: '' } });
    expect(withoutOption({ ...d, correct: 2 }, 0)).toMatchObject({ options: ['5月1日', '10月1日'], correct: 1 });
    expect(withoutOption({ ...d, correct: 0 }, 0).correct).toBeNull();
    expect(withoutOption({ ...d, options: ['a', 'b'], correct: 0 }, 1).options).toEqual(['a', 'b']);
    expect(checkQuestion({ ...d, options: ['a', ''], correct: 0 })).toEqual({ ok: false, message: '请填写选项' });
  });
});

describe('答题题库 (workbench/question-banks)', () => {
  it('lists the subtree’s banks and makes a new one for the official’s union', async () => {
    api.listBanks.mockResolvedValue({ items: [{ ...bank(), questions: undefined, questionCount: 12 }] });
    me.getMe.mockResolvedValue({ roles: [{ type: 'official', orgId: 'hk', orgName: '海口市总工会' }] });
    api.createBank.mockResolvedValue({ bank: bank({ id: 'bank2', questions: [] }) });
    params.value = {};
    const { default: Page } = await import('../../src/workbench/question-banks/index');
    mounted = await mount(<Page />);
    await flush();
    expect(q('#bank-bank1')?.textContent).toContain('12 题');
    await click(q('#bank-new-submit'));
    expect(q('#bank-new-error')?.textContent).toBe('请填写题库名称');
    await type(q('#bank-new-title'), '  安全生产知识  ');
    await click(q('#bank-new-submit'));
    expect(api.createBank).toHaveBeenCalledWith({ orgId: 'hk', title: '安全生产知识' });
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/workbench/question-bank/index?id=bank2' });
  });
});

describe('编辑题库 (workbench/question-bank)', () => {
  async function open() {
    api.getBank.mockResolvedValue({ bank: bank() });
    params.value = { id: 'bank1' };
    const { default: Page } = await import('../../src/workbench/question-bank/index');
    mounted = await mount(<Page />);
    await flush();
  }

  it('shows each question with its right answer and explanation; adds one with up to six options', async () => {
    await open();
    expect(q('#question-q1 [data-correct="true"]')?.textContent).toBe('B. 维护职工合法权益、竭诚服务职工群众（正确答案）');
    expect(q('#question-q1')?.textContent).toContain('解析：《工会法》第六条');
    await click(q('#question-new'));
    await type(q('#question-text'), '国际劳动节是哪一天？');
    await type(q('#question-option-0'), '3月8日');
    await type(q('#question-option-1'), '5月1日');
    for (let i = 0; i < 4; i++) await click(q('#question-option-add'));
    expect(q('#question-option-5')).not.toBeNull();
    expect(q('#question-option-add')).toBeNull();
    for (let i = 5; i >= 2; i--) await click(q(`#question-option-remove-${i}`));
    expect(q('#question-option-remove-0')).toBeNull();
    await click(q('#question-save'));
    expect(api.updateBank).not.toHaveBeenCalled();
    expect(q('#bank-notice')?.textContent).toBe('请选择正确答案');
    await click(q('#question-correct-1'));
    await type(q('#question-explanation'), '纪念芝加哥工人的斗争');
    api.updateBank.mockResolvedValue({ bank: bank() });
    await click(q('#question-save'));
    expect(api.updateBank).toHaveBeenCalledWith('bank1', { upsert: [{ text: '国际劳动节是哪一天？', options: ['3月8日', '5月1日'], correct: 1, explanation: '纪念芝加哥工人的斗争' }] });
    expect(q('#question-editor')).toBeNull();
  });

  it('edits a question in place (by its id) and removes one after a confirmation', async () => {
    await open();
    api.updateBank.mockResolvedValue({ bank: bank() });
    await click(q('#question-edit-q1'));
    expect(q('#question-correct-1')?.getAttribute('data-correct')).toBe('true');
    await click(q('#question-correct-0'));
    await click(q('#question-save'));
    expect(api.updateBank).toHaveBeenLastCalledWith('bank1', { upsert: [expect.objectContaining({ id: 'q1', correct: 0 })] });
    await click(q('#question-remove-q1'));
    expect(api.updateBank).toHaveBeenLastCalledWith('bank1', { remove: ['q1'] });
  });
});

describe('抽签开奖 (workbench/draw-admin)', () => {
  const draw = (over: Partial<PublicDraw> = {}): PublicDraw => ({
    id: 'd1',
    benefitId: 'b1',
    kind: 'scheduled',
    status: 'open',
    ticketsHash: null,
    seedSource: '中国福利彩票双色球 第2025075期 开奖号码',
    seed: null,
    places: { '01': 4, '*': 6 },
    tickets: [],
    winners: [],
    waitlist: [],
    days: [],
    ...over,
  });
  const answer = (over: Partial<PublicDraw> = {}, seedProposed: AdminDrawResponse['seedProposed'] = null): AdminDrawResponse => ({ draw: draw(over), seedProposed });
  const closed = { status: 'closed' as const, ticketsHash: 'ab'.repeat(32), tickets: [{ ticket: '20250501-AAAAAAAAAA', pool: '01' }] };

  async function open(first: AdminDrawResponse, query: Record<string, string> = { id: 'd1' }) {
    api.getAdminDraw.mockResolvedValue(first);
    params.value = query;
    const { default: Page } = await import('../../src/workbench/draw-admin/index');
    mounted = await mount(<Page />);
    await flush();
  }

  it('seals the entries, then takes the published result from one official', async () => {
    await open(answer(), { benefitId: 'b1' });
    expect(api.getAdminDraw).not.toHaveBeenCalled();
    benefits.getBenefit.mockResolvedValue({ draw: { id: 'd1', kind: 'scheduled', quiz: false } });
    await mounted!.unmount();
    await open(answer(), { benefitId: 'b1' });
    expect(api.getAdminDraw).toHaveBeenCalledWith('d1');
    expect(q('#draw-admin-summary')?.getAttribute('data-step')).toBe('close');
    api.closeDraw.mockResolvedValue(answer(closed));
    await click(q('#draw-admin-close'));
    expect(api.closeDraw).toHaveBeenCalledWith('d1');
    expect(q('#draw-admin-hash')?.textContent).toContain('已封存 1 个签号');
    expect(q('#draw-admin-source')?.textContent).toContain('双色球 第2025075期');
    await click(q('#draw-admin-seed-submit'));
    expect(q('#draw-admin-notice')?.textContent).toBe('请填写开奖号码');
    api.proposeSeed.mockResolvedValue(answer(closed, { at: '2026-03-02T21:40:00.000+08:00', byMe: true }));
    await type(q('#draw-admin-seed-input'), '05 11 17 22 28 30 + 12');
    await click(q('#draw-admin-seed-submit'));
    expect(api.proposeSeed).toHaveBeenCalledWith('d1', '05 11 17 22 28 30 + 12');
    // The one who typed it waits for a second official.
    expect(q('#draw-admin-wait')?.textContent).toContain('须由另一名工作人员再次输入复核后才能开奖');
    expect(q('#draw-admin-seed-input')).toBeNull();
  });

  it('lets a second official type it again: a mismatch is refused in the API’s words, a match draws', async () => {
    await open(answer(closed, { at: '2026-03-02T21:40:00.000+08:00', byMe: false }));
    expect(q('#draw-admin-seed')?.textContent).toContain('复核开奖号码');
    const { ApiError } = await import('../../src/services/request');
    api.confirmSeed.mockRejectedValueOnce(new ApiError('DRAW_SEED_MISMATCH', '两次录入的开奖号码不一致，请核对公告后重新录入', 409));
    await type(q('#draw-admin-seed-input'), '05 11 17 22 28 30 + 13');
    await click(q('#draw-admin-seed-submit'));
    expect(q('#draw-admin-notice')?.textContent).toBe('两次录入的开奖号码不一致，请核对公告后重新录入');
    api.confirmSeed.mockResolvedValue(answer({ ...closed, status: 'drawn', seed: '05 11 17 22 28 30 + 12', winners: ['20250501-AAAAAAAAAA'] }));
    await type(q('#draw-admin-seed-input'), '05 11 17 22 28 30 + 12');
    await click(q('#draw-admin-seed-submit'));
    expect(api.confirmSeed).toHaveBeenLastCalledWith('d1', '05 11 17 22 28 30 + 12');
    expect(q('#draw-admin-state')?.textContent).toBe('已开奖');
    expect(q('#draw-admin-result')?.textContent).toContain('中签 1 个，候补 0 个');
    await click(q('#draw-admin-public'));
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/draws/draw/index?id=d1' });
  });
});

describe('设置答题抽签 (workbench/draw-setup)', () => {
  const banks = { items: [{ id: 'bank1', title: '《工会法》知识题库', org: { id: 'hn', name: '海南省总工会' }, archived: false, updatedAt: '2026-03-01T10:00:00.000+08:00', questionCount: 12 }] };
  const created = { draw: { id: 'd9' }, seedProposed: null };

  async function open() {
    api.listBanks.mockResolvedValue(banks);
    params.value = { benefitId: 'b7' };
    const { default: Page } = await import('../../src/workbench/draw-setup/index');
    mounted = await mount(<Page />);
    await flush();
  }

  it('sets an instant draw with its quiz (defaults 6 / 4 / 6 / 5 minutes), its win rate and daily wins, then opens 抽签开奖', async () => {
    await open();
    await click(q('#draw-setup-submit'));
    expect(q('#draw-setup-error')?.textContent).toBe('请选择题库');
    await click(q('#draw-setup-bank-bank1'));
    await click(q('#draw-setup-submit'));
    expect(q('#draw-setup-error')?.textContent).toBe('中签率应为大于0、不超过100的百分数');
    await type(q('#draw-setup-winRatePercent'), '30');
    api.createDraw.mockResolvedValue(created);
    await click(q('#draw-setup-submit'));
    expect(api.createDraw).toHaveBeenCalledWith('b7', {
      kind: 'instant',
      quiz: { bankId: 'bank1', questionsPerAttempt: 6, passMark: 4, attemptsPerDay: 6, timeLimitSeconds: 300 },
      winRate: 0.3,
      winsPerMemberPerDay: 2,
    });
    expect(taroCalls.redirectTo).toHaveBeenCalledWith({ url: '/workbench/draw-admin/index?id=d9' });
  });

  it('sets a scheduled draw without a quiz: places per pool and the seed source; the API’s refusal in its words', async () => {
    await open();
    await click(q('#draw-setup-kind-scheduled'));
    await click(q('#draw-setup-quiz-no'));
    expect(q('#draw-setup-quiz-rules')).toBeNull();
    await type(q('#draw-setup-count-0'), '6');
    await click(q('#draw-setup-add-pool'));
    await type(q('#draw-setup-pool-1'), '01');
    await type(q('#draw-setup-count-1'), '4');
    expect(q('#draw-setup-scheduled')?.textContent).toContain('海口');
    await click(q('#draw-setup-submit'));
    expect(q('#draw-setup-error')?.textContent).toContain('请写明开奖号码来源');
    await type(q('#draw-setup-seedSource'), '中国福利彩票双色球 第2026140期 开奖号码');
    const { ApiError } = await import('../../src/services/request');
    api.createDraw.mockRejectedValueOnce(new ApiError('DRAW_BENEFIT_NOT_DRAFT', '只有草稿状态的权益可以设置抽签', 409));
    await click(q('#draw-setup-submit'));
    expect(api.createDraw).toHaveBeenCalledWith('b7', { kind: 'scheduled', places: { '*': 6, '01': 4 }, seedSource: '中国福利彩票双色球 第2026140期 开奖号码' });
    expect(q('#draw-setup-error')?.textContent).toBe('只有草稿状态的权益可以设置抽签');
    expect(taroCalls.redirectTo).not.toHaveBeenCalled();
  });
});
