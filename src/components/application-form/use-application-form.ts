import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { CreateApplicationRequest } from '../../../functions/applications/contracts/applications';
import { createApplication } from '../../services/applications';
import { askSubscription } from '../../services/subscribe';
import { formFieldErrors, refusalOf } from './field';
import { visibleErrors, withoutField, type Checked, type FieldErrors } from './validation';

/**
 * What the 入会 and 转会 forms share: the fields the member has been through, the API's per-field
 * messages, and filing. Nothing is sent while the form is invalid; once filed, the application's
 * page replaces the form; a refusal is shown in the API's words, next to its fields.
 */
export function useApplicationForm<F extends string>(fields: readonly F[]) {
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);

  /** The messages to show for a check of the current values. */
  const errorsOf = (checked: Checked<unknown, F>): FieldErrors<F> => ({
    ...visibleErrors(checked.ok ? {} : checked.errors, touched),
    ...serverErrors,
  });

  const touch = (field: F) => setTouched((prev) => ({ ...prev, [field]: true }));

  /** The member changed a field: what the API said about it no longer applies. */
  const changed = (field: F) => {
    setServerErrors((prev) => withoutField(prev, field));
    setFormError('');
  };

  const submit = async <R>(checked: Checked<R, F>, toRequest: (form: R) => CreateApplicationRequest) => {
    if (submitting) return;
    setTouched(fields.reduce<Partial<Record<F, boolean>>>((all, field) => ({ ...all, [field]: true }), {}));
    setServerErrors({});
    if (!checked.ok) {
      setFormError('请按提示修改标红的内容');
      return;
    }
    setFormError('');
    setSubmitting(true);
    // 办理进度 by WeChat message: asked on the submit tap, before filing (never blocks it).
    await askSubscription('filed');
    try {
      const { application } = await createApplication(toRequest(checked.request));
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: `/apply/application/index?id=${encodeURIComponent(application.id)}` });
    } catch (error) {
      const refusal = refusalOf(error);
      setFormError(refusal.message);
      setServerErrors(formFieldErrors(refusal.fields, fields));
    } finally {
      setSubmitting(false);
    }
  };

  return { errorsOf, touch, changed, submit, formError, submitting };
}
