import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import type { CardResponse } from '../../../functions/membership/contracts/me';
import { formatShortDateTime } from '../../components/benefit/format';
import { FullScreenCode } from '../../components/full-screen-code';
import { Page } from '../../components/page';
import { getCard } from '../../services/api';
import { clearCachedCard, readCachedCard, saveCachedCard, type CachedCard } from '../../services/card-cache';
import { ApiError } from '../../services/request';
import { groupCardNumber, refreshDelay } from '../../utils/format';

const RETRY_MS = 5_000;

/** Back where the member came from; opened directly (a shared link, H5 reload), 首页. */
function close() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: '/pages/home/index' });
}

/**
 * 出示会员码: the membership card full screen (FullScreenCode: full brightness in WeChat) — a QR of
 * its 10-digit short code with the digits beneath for the clerk to type — refreshed before each
 * expires, for as long as the page is shown. Offline, the card last shown (name, number, union) with
 * the time it was refreshed, and no code: a code needs the server to be checked.
 */
export default function CardPage() {
  const [card, setCard] = useState<CardResponse | null>(null);
  const [offline, setOffline] = useState<CachedCard | null>(null);
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
      saveCachedCard(next);
      setCard(next);
      setOffline(null);
      setMessage('');
      if (visible.current) timer.current = setTimeout(() => void refresh(), refreshDelay(next.qr.expiresAt, Date.now()));
    } catch (error) {
      // Not logged in, not bound, left the union: the API's own words, no card kept, and no retry loop.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        clearCachedCard();
        setCard(null);
        setOffline(null);
        setMessage(error.message);
        return;
      }
      const cached = error instanceof ApiError && error.code === 'NETWORK_ERROR' ? readCachedCard() : null;
      if (cached) {
        setCard(null);
        setOffline(cached);
        setMessage(`当前离线，显示的是 ${formatShortDateTime(cached.refreshedAt)} 更新的会员卡，点击重试`);
      } else {
        setMessage('会员码刷新失败，点击重试');
      }
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

  const shown = card ?? offline;
  return (
    <Page id='card-page'>
      <FullScreenCode
        id='card-code'
        kind='会员码'
        title={shown?.memberName ?? '电子会员卡'}
        subtitle={shown ? `${shown.unionName} · ${groupCardNumber(shown.number)}` : undefined}
        qr={card?.qr.code ?? null}
        placeholder={offline ? '离线时无法生成会员码，联网后自动刷新' : undefined}
        code={card?.qr.code ?? null}
        hint='向商户出示会员码核验身份 · 每分钟自动更新'
        message={message || undefined}
        onRetry={() => void refresh()}
        onClose={close}
      />
    </Page>
  );
}
