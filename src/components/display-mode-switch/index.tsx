import { Text, View } from '@tarojs/components';
import { Switch } from '@nutui/nutui-react-taro';
import { saveDisplayMode } from '../../services/display-mode';
import { useDisplayMode } from '../page';
import './index.scss';

/**
 * 长辈版 on 我的 (MIIT 适老化): larger text and buttons everywhere, no motion and no pop-up
 * promotions; remembered on the device. The whole row is the control (a 44 px target and more), and
 * its label says the state, so a screen reader reads 「长辈版，已开启」.
 */
export function DisplayModeSwitch() {
  const elder = useDisplayMode() === 'elder';
  const toggle = () => saveDisplayMode(elder ? 'standard' : 'elder');
  return (
    <View
      id='display-mode'
      className='panel display-mode'
      role='switch'
      aria-checked={elder}
      aria-label={`长辈版，${elder ? '已开启' : '已关闭'}`}
      data-mode={elder ? 'elder' : 'standard'}
      onClick={toggle}
    >
      <View className='display-mode__text'>
        <View className='display-mode__title'>长辈版</View>
        <Text className='display-mode__detail'>字更大、按钮更大，不弹出推广信息</Text>
      </View>
      <Switch id='display-mode-switch' className='display-mode__switch' checked={elder} />
    </View>
  );
}

export default DisplayModeSwitch;
