import Taro, { useLoad } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { closeMyAccount } from '../../services/privacy-rights';
import { readSession } from '../../services/session';
import { AccountClosingForm } from './closing-form';
import { Page } from '../../components/page';

/** 「注销账号」: once closed, the session is gone and the app starts over on 首页. */
export default function AccountClosingPage() {
  useLoad(() => {
    if (!readSession()) void Taro.redirectTo({ url: '/pages/login/index' });
  });

  const close = async () => {
    await closeMyAccount();
    await Taro.reLaunch({ url: '/pages/home/index' }).catch(() => undefined);
    void Taro.showToast({ title: '账号已注销', icon: 'success', duration: 2000 });
  };

  return (
    <Page id='account-closing-page'>
      <AccountClosingForm close={close} />
    </Page>
  );
}
