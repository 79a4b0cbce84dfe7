import {
  createBenefitRequest,
  type AdminBenefit,
  type BenefitCategory,
  type CreateBenefitRequest,
  type OtherRegions,
} from '../../../functions/benefits/contracts/benefits';
import type { RefundPolicy } from '../../../functions/payments/contracts/refund-policy';
import { fenToYuanText, formatDateTime, parseShanghaiDateTime, parseYuanToFen } from '../benefit/format';
import { REGION_NAMES } from '../benefit/model';

/** One reserved region: its 2-digit code and how many units it gets, as typed. */
export interface QuotaRow {
  code: string;
  quota: string;
}

/** The form as the official fills it: text as typed, amounts in yuan, times in Beijing time. */
export interface BenefitFormValues {
  title: string;
  description: string;
  category: BenefitCategory | '';
  merchantIds: string[];
  faceValueYuan: string;
  priceYuan: string;
  /** A priced benefit's refund rule (chosen when the price is above 0). */
  refundPolicy: RefundPolicy | '';
  stock: string;
  perMemberLimit: string;
  claimStartsAt: string;
  claimEndsAt: string;
  useEndsAt: string;
  orgId: string;
  quotas: QuotaRow[];
  otherRegions: OtherRegions;
  shards: string;
}

/** A form field an error can point at; quota rows are `quotas.<index>`. */
export type BenefitFormField = Exclude<keyof BenefitFormValues, 'quotas'> | `quotas.${number}` | 'quotas';
export type BenefitFormErrors = Partial<Record<BenefitFormField, string>>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Start of the next full hour after `now`, plus whole days. */
function nextHour(now: number, days = 0): number {
  const hour = 60 * 60 * 1000;
  return Math.ceil((now + 1) / hour) * hour + days * DAY_MS;
}

/** A new benefit: free, one per member, claimable from the next hour for 7 days, usable 30 days. */
export function emptyBenefitForm(orgId: string, now: number = Date.now()): BenefitFormValues {
  return {
    title: '',
    description: '',
    category: '',
    merchantIds: [],
    faceValueYuan: '',
    priceYuan: '0',
    refundPolicy: '',
    stock: '',
    perMemberLimit: '1',
    claimStartsAt: formatDateTime(nextHour(now)),
    claimEndsAt: formatDateTime(nextHour(now, 7)),
    useEndsAt: formatDateTime(nextHour(now, 30)),
    orgId,
    quotas: [],
    otherRegions: 'open',
    shards: '',
  };
}

/** A draft's fields back in the form, for editing. */
export function benefitFormOf(benefit: AdminBenefit): BenefitFormValues {
  return {
    title: benefit.title,
    description: benefit.description,
    category: benefit.category,
    merchantIds: benefit.merchants.map((m) => m.id),
    faceValueYuan: fenToYuanText(benefit.faceValueFen),
    priceYuan: fenToYuanText(benefit.priceFen),
    refundPolicy: benefit.refundPolicy ?? '',
    stock: String(benefit.figures.stock),
    perMemberLimit: String(benefit.perMemberLimit),
    claimStartsAt: formatDateTime(benefit.claimStartsAt),
    claimEndsAt: formatDateTime(benefit.claimEndsAt),
    useEndsAt: formatDateTime(benefit.useEndsAt),
    orgId: benefit.org.id,
    quotas: Object.entries(benefit.regionQuotas)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, quota]) => ({ code, quota: String(quota) })),
    otherRegions: benefit.otherRegions,
    shards: String(benefit.shards),
  };
}

const WHOLE = /^\s*\d{1,9}\s*$/;
const TIME_HINT = '请选择日期和时间（北京时间）';

/**
 * Turns the form into the API's request: yuan → fen, text → integers, Beijing time → ISO-8601
 * with +08:00, quota rows → `regionQuotas`. What cannot be converted is reported per field here;
 * everything else (lengths, ranges, windows, Σ quotas ≤ stock …) by the shared contract, with its
 * own Chinese messages, so the form and the API never disagree.
 */
