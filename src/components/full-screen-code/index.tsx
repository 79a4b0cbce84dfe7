import { useEffect, useRef, type ReactNode } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MemberQr } from '../member-qr';
import { raiseBrightness, type BrightnessLease } from './brightness';
import { groupShortCode, qrLabel } from './format';
import './index.scss';

export interface FullScreenCodeProps {
  /** 会员码, 券码: said above the code and in its text alternative. */
  kind: string;
  /** What the code is for (the benefit's title, the member's name and union). */
  title: string;
  subtitle?: string;
  /** What the QR carries; null while the first one is loading (or none can be made: `placeholder`). */
  qr: string | null;
  /** Said in the QR's place while `qr` is null; 正在生成… by default. */
  placeholder?: string;
  /** The short numeric code the clerk may type instead of scanning; null when there is none. */
  code: string | null;
  /** A line under the code (how long it is valid, that it refreshes). */
  hint?: ReactNode;
  /** A problem to show in place of the hint (refresh failed, redeemed meanwhile); tapping it retries. */
  message?: string;
  onRetry?: () => void;
  onClose: () => void;
  /** Extra content below (a merchant's address, a copy link in the H5 demo). */
  children?: ReactNode;
  id?: string;
}

/**
 * The counter moment: a code shown full screen, white on the whole screen, at full brightness in
 * WeChat (the member's level restored when it closes or the page hides), with the short numeric
 * code beneath in large digits. One component for the membership card and coupons.
 */
export function FullScreenCode({ kind, title, subtitle, qr, placeholder, code, hint, message, onRetry, onClose, children, id = 'full-screen-code' }: FullScreenCodeProps) {
  const lease = useRef<BrightnessLease | null>(null);

  useEffect(() => {
    lease.current = raiseBrightness();
    return () => lease.current?.release();
  }, []);
  useDidHide(() => {
    lease.current?.release();
    lease.current = null;
  });
  useDidShow(() => {
    lease.current ??= raiseBrightness();
  });

  return (
    <View id={id} className='full-code' data-code={code ?? ''}>
      <View className='full-code__bar'>
        <Text className='full-code__kind'>{kind}</Text>
        <View id={`${id}-close`} className='full-code__close' role='button' aria-label='关闭' onClick={onClose}>
          关闭
        </View>
      </View>
      <View className='full-code__title'>{title}</View>
      {subtitle ? <View className='full-code__subtitle'>{subtitle}</View> : null}
      <View className='full-code__qr' role='img' aria-label={qrLabel(kind, code)}>
        {qr ? <MemberQr id={`${id}-qr`} payload={qr} sizePx={280} /> : <View id={`${id}-placeholder`} className='full-code__loading'>{placeholder ?? `正在生成${kind}…`}</View>}
      </View>
      {code ? (
        <View className='full-code__digits-box'>
          <View className='full-code__digits-label'>扫不出时，请核销员输入数字码</View>
          <Text id={`${id}-digits`} className='full-code__digits' userSelect>
            {groupShortCode(code)}
          </Text>
        </View>
      ) : null}
      {message ? (
        <View id={`${id}-message`} className='full-code__message' onClick={onRetry}>
          {message}
        </View>
      ) : hint ? (
        <View className='full-code__hint'>{hint}</View>
      ) : null}
      {children}
    </View>
  );
}

export default FullScreenCode;
