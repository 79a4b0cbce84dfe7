import type { CreateDrawRequest } from '../../../functions/draws/contracts/draws';

/** The 设置答题抽签 form as typed: numbers as text, the win rate in percent, the time limit in minutes. */
export interface DrawSetupValues {
  kind: 'instant' | 'scheduled';
  /** Scheduled draws may go without a quiz; instant ones draw once per pass. */
  quiz: boolean;
  bankId: string;
  questionsPerAttempt: string;
  passMark: string;
  attemptsPerDay: string;
  timeLimitMinutes: string;
  winRatePercent: string;
  winsPerMemberPerDay: string;
  /** Scheduled: places per pool; pool '' or '*' is 其他地区. */
  places: Array<{ pool: string; count: string }>;
  seedSource: string;
}

export const emptyDrawSetup = (): DrawSetupValues => ({
  kind: 'instant',
  quiz: true,
  bankId: '',
  questionsPerAttempt: '6',
  passMark: '4',
  attemptsPerDay: '6',
  timeLimitMinutes: '5',
  winRatePercent: '',
  winsPerMemberPerDay: '2',
  places: [{ pool: '*', count: '' }],
  seedSource: '',
});

const whole = (text: string) => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : null);

/** The API's request, or the first thing to fix in words (the API checks the rest with its own messages). */
export function drawRequestOf(v: DrawSetupValues): { ok: true; request: CreateDrawRequest } | { ok: false; message: string } {
  const request: CreateDrawRequest = { kind: v.kind };
  if (v.kind === 'instant' || v.quiz) {
    if (!v.bankId) return { ok: false, message: '请选择题库' };
    const n = whole(v.questionsPerAttempt);
    const pass = whole(v.passMark);
    const perDay = whole(v.attemptsPerDay);
    const minutes = Number(v.timeLimitMinutes);
    if (n === null || n < 1) return { ok: false, message: '每次题数应为正整数' };
    if (pass === null || pass < 1 || pass > n) return { ok: false, message: '及格题数应为1到每次题数之间的整数' };
    if (perDay === null || perDay < 1) return { ok: false, message: '每日答题次数应为正整数' };
    if (!Number.isFinite(minutes) || minutes < 0.5 || minutes > 60) return { ok: false, message: '答题时限应在0.5到60分钟之间' };
    request.quiz = { bankId: v.bankId, questionsPerAttempt: n, passMark: pass, attemptsPerDay: perDay, timeLimitSeconds: Math.round(minutes * 60) };
  }
  if (v.kind === 'instant') {
    const percent = Number(v.winRatePercent);
    if (v.winRatePercent.trim() === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) return { ok: false, message: '中签率应为大于0、不超过100的百分数' };
    const wins = whole(v.winsPerMemberPerDay);
    if (wins === null || wins < 1) return { ok: false, message: '每人每日中签上限应为正整数' };
    request.winRate = Math.round(percent * 100) / 10_000;
    request.winsPerMemberPerDay = wins;
    return { ok: true, request };
  }
  const places: Record<string, number> = {};
  for (const row of v.places) {
    const pool = row.pool.trim() === '' ? '*' : row.pool.trim();
    if (!/^(\d{2}|\*)$/.test(pool)) return { ok: false, message: `地区代码“${row.pool}”不正确，应为2位数字（其他地区留空）` };
    const count = whole(row.count);
    if (count === null) return { ok: false, message: '各名额池的名额应为整数' };
    if (pool in places) return { ok: false, message: '同一地区只能填写一行' };
    places[pool] = count;
  }
  if (v.seedSource.trim() === '') return { ok: false, message: '请写明开奖号码来源，如 中国福利彩票双色球 第2026140期 开奖号码' };
  request.places = places;
  request.seedSource = v.seedSource.trim();
  return { ok: true, request };
}
