import { useCallback, useState } from 'react';
import { useDidShow, useLoad } from '@tarojs/taro';
import type { ApplicationView } from '../../../functions/applications/contracts/applications';
import { getApplication } from '../../services/applications';
import { readSession } from '../../services/session';
import { gateOf, type Gate } from '../page-state';

export type ApplicationState = Gate | { kind: 'ready'; application: ApplicationView; now: number };

/**
 * The application of a page opened with `?id=` (the applicant's 办理进度, the officials' 申请审核):
 * read when the page loads and again each time it shows; `show` puts up what an action answered.
 */
export function useApplicationPage() {
  const [applicationId, setApplicationId] = useState('');
  const [state, setState] = useState<ApplicationState>({ kind: 'loading' });

  const load = useCallback(async (id: string) => {
    if (!id) return;
    if (!readSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const { application } = await getApplication(id);
      setState({ kind: 'ready', application, now: Date.now() });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useLoad((params: Record<string, string | undefined>) => {
    const id = decodeURIComponent(params.id ?? '');
    setApplicationId(id);
    void load(id);
  });
  useDidShow(() => void load(applicationId));

  const show = useCallback((application: ApplicationView) => setState({ kind: 'ready', application, now: Date.now() }), []);
  const reload = useCallback(() => load(applicationId), [load, applicationId]);

  return { applicationId, state, show, reload };
}
