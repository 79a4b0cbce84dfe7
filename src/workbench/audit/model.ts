import { auditQuery, type AuditEntryView } from '../../../functions/audit/contracts/audit';
import { receiptNumber } from '../../../functions/applications/contracts/receipt';
import { formatDateTime, formatFen } from '../../components/benefit/format';

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
  'payout-batch.create': '生成补贴发放批次',
  'payout-batch.export': '下载银行代发文件',
  'payout-batch.mark': '回填补贴发放结果',
  'payout-batch.confirm': '复核确认补贴发放结果',
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
  'order.refund': '审核退款',
  'ban.lift': '解除参与限制',
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

/** "benefit.status" → 权益状态变更; a code not known here is said by its kind (商户操作), never as the code. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const kind = ACTION_FILTERS.find((f) => f.value !== 'all' && action.startsWith(`${f.value}.`));
  return kind ? `${kind.label}操作` : '其他操作';
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
  org: '工会',
  role: '角色',
  bound: '微信绑定',
  union: '所在工会',
  reason: '原因',
  claimEndsAt: '领取截止',
  claimStartsAt: '领取开始',
  useEndsAt: '使用截止',
  endsAt: '截止时间',
  applyUntil: '申请截止',
  rows: '行数',
  written: '写入',
  refused: '拒绝',
  changed: '变更',
  followUp: '回访',
  dueDate: '回访期限',
  note: '回访记录',
  onTime: '按时回访',
  held: '持有权限',
  agreements: '签约工会',
  since: '签约时间',
  regionQuotas: '分市县名额',
  tierAmountsFen: '补贴档位',
  maxPayoutFen: '单笔上限',
  candidates: '待发放笔数',
  lines: '笔数',
  paid: '成功笔数',
  failed: '失败笔数',
  file: '文件',
  faceValueFen: '面值',
  priceFen: '价格',
  perMemberLimit: '每人限领',
  workUnit: '工作单位',
  on: '日期',
  type: '类型',
  category: '类别',
  description: '说明',
  otherRegions: '其他市县',
  forwardedTo: '转交至',
  add: '追加',
  approval: '审批',
  grassroots: '基层工会额度',
  industry: '产业工会额度',
  city: '市县总工会额度',
  province: '省总工会额度',
};

/**
 * States, decisions, roles and kinds as the trail stores them (English codes), in the words
 * officials use. A code not listed here is shown as it is only when it is not a bare English word.
 */
const VALUE_LABELS: Readonly<Record<string, string>> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  forwarded: '已转交',
  cancelled: '已撤回',
  withdrawn: '已撤回',
  skipped: '无需办理',
  draft: '草稿',
  published: '已发布',
  paused: '已暂停',
  ended: '已结束',
  approve: '同意',
  reject: '驳回',
  forward: '转交',
  publish: '发布',
  pause: '暂停',
  resume: '恢复',
  end: '结束',
  active: '正常',
  left: '已退会',
  suspended: '已停止合作',
  open: '开放领取',
  closed: '不开放',
  due: '待回访',
  recorded: '已回访',
  overdue: '已超期',
  pending_approval: '待上级审批',
  within: '额度内',
  official: '工会干部',
  admin: '平台管理员',
  clerk: '商户核销员',
  member: '会员',
  coupon: '优惠券',
  cinema: '一元观影',
  goods: '生活物资',
  activity: '文体活动',
  join: '入会',
  transfer: '转会',
  subsidy: '补贴',
};

/** Fields that name people's accounts, storage ids or versions: never shown to officials. */
const HIDDEN_FIELDS = /^(openid|actor|by|createdBy|approvedBy|grantedBy|decidedBy|id|jti|nonce|version|shards|orgPath|path|memberId|unionId|orgId|toOrgId|merchantIds|benefitId|campaignId|couponId|accountId)$|Id$|Ids$/;

export function fieldLabel(key: string): string | null {
  return FIELD_LABELS[key] ?? null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MASKED_OPENID = /^\S{2,4}\*{4}\S{0,4}$/;
const ENGLISH_CODE = /^[a-z][a-z0-9_.-]*$/i;
/** A masked openid (4 + 4 kept); a masked phone (digits around the stars) is not one. */
const isMaskedOpenid = (text: string) => MASKED_OPENID.test(text) && !/^\d+\*+\d+$/.test(text);

/**
 * One value in words: states and decisions in Chinese, instants and epoch milliseconds in Beijing
 * time, fen as yuan, 是/否, lists joined with 、, a named thing by its name, other objects by their
 * labelled fields. Null when it cannot be said without internals (a masked openid, a bare code).
 */
export function formatValue(value: unknown, key = ''): string | null {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if (/Fen$/.test(key)) return formatFen(value);
    if (value > 1e12) return formatDateTime(value);
    return String(value);
  }
  if (typeof value === 'string') {
    if (VALUE_LABELS[value]) return VALUE_LABELS[value];
    if (ISO_INSTANT.test(value)) return formatDateTime(value) || value;
    if (isMaskedOpenid(value)) return null;
    if (ENGLISH_CODE.test(value) && !/^\d/.test(value)) return null;
    return value;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => formatValue(v, key.replace(/s$/, ''))).filter((v): v is string => v !== null);
    return items.length > 0 ? items.join('、') : value.length === 0 ? '无' : null;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    if (typeof record.org === 'string' && typeof record.status === 'string') {
      return `${record.org} ${VALUE_LABELS[record.status] ?? ''}`.trim() + (typeof record.comment === 'string' && record.comment ? `（${record.comment}）` : '');
    }
    const parts = Object.entries(record).flatMap(([k, v]) => {
      const label = HIDDEN_FIELDS.test(k) ? null : (fieldLabel(k) ?? (/^\d{2}$/.test(k) ? `${k} 地区` : null));
      const text = label ? formatValue(v, k) : null;
      if (!label || !text) return [];
      // A state or a kind says itself: 已回访, 工会干部.
      return [k === 'status' || k === 'type' ? text : `${label} ${text}`];
    });
    return parts.length > 0 ? parts.join('，') : null;
  }
  return null;
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
 * not an object is one row. Fields that name accounts or storage ids, fields without a Chinese
 * name and values that cannot be said in words are left out.
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
      .filter((key) => !HIDDEN_FIELDS.test(key) && fieldLabel(key) !== null)
      .filter((key) => !both || JSON.stringify(b[key]) !== JSON.stringify(a[key]))
      .flatMap((key) => {
        const was = before == null ? '' : formatValue(b[key], key);
        const now = after == null ? '' : formatValue(a[key], key);
        if (was === null || now === null) return [];
        // A creation or a removal says what it holds, not the fields it left empty.
        if (!both && (was === '—' || now === '—')) return [];
        return [{ key, label: fieldLabel(key) as string, before: was, after: now }];
      });
  }
  const was = before == null ? '' : formatValue(before);
  const now = after == null ? '' : formatValue(after);
  return was === null || now === null ? [] : [{ key: 'value', label: '内容', before: was, after: now }];
}

