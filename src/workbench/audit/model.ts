import { auditQuery, type AuditEntryView } from '../../../functions/audit/contracts/audit';

/**
 * 操作记录 as officials read it: the action codes of the trail in Chinese, the kinds to filter by,
 * and `before`/`after` (masked JSON as the API gives it) as rows of 字段：原值 → 新值.
 */

/** The whole codes the trail records (each capability's domain/audit.ts declares its own). */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'application.decide': '审核决定',
  'application.follow-up': '差评回访',
  'benefit.create': '新建权益',
  'benefit.update': '修改权益',
  'benefit.status': '权益状态变更',
  'benefit.stock': '追加库存',
  'campaign.create': '新建补贴活动',
  'campaign.extend': '延长补贴活动',
  'campaign.approve': '审批补贴活动',
  'subsidy-rules.update': '修改补贴标准',
  'roster.import': '实名制录入',
  'roster.import-request': '会员转入请求（名册导入）',
  'roster.import-alert': '名册导入异常提醒',
  'member.release-phone': '释放手机号',
  'member.unbind': '解除微信绑定',
  'member.leave': '办理退会',
  'role.grant': '授予权限',
  'role.revoke': '撤销权限',
  'org.create': '新增工会',
  'org.rename': '工会更名',
  'merchant.create': '新增商户',
};

export type ActionFilter = 'all' | 'application' | 'benefit' | 'campaign' | 'roster' | 'member' | 'role' | 'org' | 'merchant';

/** The kinds of action to filter by: each value is the prefix the API takes as `action`. */
export const ACTION_FILTERS: ReadonlyArray<{ value: ActionFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'application', label: '申请审核' },
  { value: 'benefit', label: '普惠权益' },
  { value: 'campaign', label: '补贴活动' },
  { value: 'roster', label: '实名制录入' },
  { value: 'member', label: '会员服务' },
  { value: 'role', label: '权限' },
  { value: 'org', label: '组织' },
  { value: 'merchant', label: '商户' },
];

/** "benefit.status" → 权益状态变更; a code not known here keeps its kind's label and the code. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const kind = ACTION_FILTERS.find((f) => f.value !== 'all' && action.startsWith(`${f.value}.`));
  return kind ? `${kind.label}（${action}）` : action;
}

/** What the actor filter field is refused for (the contract's own message), or null when it may go. */
export function actorFilterError(text: string): string | null {
  const actor = text.trim();
  if (actor === '') return null;
  const parsed = auditQuery.shape.actor.safeParse(actor);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '操作人不正确');
}

/** The query for a filter: `all` and an empty actor are left out. */
export function auditFilterQuery(action: ActionFilter, actor: string): { action?: string; actor?: string } {
  return { ...(action !== 'all' && { action }), ...(actor.trim() !== '' && { actor: actor.trim() }) };
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  status: '状态',
  name: '名称',
  title: '标题',
  phone: '手机号',
  phoneMasked: '手机号',
  idNumber: '身份证号',
  idNumberMasked: '身份证号',
  stock: '库存',
  decision: '决定',
  comment: '意见',
  step: '环节',
  orgId: '工会',
  org: '工会',
  role: '角色',
  bound: '微信绑定',
  openid: '微信账号',
  memberId: '会员',
  union: '所在工会',
  unionId: '所在工会',
  reason: '原因',
  claimEndsAt: '领取截止',
  claimStartsAt: '领取开始',
  endsAt: '截止时间',
  rows: '行数',
  written: '写入',
  refused: '拒绝',
  changed: '变更',
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

/** One value as text: strings as they are, booleans 是/否, none "—", anything else compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object' && 'name' in value && typeof (value as { name: unknown }).name === 'string') {
    return (value as { name: string }).name;
  }
  return JSON.stringify(value);
}

export interface ChangeRow {
  key: string;
  label: string;
  before: string;
  after: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `before` and `after` as rows: for two objects the fields that differ (both sides shown); for a
 * creation (no `before`) or a removal (no `after`) every field of the other side; anything that is
 * not an object is one row.
 */
export function changeRows(entry: Pick<AuditEntryView, 'before' | 'after'>): ChangeRow[] {
  const { before, after } = entry;
  if (before == null && after == null) return [];
  if ((before == null || isRecord(before)) && (after == null || isRecord(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    const both = before != null && after != null;
    return keys
      .filter((key) => !both || JSON.stringify(b[key]) !== JSON.stringify(a[key]))
      .map((key) => ({ key, label: fieldLabel(key), before: before == null ? '' : formatValue(b[key]), after: after == null ? '' : formatValue(a[key]) }));
  }
  return [{ key: 'value', label: '内容', before: before == null ? '' : formatValue(before), after: after == null ? '' : formatValue(after) }];
}

/** Who did it, as a line: "海口市总工会 干部" or "平台管理员". */
export function actorLine(actor: AuditEntryView['actor']): string {
  return actor.as === 'admin' ? '平台管理员' : `${actor.org?.name ?? '工会'} 干部`;
}
