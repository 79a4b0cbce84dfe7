import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import './index.scss';

export default function HomePage() {
  return (
    <View id='home-page' className='page'>
      <View className='home-banner'>
        <View className='home-banner__title'>海南工会云 · 普惠</View>
        <Text className='home-banner__subtitle'>职工之家，会员身边的服务</Text>
      </View>
      <View className='panel'>
        <View className='panel__title'>电子会员卡</View>
        <Text className='muted'>完成实名绑定后，即可出示电子会员卡，在合作商户享受会员优惠。</Text>
        <View className='home-actions'>
          <Button id='home-open-card' type='primary' block onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            查看我的会员卡
          </Button>
        </View>
      </View>
      <View className='panel'>
        <View className='panel__title'>即将上线</View>
        <Text className='muted'>工会新闻、惠工活动报名、职工服务站导航等功能正在建设中，敬请期待。</Text>
      </View>
    </View>
  );
}
