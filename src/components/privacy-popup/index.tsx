import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_AGREE_BUTTON_ID, privacyDocumentUrl, registerPrivacyPresenter } from '../../services/privacy';
import './index.scss';

/**
 * WeChat's privacy popup (用户隐私保护指引): shown when WeChat holds a privacy API or component
 * (picking a photo, 获取手机号) until the user agrees. 同意 is WeChat's own
 * `openType='agreePrivacyAuthorization'` button, which records the agreement; the 隐私政策 opens in
 * the reader. Renders nothing until needed, and never in H5 (no gate there).
 */
export function PrivacyPopup() {
  const [open, setOpen] = useState(false);
  const decide = useRef<((agreed: boolean) => void) | null>(null);

  useEffect(() => {
    const unregister = registerPrivacyPresenter((next) => {
      // A second request while one is shown: the first is refused, the popup answers the latest.
      decide.current?.(false);
      decide.current = next;
      setOpen(true);
    });
    return () => {
      unregister();
      decide.current?.(false);
      decide.current = null;
    };
  }, []);

  const answer = (agreed: boolean) => {
    const pending = decide.current;
    decide.current = null;
    setOpen(false);
    pending?.(agreed);
  };

  if (!open) return null;
  return (
    <View id='privacy-popup' className='privacy-popup'>
      <View className='privacy-popup__dialog'>
        <View className='privacy-popup__title'>隐私保护提示</View>
        <View className='privacy-popup__text'>
          <Text>在您上传证明图片、验证手机号之前，请阅读并同意</Text>
          <Text
            id='privacy-popup-policy'
            className='privacy-popup__link'
            onClick={() => void Taro.navigateTo({ url: privacyDocumentUrl('privacy-policy') })}
          >
            《隐私政策》
          </Text>
          <Text>。小程序只在您点击使用这些功能时处理相应信息；不同意不影响您使用其他功能。</Text>
        </View>
        <View className='privacy-popup__actions'>
          <Button id='privacy-disagree' className='privacy-popup__button' onClick={() => answer(false)}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='privacy-popup__button privacy-popup__button--agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answer(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}

export default PrivacyPopup;
