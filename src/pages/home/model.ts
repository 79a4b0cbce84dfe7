import type { MemberBenefit } from '../../../functions/benefits/contracts/benefits';

/** Who is looking at 首页: nobody logged in, an account not bound to a member, or a member. */
export type Viewer = 'anonymous' | 'unbound' | 'bound';

export interface Service {
  key: string;
  title: string;
  /** Words a search also finds it by. */
  keywords: string;
  /** Where it opens; null: 即将上线. */
  url: string | null;
  /** A tab page (普惠): switched to, not navigated to. */
  tab?: boolean;
  /** Needs a bound member (我的券, 转会, 补贴): an unbound account is sent to binding first. */
  memberOnly?: boolean;
  /** Needs a log-in (入会 files as the account). */
  loginOnly?: boolean;
}

/** The grid of 首页, in the order members look for them; the coming ones last. */
export const SERVICES: readonly Service[] = [
  { key: 'coupons', title: '我的券', keywords: '优惠券 券码 核销', url: '/pages/coupons/index', memberOnly: true },
  { key: 'join', title: '入会', keywords: '入会申请 加入工会', url: '/apply/join/index', loginOnly: true },
  { key: 'transfer', title: '转会', keywords: '会员关系转接 转会 调动', url: '/apply/transfer/index', memberOnly: true },
  { key: 'subsidy', title: '补贴', keywords: '补贴申请 返乡 车票', url: '/apply/subsidy/index', memberOnly: true },
  { key: 'applications', title: '我的办事', keywords: '办理进度 申请 撤回 评价', url: '/pages/applications/index', loginOnly: true },
  { key: 'benefits', title: '普惠', keywords: '普惠 权益 一元观影 领券', url: '/pages/benefits/index', tab: true },
  { key: 'stations', title: '职工驿站', keywords: '驿站 服务站 户外劳动者 附近', url: '/stations/finder/index' },
  { key: 'aid', title: '困难帮扶', keywords: '困难职工 帮扶 救助 自测', url: '/hardship/self-check/index' },
  { key: 'activities', title: '活动报名', keywords: '活动 报名 文体', url: null },
];

/** Where a service's tap goes for this viewer: the service, the log-in, the binding form, or nowhere (coming). */
export function destinationOf(service: Service, viewer: Viewer): { url: string; tab: boolean } | null {
  if (!service.url) return null;
  if ((service.memberOnly || service.loginOnly) && viewer === 'anonymous') return { url: '/pages/login/index', tab: false };
  if (service.memberOnly && viewer === 'unbound') return { url: '/pages/binding/index', tab: false };
  return { url: service.url, tab: service.tab === true };
}

export type SearchHit = { kind: 'service'; service: Service } | { kind: 'benefit'; benefit: MemberBenefit };

/** 搜索: services by title or keyword, then benefits by title or merchant; case and spaces ignored. */
export function search(query: string, benefits: readonly MemberBenefit[], limit = 10): SearchHit[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const matches = (text: string) => words.every((w) => text.toLowerCase().includes(w));
  const services = SERVICES.filter((s) => matches(`${s.title} ${s.keywords}`)).map((service): SearchHit => ({ kind: 'service', service }));
  const found = benefits
    .filter((b) => matches(`${b.title} ${b.merchants.map((m) => m.name).join(' ')}`))
    .map((benefit): SearchHit => ({ kind: 'benefit', benefit }));
  return [...services, ...found].slice(0, limit);
}

/** The bell's label for screen readers, and its badge (99+ past 99). */
export const bellLabel = (unread: number) => (unread > 0 ? `消息中心，${unread} 条未读` : '消息中心');
export const badgeText = (unread: number) => (unread > 99 ? '99+' : String(unread));

/** 首页's two benefit rows: open now and opening soon, a few each. */
export function benefitRows(items: readonly MemberBenefit[], per = 3) {
  return {
    open: items.filter((b) => b.claimState === 'open').slice(0, per),
    upcoming: items.filter((b) => b.claimState === 'upcoming').slice(0, per),
  };
}
