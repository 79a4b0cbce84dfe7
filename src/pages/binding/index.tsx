import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { BindingRequest } from '../../../functions/membership/contracts/me';
import { BindingForm } from '../../components/binding-form';
import { bindMember } from '../../services/api';
import { readSession } from '../../services/session';
import { Page } from '../../components/page';
import './index.scss';

export default function BindingPage() {
  useLoad(() => {
    if (!readSession()) void Taro.redirectTo({ url: '/pages/login/index' });
  });

  const submit = async (request: BindingRequest) => {
    const me = await bindMember(request);
    if (me.member) {
      void Taro.showToast({ title: '绑定成功', icon: 'success', duration: 1200 });
      void Taro.switchTab({ url: '/pages/me/index' });
    }
  };

  return (
    <Page id='binding-page'>
      <View className='binding-intro'>
        <View className='binding-intro__title'>会员实名绑定</View>
        <Text className='muted'>
          请填写姓名和身份证号，并通过微信验证您在工会登记的手机号，核验通过后即可领取电子会员卡。信息仅用于会员身份核验。
        </Text>
      </View>
      <BindingForm onSubmit={submit} />
    </Page>
  );
}
