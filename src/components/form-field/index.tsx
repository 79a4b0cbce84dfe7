import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface FormFieldProps {
  label: string;
  /** The field's name: ids `field-<field>` and `field-<field>-error` unless given. */
  field: string;
  error?: string;
  hint?: string;
  id?: string;
  errorId?: string;
  children: ReactNode;
}

/** A labelled form field, its hint, and its message under it once there is one. */
export function FormField({ label, field, error, hint, id, errorId, children }: FormFieldProps) {
  return (
    <View id={id ?? `field-${field}`} className={`form-field${error ? ' form-field--error' : ''}`}>
      <Text className='form-field__label'>{label}</Text>
      <View className='form-field__control'>{children}</View>
      {hint ? <Text className='form-field__hint'>{hint}</Text> : null}
      {error ? (
        <Text id={errorId ?? `field-${field}-error`} className='form-field__error field-error' data-field={field}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

export default FormField;
