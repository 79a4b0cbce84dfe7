import { bindingRequest, type BindingRequest } from '../../../functions/membership/contracts/me';

/** The typed fields of the form; the consent is a tick and the phone comes from WeChat's verification. */
export type BindingField = 'name' | 'idNumber';
export type BindingValues = Record<BindingField, string>;
export type BindingErrors = Partial<Record<keyof BindingRequest | 'devPhone', string>>;

export const BINDING_FIELDS: readonly BindingField[] = ['name', 'idNumber'];
const ALL_FIELDS: readonly string[] = [...BINDING_FIELDS, 'consent', 'phoneCode'];

/** The shared schema's first message for one field, or undefined when the value is acceptable. */
export function validateField(field: BindingField, value: string): string | undefined {
  const result = bindingRequest.shape[field].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Check the whole form with the same schema the API uses; gives the normalised request or errors.
 * `phoneCode` is what WeChat's 手机号快速验证 gave (or the development stand-in); before the member
 * has verified their phone, pass a placeholder to check the typed fields alone.
 */
export function validateBinding(
  values: BindingValues,
  consent: boolean,
  phoneCode: string,
): { ok: true; request: BindingRequest } | { ok: false; errors: BindingErrors } {
  const result = bindingRequest.safeParse({ ...values, phoneCode, consent });
  if (result.success) return { ok: true, request: result.data };
  const errors: BindingErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && ALL_FIELDS.includes(field)) {
      const key = field as keyof BindingRequest;
      errors[key] ??= issue.message;
    }
  }
  return { ok: false, errors };
}

const DEV_PHONE = /^1[3-9]\d{9}$/;

/** The development stand-in for WeChat's phone verification (local and test stages only). */
export function devPhoneCode(phone: string): { code: string } | { error: string } {
  const trimmed = phone.trim();
  return DEV_PHONE.test(trimmed) ? { code: `dev-phone:${trimmed}` } : { error: '演示手机号应为11位大陆手机号' };
}
