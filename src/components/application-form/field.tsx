import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

/** A labelled field of an application form, with its message under it once there is one. */
export function FormField({ label, field, error, hint, children }: { label: string; field: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View id={`field-${field}`} className={`app-form__field${error ? ' app-form__field--error' : ''}`}>
      <Text className='app-form__label'>{label}</Text>
      <View className='app-form__control'>{children}</View>
      {hint ? <Text className='app-form__hint'>{hint}</Text> : null}
      {error ? (
        <Text id={`field-${field}-error`} className='app-form__error' data-field={field}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

/** What a refused submission tells a form: the API's Chinese message and its per-field messages. */
export interface Refusal {
  message: string;
  fields: Record<string, string>;
}

export function refusalOf(error: unknown, fallback = '提交失败，请稍后再试'): Refusal {
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    const { message, fields } = error as { message: string; fields?: Record<string, string> };
    return { message: message || fallback, fields: fields ?? {} };
  }
  return { message: fallback, fields: {} };
}

/**
 * The API's per-field messages for the fields a form has: the body's paths name them as
 * `form.reason` (contract) or `reason` (a rule of the use case).
 */
export function formFieldErrors<F extends string>(fields: Record<string, string>, known: readonly F[]): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = path.replace(/^form\./, '').split('.')[0] as F;
    if (known.includes(field)) errors[field] ??= message;
  }
  return errors;
}
