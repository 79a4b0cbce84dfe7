import type { DrawStatus, PublicDraw, TicketOutcome, TicketView } from '../../../functions/draws/contracts/draws';

/** What the quiz and draw pages say, in the member's words; pure, for the UI tests. */

export const DRAW_STATUS_LABELS: Record<DrawStatus, string> = { open: '进行中', closed: '已截止', drawn: '已开奖' };

export function outcomeLabel(ticket: Pick<TicketView, 'outcome' | 'place'>): string {
  const labels: Record<TicketOutcome, string> = {
    entered: '已报名，等待开奖',
    won: '中签',
    waitlist: '候补',
    lost: '未中签',
    lost_daily_limit: '今日中签次数已满，本次不计',
    lost_no_place: '名额已发完，本次未获得',
    pending: '正在为您保留名额…',
  };
  const base = labels[ticket.outcome];
  if (ticket.outcome !== 'won' || !ticket.place) return base;
  // A priced benefit's place waits for the payment (the payment step comes with the next release).
  return ticket.place.state === 'awaiting_payment' ? '中签 · 名额已保留，待支付' : '中签 · 券已放入“我的券”';
}

/** mm:ss left until `deadline` (ISO) at `now`; 00:00 once past. */
export function timeLeft(deadline: string, now: number): string {
  const s = Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Every question answered: the submit button's condition. */
export function allAnswered(questionIds: readonly string[], answers: Readonly<Record<string, number>>): boolean {
  return questionIds.every((id) => answers[id] !== undefined);
}

/** The "check it yourself" steps for this draw, as the draw page shows them. */
export function howToVerify(draw: Pick<PublicDraw, 'id' | 'kind'>): string[] {
  if (draw.kind === 'scheduled') {
    return [
      '报名截止后，全部签号按字符顺序排列、以换行连接，计算 SHA-256，即公布的“名单哈希”；该值同时记入操作记录，事后不能更改。',
      '开奖号码由一位工作人员按公告录入、另一位工作人员核对确认，作为种子。',
      '每张签的分值 = SHA-256(种子 + 换行 + 名额池 + 换行 + 签号)，名额池为市县代码（如海口 01）或 *（其余市县）。',
      '各名额池内按分值从小到大排序，前若干名中签，其余按顺序候补。',
      `任何人都可以复核：npm run draw:verify -- ${draw.id}，或用任何能算 SHA-256 的工具按上述规则自行计算。`,
    ];
  }
  return [
    '每个活动日开始前，系统生成当日密钥，并公布它的 SHA-256 作为承诺值。',
    '每次答题通过得到一张签，签号以日期开头；结果 = HMAC-SHA256(当日密钥, 签号)，取前 8 位十六进制数，小于“中签率 × 2³²”即按规则中签（每人每天最多中签 2 次，名额发完即止）。',
    '活动日结束后公布当日密钥：核对它的 SHA-256 与事先公布的承诺值一致，再逐张复算自己的签。',
    `任何人都可以复核：npm run draw:verify -- ${draw.id} --ticket 您的签号。`,
  ];
}
