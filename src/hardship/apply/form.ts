import {
  caseFormSchema,
  HARDSHIP_CAUSES,
  AID_KINDS,
  HEALTH_STATES,
  HOUSING_TYPES,
  RELATIONS,
  requiredProofs,
  type CaseForm,
  type DraftRequest,
  type HardshipCause,
  type ProofKind,
} from '../../../functions/hardship/contracts/hardship';
import { yuanFen } from '../model';

/**
 * 困难帮扶申请 as the member types it (strings, as the inputs hold them), checked step by step with
 * the contract's own schema (caseFormSchema: one set of rules for the phone and the API), kept as a
 * draft (on the phone and, per contract, on the server), and turned into the request at the end.
 */

export interface MemberDraft {
  name: string;
  relation: string;
  idNumber: string;
  health: string;
  /** Monthly income in yuan, as typed. */
  income: string;
  schoolOrEmployer: string;
}

export interface HardshipDraft {
  members: MemberDraft[];
  housingType: string;
  housingArea: string;
  address: string;
  regionCode: string;
  mainCause: string;
  secondaryCauses: string[];
  migrantWorker: boolean | null;
  statement: string;
  aid: string[];
  /** Yearly, yuan as typed. */
  rigidExpenses: string;
  otherIncome: string;
  bankName: string;
  accountNumber: string;
}

export const emptyMember = (relation = ''): MemberDraft => ({ name: '', relation, idNumber: '', health: '', income: '', schoolOrEmployer: '' });

export const emptyDraft = (): HardshipDraft => ({
  members: [emptyMember('self')],
  housingType: '',
  housingArea: '',
  address: '',
  regionCode: '',
  mainCause: '',
  secondaryCauses: [],
  migrantWorker: null,
  statement: '',
  aid: [],
  rigidExpenses: '',
  otherIncome: '',
  bankName: '',
  accountNumber: '',
});

export const MAX_SECONDARY_CAUSES = 3;
export const MAX_MEMBERS = 20;
/** The contract takes at most 12 proof images in all. */
export const MAX_PROOFS = 12;

export type StepKey = 'household' | 'cause' | 'aid' | 'proofs' | 'consent';
export const STEPS: ReadonlyArray<{ key: StepKey; title: string }> = [
  { key: 'household', title: '家庭成员' },
  { key: 'cause', title: '住房与原因' },
  { key: 'aid', title: '帮扶与收款' },
  { key: 'proofs', title: '证明材料' },
  { key: 'consent', title: '授权提交' },
];

/** Which top-level fields of the form each step fills (an issue's path names its step). */
const STEP_FIELDS: Record<StepKey, readonly string[]> = {
  household: ['members'],
  cause: ['housing', 'regionCode', 'mainCause', 'secondaryCauses', 'migrantWorker', 'statement'],
  aid: ['aid', 'rigidExpensesFen', 'otherIncomeFen', 'payee'],
  proofs: ['proofs'],
  consent: [],
};

/** Messages keyed by field path as the form's ids name them: `members.0.idNumber`, `housing.address`, `payee.accountNumber`. */
export type DraftErrors = Record<string, string>;

const AMOUNT = '请填写金额（元），最多两位小数';
const pick = <T extends string>(value: string, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);

/**
 * The request's form from the draft and the uploaded proofs; fields not typed yet are left out
 * (undefined), so the contract's own messages say what is missing. Amounts that are not amounts
 * are reported here (`amountErrors`).
 */
