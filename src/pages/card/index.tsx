import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import type { CardResponse } from '../../../functions/membership/contracts/me';
import { FullScreenCode } from '../../components/full-screen-code';
import { Page } from '../../components/page';
import { getCard } from '../../services/api';
import { ApiError } from '../../services/request';
import { groupCardNumber, refreshDelay } from '../../utils/format';

const RETRY_MS = 5_000;

/** Back where the member came from; opened directly (a shared link, H5 reload), 首页. */
function close() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: '/pages/home/index' });
}

/**
 * 出示会员码: the membership card's QR full screen (FullScreenCode: full brightness in WeChat),
 * refreshed before each payload expires, for as long as the page is shown.
 */
export default function CardPage() {
  const [card, setCard] = useState<CardResponse | null>(null);
  const [message, setMessage] = useState('');
  const visible = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = () => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  };

  const refresh = useCallback(async () => {
    stop();
    try {
      const next = await getCard();
      setCard(next);
      setMessage('');
      if (visible.current) timer.current = setTimeout(() => void refresh(), refreshDelay(next.qr.expiresAt, Date.now()));
    } catch (error) {
      // Not logged in, not bound, left the union: the API's own words, and no retry loop.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        setCard(null);
        setMessage(error.message);
        return;
      }
      setMessage('会员码刷新失败，点击重试');
      if (visible.current) timer.current = setTimeout(() => void refresh(), RETRY_MS);
    }
  }, []);

  useDidShow(() => {
    visible.current = true;
    void refresh();
  });
  useDidHide(() => {
    visible.current = false;
    stop();
  });
  useEffect(() => () => stop(), []);

  return (
    <Page id='card-page'>
      <FullScreenCode
        id='card-code'
        kind='会员码'
        title={card?.memberName ?? '电子会员卡'}
        subtitle={card ? `${card.unionName} · ${groupCardNumber(card.number)}` : undefined}
        qr={card?.qr.payload ?? null}
        code={null}
        hint='向商户出示会员码核验身份 · 每分钟自动更新'
        message={message || undefined}
        onRetry={() => void refresh()}
        onClose={close}
      />
    </Page>
  );
}
