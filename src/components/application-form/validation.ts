import {
  JOIN_ID_CONSENT_VERSION,
  joinFormSchema,
  transferFormSchema,
  type JoinForm,
  type TransferForm,
} from '../../../functions/applications/contracts/applications';

/**
 * The 入会 and 转会 forms as the member fills them, checked with the contract's own schemas (the
 * API applies the same ones): a field shows its message once it was left (or the form sent), and
 * every message is the contract's.
 */

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
export type Checked<R, F extends string> = { ok: true; request: R } | { ok: false; errors: FieldErrors<F> };

/** The first message of each field named by `fields`, from a zod result's issues. */
function errorsOf<F extends string>(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, fields: readonly F[]): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (fields as readonly string[]).includes(field)) errors[field as F] ??= issue.message;
  }
  return errors;
}

/** The errors without one field's (e.g. the API's message for a field the member has since changed). */
export function withoutField<F extends string>(errors: FieldErrors<F>, field: F): FieldErrors<F> {
  const rest = { ...errors };
  delete rest[field];
  return rest;
}

/** Only the errors of the fields the member has been through: the rest stay quiet until they submit. */
export function visibleErrors<F extends string>(errors: FieldErrors<F>, touched: Partial<Record<F, boolean>>): FieldErrors<F> {
  const shown: FieldErrors<F> = {};
  for (const field of Object.keys(errors) as F[]) if (touched[field]) shown[field] = errors[field];
  return shown;
}

// ---------------------------------------------------------------------------------------------
// 会员关系转接

export type TransferField = keyof TransferForm;
export const TRANSFER_FIELDS: readonly TransferField[] = ['toOrgId', 'reason'];
export type TransferValues = Record<TransferField, string>;

/**
 * The transfer form → the request. `currentOrgId` is the member's own union: the API refuses a
 * transfer to it, and so does the form, with the API's words.
 */
export function validateTransfer(values: TransferValues, currentOrgId: string | null): Checked<TransferForm, TransferField> {
  const result = transferFormSchema.safeParse(values);
  const errors = result.success ? {} : errorsOf(result.error.issues, TRANSFER_FIELDS);
  if (currentOrgId !== null && values.toOrgId === currentOrgId) errors.toOrgId ??= '您已是该工会的会员，请选择其他工会';
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: result.data };
}

// ---------------------------------------------------------------------------------------------
// 入会申请

export type JoinField = keyof JoinForm;
export const JOIN_FIELDS: readonly JoinField[] = [
  'name',
  'sex',
  'birthDate',
  'ethnicity',
  'employmentStatus',
  'idNumber',
  'education',
  'skillLevel',
  'phoneCode',
  'householdRegistration',
  'residence',
  'politicalStatus',
  'workUnit',
  'targetOrgId',
  'migrantWorker',
  'idConsentVersion',
];

/** The join form as typed and tapped: text as typed, '' (or null) for a choice not made yet. */
export type JoinValues = { [K in JoinField]: JoinForm[K] extends boolean ? boolean | null : JoinForm[K] extends string ? JoinForm[K] | '' : never };

export function emptyJoinForm(): JoinValues {
  return {
    name: '',
    sex: '',
    birthDate: '',
    ethnicity: '',
    employmentStatus: '',
    idNumber: '',
    education: '',
    skillLevel: '',
    phoneCode: '',
    householdRegistration: '',
    residence: '',
    politicalStatus: '',
    workUnit: '',
    targetOrgId: '',
    migrantWorker: null,
    idConsentVersion: '',
  };
}

/** Stands in for the fields still missing or wrong when the ID-number cross-checks run early. */
const COMPLETE_SAMPLE: Omit<JoinForm, 'idNumber' | 'sex' | 'birthDate'> = {
  name: '张三',
  ethnicity: '汉族',
  employmentStatus: 'employed',
  education: 'college',
  skillLevel: 'none',
  phoneCode: 'phone-code-sample',
  householdRegistration: '海南省海口市',
  residence: '海南省海口市',
  politicalStatus: 'masses',
  workUnit: '海口某单位',
  targetOrgId: 'org-sample',
  migrantWorker: false,
  idConsentVersion: JOIN_ID_CONSENT_VERSION,
};

/**
 * The join form → the request, or each field's first message. The contract checks sex and birth
 * date against the ID number only on an otherwise valid form; so that the member hears of a mismatch
 * as soon as those three are filled in, they are also checked on their own (the rest stood in by a
 * complete sample), with the contract's own rules and words.
 */
export function validateJoin(values: JoinValues): Checked<JoinForm, JoinField> {
  // A choice not made is sent as absent: the contract then names what to choose.
  const draft: Record<string, unknown> = {};
  for (const field of JOIN_FIELDS) if (values[field] !== '' && values[field] !== null) draft[field] = values[field];
  const result = joinFormSchema.safeParse(draft);
  if (result.success) return { ok: true, request: result.data };
  const errors = errorsOf(result.error.issues, JOIN_FIELDS);
  const identity = ['idNumber', 'sex', 'birthDate'] as const;
  if (identity.every((field) => field in draft && !errors[field])) {
    const crossChecked = joinFormSchema.safeParse({ ...COMPLETE_SAMPLE, idNumber: draft.idNumber, sex: draft.sex, birthDate: draft.birthDate });
    if (!crossChecked.success) Object.assign(errors, errorsOf(crossChecked.error.issues, identity));
  }
  return { ok: false, errors };
}

/**
 * What an 18-character ID number says about its holder: the birth date (characters 7–14) and the
 * sex (the 17th digit, odd for men). Null until it has the shape of one.
 */
export function impliedByIdNumber(idNumber: string): { birthDate: string; sex: 'male' | 'female' } | null {
  const id = idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
