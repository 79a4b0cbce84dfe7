import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ApplicationDetail } from '../../components/application/detail';
import { GatePanel, messageOf } from '../../components/page-state';
import { RatingForm } from '../../components/application/rating';
import { useApplicationPage } from '../../components/application/use-application-page';
import { cancelApplication } from '../../services/applications';
import { Page } from '../../components/page';

type Notice = { tone: 'ok' | 'error'; text: string } | null;

/** The app's red on the confirm button of Taro.showModal. */
const CONFIRM_COLOR = '#c8161d';

const FORM_PAGES = { join: '/apply/join/index', transfer: '/apply/transfer/index', subsidy: '/apply/subsidy/index', hardship: '/hardship/apply/index' } as const;

/** 办理进度 (`?id=`): the applicant's view of one application, with 撤回 while it is pending and 评价 once it is closed. */
export default function ApplicationPage() {
  const { applicationId, state, show, reload } = useApplicationPage();
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));

  const withdraw = async () => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '撤回申请',
      content: '撤回后本申请不再办理；如有需要可以重新提交。确定撤回？',
      confirmColor: CONFIRM_COLOR,
    });
    if (!confirm) return;
    setBusy(true);
    setNotice(null);
    try {
      show((await cancelApplication(applicationId)).application);
      setNotice({ tone: 'ok', text: '已撤回' });
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error, '撤回失败，请稍后再试') });
      void reload();
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='application-page'>
        <GatePanel gate={state} id='application' onRetry={() => void reload()} loginHint='登录后查看办理进度。' />
      </Page>
    );
  }

  const { application } = state;
  const again = application.status === 'rejected' || application.status === 'cancelled';
  const actions = (
    <>
      {again || application.can.decide.length > 0 ? (
        <View className='app-actions'>
          {again ? (
            <Button id='application-again' type='primary' onClick={() => void Taro.navigateTo({ url: FORM_PAGES[application.kind] })}>
              重新申请
            </Button>
          ) : null}
          {application.can.decide.length > 0 ? (
            <Button
              id='application-review'
              type='primary'
              onClick={() => void Taro.navigateTo({ url: `/staff/application/index?id=${encodeURIComponent(application.id)}` })}
            >
              去审核
            </Button>
          ) : null}
        </View>
      ) : null}
      {/* 撤回 is there but not in the way: a quiet link under the case, confirmed before it is sent. */}
      {application.can.cancel ? (
        <View className='app-secondary-actions'>
          <View id='application-cancel' className='app-secondary-action' role='button' aria-disabled={busy} onClick={() => (busy ? undefined : void withdraw())}>
            撤回申请
          </View>
        </View>
      ) : null}
      {notice ? (
        <View id='application-notice' className={`app-message app-message--${notice.tone}`}>
          {notice.text}
        </View>
      ) : null}
    </>
  );

  return (
    <Page id='application-page'>
      <ApplicationDetail
        application={application}
        now={state.now}
        actions={actions}
        onChanged={(changed) => {
          show(changed);
          setNotice({ tone: 'ok', text: '已更新收款银行卡，将在下一批次发放' });
        }}
      >
        {application.can.rate ? (
          <RatingForm
            application={application}
            onRated={(rated) => {
              show(rated);
              setNotice({ tone: 'ok', text: '感谢您的评价' });
            }}
          />
        ) : null}
      </ApplicationDetail>
    </Page>
  );
}
