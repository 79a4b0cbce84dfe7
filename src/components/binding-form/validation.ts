import { bindingRequest, type BindingRequest } from '../../../functions/membership/contracts/me';

/** The typed fields of the form; the consent is a tick, kept apart. */
export type BindingField = Exclude<keyof BindingRequest, 'consent'>;
export type BindingValues = Record<BindingField, string>;
export type BindingErrors = Partial<Record<keyof BindingRequest, string>>;

export const BINDING_FIELDS: readonly BindingField[] = ['name', 'idNumber', 'phone'];
const ALL_FIELDS: readonly string[] = [...BINDING_FIELDS, 'consent'];

/** The shared schema's first message for one field, or undefined when the value is acceptable. */
export function validateField(field: BindingField, value: string): string | undefined {
  const result = bindingRequest.shape[field].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** Check the whole form with the same schema the API uses; gives the normalised request or errors. */
export function validateBinding(
  values: BindingValues,
  consent: boolean,
): { ok: true; request: BindingRequest } | { ok: false; errors: BindingErrors } {
  const result = bindingRequest.safeParse({ ...values, consent });
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