export function buildForm(draft: HardshipDraft, proofs: Array<{ kind: ProofKind; key: string }>): { form: Record<string, unknown>; amountErrors: DraftErrors } {
  const amountErrors: DraftErrors = {};
  const fenOf = (text: string, path: string, required: boolean): number | undefined => {
    if (text.trim() === '') {
      if (required) amountErrors[path] = '请填写金额（元），没有填 0';
      return undefined;
    }
    const fen = yuanFen(text);
    if (fen === null) amountErrors[path] = AMOUNT;
    return fen ?? undefined;
  };
  const members = draft.members.map((m, i) => ({
    name: m.name,
    relation: pick(m.relation, RELATIONS),
    idNumber: m.idNumber.trim().toUpperCase(),
    health: pick(m.health, HEALTH_STATES),
    monthlyIncomeFen: fenOf(m.income, `members.${i}.monthlyIncomeFen`, true),
    schoolOrEmployer: m.schoolOrEmployer,
  }));
  const area = draft.housingArea.trim() === '' ? undefined : Number(draft.housingArea.trim());
  if (area !== undefined && Number.isNaN(area)) amountErrors['housing.areaM2'] = '建筑面积请填写数字（平方米）';
  const form = {
    members,
    housing: { type: pick(draft.housingType, HOUSING_TYPES), areaM2: area !== undefined && !Number.isNaN(area) ? area : undefined, address: draft.address },
    regionCode: draft.regionCode || undefined,
    mainCause: pick(draft.mainCause, HARDSHIP_CAUSES),
    secondaryCauses: draft.secondaryCauses.filter((c): c is HardshipCause => (HARDSHIP_CAUSES as readonly string[]).includes(c)),
    migrantWorker: draft.migrantWorker ?? undefined,
    statement: draft.statement,
    aid: draft.aid.filter((a) => (AID_KINDS as readonly string[]).includes(a)),
    rigidExpensesFen: fenOf(draft.rigidExpenses, 'rigidExpensesFen', true),
    otherIncomeFen: fenOf(draft.otherIncome, 'otherIncomeFen', true),
    payee: { bankName: draft.bankName, accountNumber: draft.accountNumber.replace(/\s+/g, '') },
    proofs,
  };
  return { form, amountErrors };
}

/** The contract's messages for the whole form, keyed by path (first message per path). */
export function formErrors(form: Record<string, unknown>): { ok: true; form: CaseForm } | { ok: false; errors: DraftErrors } {
  const result = caseFormSchema.safeParse(form);
  if (result.success) return { ok: true, form: result.data };
  const errors: DraftErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The messages of one step: the contract's for the fields it fills (ID numbers' check characters too), and the amounts typed. */
export function stepErrors(step: StepKey, draft: HardshipDraft, proofs: Array<{ kind: ProofKind; key: string }>): DraftErrors {
  const { form, amountErrors } = buildForm(draft, proofs);
  const checked = formErrors(form);
  const all: DraftErrors = { ...(checked.ok ? {} : checked.errors), ...amountErrors };
  if (step === 'proofs') {
    const missing = missingProofs(draft, proofs);
    if (missing.length > 0) all.proofs = `请上传：${missing.map((k) => PROOF_TITLES[k]).join('、')}`;
  }
  const fields = STEP_FIELDS[step];
  return Object.fromEntries(Object.entries(all).filter(([path]) => fields.includes(path.split('.')[0]!)));
}

const PROOF_TITLES: Record<ProofKind, string> = {
  income: '收入证明',
  'id-card': '身份证',
  hukou: '户口本',
  diagnosis: '诊断证明',
  'medical-bills': '医疗票据',
  'school-fees': '学费票据',
  admission: '录取通知书',
  'labour-contract': '劳动合同',
  other: '其他材料',
};

/** The proof kinds the causes need (the contract's requiredProofs) that have no uploaded image yet. */
export function missingProofs(draft: HardshipDraft, proofs: Array<{ kind: ProofKind }>): ProofKind[] {
  const main = pick(draft.mainCause, HARDSHIP_CAUSES);
  if (!main) return [];
  const needed = requiredProofs({
    mainCause: main,
    secondaryCauses: draft.secondaryCauses.filter((c): c is HardshipCause => (HARDSHIP_CAUSES as readonly string[]).includes(c)),
    migrantWorker: draft.migrantWorker === true,
  });
  return needed.filter((kind) => !proofs.some((p) => p.kind === kind));
}

