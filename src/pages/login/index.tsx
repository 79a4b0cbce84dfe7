import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DEMO_NAME_PATTERN, goAfterLogin, loginAsDemo, loginWithWeChat } from '../../services/auth';
import { Page } from '../../components/page';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
/** The demo accounts (local stack only: config/index.ts fills it for TARO_APP_STAGE=local, else []). */
const DEMO_ACCOUNTS = JSON.parse(process.env.TARO_APP_DEMO_ACCOUNTS || '[]') as Array<{ name: string; label: string }>;

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '登录失败，请稍后再试';
}

export default function LoginPage() {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (attempt: () => ReturnType<typeof loginWithWeChat>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      goAfterLogin(await attempt());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const submitDemo = () => {
    const trimmed = name.trim();
    if (!DEMO_NAME_PATTERN.test(trimmed)) {
      setError('请输入演示账号名（字母、数字或短横线）');
      return;
    }
    void run(() => loginAsDemo(trimmed));
  };

  return (
    <Page id='login-page'>
      <View className='login-header'>
        <View className='login-header__title'>海南工会云 · 普惠</View>
        <Text className='login-header__subtitle'>登录后绑定会员身份，领取电子会员卡</Text>
      </View>

      {IS_WEAPP ? (
        <View className='panel'>
          <Text className='muted'>使用微信账号登录，我们不会获取您的聊天等隐私信息。</Text>
          <View className='login-actions'>
            <Button id='login-wechat' type='primary' block loading={busy} onClick={() => void run(loginWithWeChat)}>
              微信一键登录
            </Button>
          </View>
        </View>
      ) : (
        <View className='panel'>
          <View className='panel__title'>演示登录</View>
          <Text className='muted'>网页版没有微信登录。输入任意演示账号名即可登录，同名账号每次登录都是同一用户。</Text>
          <View className='login-field'>
            <Input
              id='login-name'
              className='login-field__input'
              placeholder='演示账号名，例如 zhang-san'
              maxlength={40}
              value={name}
              onInput={(e) => {
                setName(e.detail.value);
                setError('');
              }}
              onConfirm={submitDemo}
            />
          </View>
          <View className='login-actions'>
            <Button id='login-submit' type='primary' block loading={busy} onClick={submitDemo}>
              登录
            </Button>
          </View>
          {DEMO_ACCOUNTS.length > 0 ? (
            <View id='login-demo-accounts' className='login-demo'>
              <View className='login-demo__title'>本地演示账号（点一下即登录）</View>
              {DEMO_ACCOUNTS.map((a) => (
                <View key={a.name} id={`login-demo-${a.name}`} className='login-demo__item' role='button' onClick={() => void run(() => loginAsDemo(a.name))}>
                  <Text className='login-demo__name'>{a.name}</Text>
                  <Text className='login-demo__label'>{a.label}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      )}

      {error ? (
        <View id='login-error' className='login-error'>
          {error}
        </View>
      ) : null}
    </Page>
  );
}