/** A change row as words: 状态由「已发布」改为「已暂停」, 手机号「138****5678」已清除, 决定为「同意」. */
export function changeSentence(row: ChangeRow): string {
  if (row.before === '' || row.before === '—') return `${row.label}为「${row.after}」`;
  if (row.after === '' || row.after === '—') return `${row.label}「${row.before}」已清除`;
  return `${row.label}由「${row.before}」改为「${row.after}」`;
}

/** Who did it, as a line: "海口市总工会 干部" or "平台管理员". */
export function actorLine(actor: AuditEntryView['actor']): string {
  return actor.as === 'admin' ? '平台管理员' : `${actor.org?.name ?? '工会'} 干部`;
}

/** What was done, with {t} where the target goes (the target brings its own noun: 权益「观影券」). */
const ACTION_PHRASES: Readonly<Record<string, string>> = {
  'application.decide': '审核了{t}',
  'application.follow-up': '回访了{t}',
  'benefit.create': '新建了{t}',
  'benefit.update': '修改了{t}',
  'benefit.status': '变更了{t}的状态',
  'benefit.stock': '调整了{t}的库存',
  'benefit.approve': '审批通过了{t}',
  'benefit.limits': '修改了各级工会的权益发放额度',
  'campaign.create': '新建了{t}',
  'campaign.extend': '延长了{t}',
  'campaign.approve': '审批通过了{t}',
  'subsidy-rules.update': '修改了补贴标准',
  'payout-batch.create': '生成了{t}',
  'payout-batch.export': '下载了{t}的银行代发文件',
  'payout-batch.mark': '回填了{t}的发放结果',
  'payout-batch.confirm': '复核确认了{t}的发放结果',
  'roster.import': '导入了{t}',
  'member.release-phone': '释放了{t}的手机号',
  'member.unbind': '解除了{t}的微信绑定',
  'member.leave': '为{t}办理了退会',
  'role.grant': '为{t}授予了权限',
  'role.revoke': '撤销了{t}的权限',
  'org.create': '新增了{t}',
  'org.rename': '为{t}更名',
  'merchant.create': '新增了{t}',
  'merchant.agreement': '与{t}签约',
  'order.refund': '审核了{t}的退款',
  'ban.lift': '解除了{t}参加普惠活动的限制',
};

const TARGET_KINDS: Readonly<Record<string, string>> = {
  application: '申请',
  member: '会员',
  account: '账号',
  benefit: '权益',
  campaign: '补贴活动',
  'payout-batch': '补贴发放批次',
  org: '工会',
  merchant: '商户',
  import: '名册',
  roster: '名册',
  order: '订单',
};

/**
 * The target in words: its kind and label (权益「观影券」), an application by its 受理编号, one
 * without a label by its kind (一位会员, 一个账号) — never an openid or a storage id.
 */
export function targetText(entry: Pick<AuditEntryView, 'action' | 'target'>): string {
  const { type, id, label } = entry.target;
  const kind = TARGET_KINDS[type] ?? '';
  if (type === 'application') return `申请${label ? `「${label}」` : ''}（受理编号 ${receiptNumber(id)}）`;
  if (label && !isMaskedOpenid(label)) return `${kind}「${label}」`;
  if (type === 'member') return '一位会员';
  return `一个${kind || '对象'}`;
}

/**
 * The entry as one sentence: who, what, on which case — "海口市总工会 干部 审核了申请（受理编号
 * 20250301-7KQ2M9）". The time and the changes are said beside it (auditWhen, changeSentence).
 */
export function auditSentence(entry: Pick<AuditEntryView, 'actor' | 'action' | 'target'>): string {
  const phrase = ACTION_PHRASES[entry.action] ?? `进行了${actionLabel(entry.action)}：{t}`;
  return `${actorLine(entry.actor)} ${phrase.replace('{t}', targetText(entry))}`;
}

/** When, in Beijing time: "2025-03-01 14:05（北京时间）". */
export function auditWhen(at: string): string {
  return `${formatDateTime(at)}（北京时间）`;
}