/** The proof kinds the form offers: the required ones first, then ID card, 户口本 and other. */
export function offeredProofs(draft: HardshipDraft): ProofKind[] {
  const main = pick(draft.mainCause, HARDSHIP_CAUSES);
  const needed = main
    ? requiredProofs({
        mainCause: main,
        secondaryCauses: draft.secondaryCauses.filter((c): c is HardshipCause => (HARDSHIP_CAUSES as readonly string[]).includes(c)),
        migrantWorker: draft.migrantWorker === true,
      })
    : (['income'] as ProofKind[]);
  return [...needed, ...(['id-card', 'hukou', 'other'] as ProofKind[]).filter((k) => !needed.includes(k))];
}

/** A secondary cause toggled: never the main cause, never more than three. */
export function toggleSecondary(draft: HardshipDraft, cause: string): string[] {
  if (cause === draft.mainCause) return draft.secondaryCauses;
  if (draft.secondaryCauses.includes(cause)) return draft.secondaryCauses.filter((c) => c !== cause);
  if (draft.secondaryCauses.length >= MAX_SECONDARY_CAUSES) return draft.secondaryCauses;
  return [...draft.secondaryCauses, cause];
}

/** The draft as the server keeps it (POST /api/hardship/draft): the typed fields that parse, nothing checked. */
export function toServerDraft(draft: HardshipDraft): DraftRequest['form'] {
  const { form } = buildForm(draft, []);
  const out: Record<string, unknown> = {};
  const f = form as Record<string, unknown> & { members: Array<Record<string, unknown>>; housing: Record<string, unknown> };
  // Only members whose parts parse (the server refuses a draft whose shapes are wrong).
  const members = f.members.filter((m) => m.relation && m.health && typeof m.monthlyIncomeFen === 'number' && m.name && /^\d{17}[\dX]$/.test(String(m.idNumber)));
  if (members.length > 0) out.members = members;
  if (f.housing.type && typeof f.housing.areaM2 === 'number' && String(f.housing.address).trim() !== '') out.housing = f.housing;
  for (const key of ['regionCode', 'mainCause', 'migrantWorker', 'rigidExpensesFen', 'otherIncomeFen'] as const) if (f[key] !== undefined) out[key] = f[key];
  if ((f.secondaryCauses as unknown[]).length > 0) out.secondaryCauses = f.secondaryCauses;
  if ((f.aid as unknown[]).length > 0) out.aid = f.aid;
  if (String(f.statement).trim() !== '') out.statement = f.statement;
  return out as DraftRequest['form'];
}

const yuanText = (fen: unknown) => (typeof fen === 'number' ? (fen / 100).toFixed(2).replace(/\.00$/, '') : '');

/** A kept draft (server or phone) back into the form's strings; anything of another shape is dropped. */
export function fromServerDraft(stored: DraftRequest['form'] | null | undefined): HardshipDraft | null {
  if (!stored || typeof stored !== 'object') return null;
  const base = emptyDraft();
  const members = Array.isArray(stored.members)
    ? stored.members.slice(0, MAX_MEMBERS).map((m) => ({
        name: m.name ?? '',
        relation: m.relation ?? '',
        idNumber: m.idNumber ?? '',
        health: m.health ?? '',
        income: yuanText(m.monthlyIncomeFen),
        schoolOrEmployer: m.schoolOrEmployer ?? '',
      }))
    : base.members;
  return {
    ...base,
    members: members.length > 0 ? members : base.members,
    housingType: stored.housing?.type ?? '',
    housingArea: typeof stored.housing?.areaM2 === 'number' ? String(stored.housing.areaM2) : '',
    address: stored.housing?.address ?? '',
    regionCode: stored.regionCode ?? '',
    mainCause: stored.mainCause ?? '',
    secondaryCauses: stored.secondaryCauses ?? [],
    migrantWorker: typeof stored.migrantWorker === 'boolean' ? stored.migrantWorker : null,
    statement: stored.statement ?? '',
    aid: stored.aid ?? [],
    rigidExpenses: yuanText(stored.rigidExpensesFen),
    otherIncome: yuanText(stored.otherIncomeFen),
  };
}
