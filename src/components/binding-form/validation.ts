import { bindingRequest, type BindingRequest } from '../../../functions/contracts/me';

export type BindingField = keyof BindingRequest;
export type BindingValues = Record<BindingField, string>;
export type BindingErrors = Partial<Record<BindingField, string>>;

export const BINDING_FIELDS: readonly BindingField[] = ['name', 'idNumber', 'phone'];

/** The shared schema's first message for one field, or undefined when the value is acceptable. */
export function validateField(field: BindingField, value: string): string | undefined {
  const result = bindingRequest.shape[field].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** Check the whole form with the same schema the API uses; gives the normalised request or errors. */
export function validateBinding(
  values: BindingValues,
): { ok: true; request: BindingRequest } | { ok: false; errors: BindingErrors } {
  const result = bindingRequest.safeParse(values);
  if (result.success) return { ok: true, request: result.data };
  const errors: BindingErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (BINDING_FIELDS as readonly string[]).includes(field)) {
      const key = field as BindingField;
      errors[key] ??= issue.message;
    }
  }
  return { ok: false, errors };
}