export function validateBenefitForm(
  values: BenefitFormValues,
): { ok: true; request: CreateBenefitRequest } | { ok: false; errors: BenefitFormErrors } {
  const errors: BenefitFormErrors = {};
  const money = (field: 'faceValueYuan' | 'priceYuan', label: string): number | undefined => {
    const fen = parseYuanToFen(values[field]);
    if (fen === null) errors[field] = values[field].trim() ? `${label}应为金额（元），最多两位小数` : `请填写${label}（元）`;
    return fen ?? undefined;
  };
  const whole = (field: 'stock' | 'perMemberLimit' | 'shards', label: string): number | undefined => {
    if (!WHOLE.test(values[field])) {
      errors[field] = values[field].trim() ? `${label}应为整数` : `请填写${label}`;
      return undefined;
    }
    return Number(values[field]);
  };
  const instant = (field: 'claimStartsAt' | 'claimEndsAt' | 'useEndsAt'): string | undefined => {
    const iso = parseShanghaiDateTime(values[field]);
    if (!iso) errors[field] = TIME_HINT;
    return iso ?? undefined;
  };

  const regionQuotas: Record<string, number> = {};
  values.quotas.forEach((row, index) => {
    const key = `quotas.${index}` as const;
    const code = row.code.trim();
    if (!/^\d{2}$/.test(code)) errors[key] = '请选择地区';
    else if (code in regionQuotas) errors[key] = `${REGION_NAMES[code] ?? `地区 ${code}`}重复了`;
    else if (!WHOLE.test(row.quota) || Number(row.quota) < 1) errors[key] = '名额应为正整数';
    else regionQuotas[code] = Number(row.quota);
  });

  const priceFen = money('priceYuan', '价格');
  const draft = {
    title: values.title,
    description: values.description,
    category: values.category || undefined,
    merchantIds: values.merchantIds,
    faceValueFen: money('faceValueYuan', '面值'),
    priceFen,
    ...(priceFen !== undefined && priceFen > 0 && values.refundPolicy !== '' && { refundPolicy: values.refundPolicy }),
    stock: whole('stock', '库存'),
    perMemberLimit: whole('perMemberLimit', '每人限领'),
    claimStartsAt: instant('claimStartsAt'),
    claimEndsAt: instant('claimEndsAt'),
    useEndsAt: instant('useEndsAt'),
    orgId: values.orgId.trim(),
    ...(values.quotas.length > 0 && { regionQuotas, otherRegions: values.otherRegions }),
    ...(values.shards.trim() !== '' && { shards: whole('shards', '分片数') }),
  };

  const result = createBenefitRequest.safeParse(draft);
  for (const issue of result.success ? [] : result.error.issues) {
    const field = formFieldOf(issue.path);
    if (field && !errors[field]) errors[field] = issue.message;
  }
  if (Object.keys(errors).length > 0 || !result.success) {
    if (Object.keys(errors).length === 0) errors.title = '请检查填写的内容';
    return { ok: false, errors };
  }
  return { ok: true, request: result.data };
}

const FIELD_OF_REQUEST: Record<string, BenefitFormField> = {
  title: 'title',
  description: 'description',
  category: 'category',
  merchantIds: 'merchantIds',
  faceValueFen: 'faceValueYuan',
  priceFen: 'priceYuan',
  refundPolicy: 'refundPolicy',
  stock: 'stock',
  perMemberLimit: 'perMemberLimit',
  claimStartsAt: 'claimStartsAt',
  claimEndsAt: 'claimEndsAt',
  useEndsAt: 'useEndsAt',
  orgId: 'orgId',
  regionQuotas: 'quotas',
  otherRegions: 'otherRegions',
  shards: 'shards',
};

/** The form field a contract issue (or an API `fields` key such as "faceValueFen") is about. */
export function formFieldOf(path: ReadonlyArray<PropertyKey> | string): BenefitFormField | undefined {
  const first = typeof path === 'string' ? path.split('.')[0] : path[0];
  return typeof first === 'string' ? FIELD_OF_REQUEST[first] : undefined;
}
