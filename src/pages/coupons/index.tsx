import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
// Before NutUI: the QR's styles come ahead of NutUI's icon styles in the shared chunk, as on 我的.
import { FullScreenCode } from '../../components/full-screen-code';
import { Button } from '@nutui/nutui-react-taro';
import type { Coupon, CouponQrResponse, CouponStatus } from '../../../functions/benefits/contracts/benefits';
import { formatDateTime, formatFen } from '../../components/benefit/format';
import { BENEFIT_CATEGORY_LABELS, COUPON_TABS } from '../../components/benefit/model';
import { TabRow } from '../../components/benefit/tab-row';
import { MerchantContacts } from '../../components/merchant-contacts';
import { getCouponQr, listMyCoupons } from '../../services/benefits';
import { ApiError } from '../../services/request';
import { readSession } from '../../services/session';
import { refreshDelay } from '../../utils/format';
import { Page } from '../../components/page';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';
const RETRY_MS = 5_000;

type ListState =
  | { kind: 'loading' }
  | { kind: 'anonymous' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: Coupon[] };

/** The QR of the one coupon being shown, refreshed before each payload expires. */
type QrState = { coupon: Coupon; qr: CouponQrResponse | null; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '加载失败，请稍后再试';
}

function CouponDates({ coupon }: { coupon: Coupon }) {
  if (coupon.status === 'used' && coupon.usedAt) {
    return <Text className='coupon-card__date'>核销于 {formatDateTime(coupon.usedAt)}</Text>;
  }
  if (coupon.status === 'expired') {
    return <Text className='coupon-card__date'>已于 {formatDateTime(coupon.useEndsAt)} 过期</Text>;
  }
  return <Text className='coupon-card__date'>有效期至 {formatDateTime(coupon.useEndsAt)}</Text>;
}

export default function CouponsPage() {
  const [tab, setTab] = useState<CouponStatus>('unused');
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [shown, setShown] = useState<QrState | null>(null);
  const openOnLoad = useRef<string | null>(null);
  const visible = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sequence = useRef(0);

  const stopTimer = () => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  };

  useLoad((params: Record<string, string | undefined>) => {
    openOnLoad.current = params.open ? decodeURIComponent(params.open) : null;
  });

  const load = useCallback(async (status: CouponStatus) => {
    if (!readSession()) {
      setList({ kind: 'anonymous' });
      return;
    }
    const mine = (sequence.current += 1);
    setList((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    try {
      const { items } = await listMyCoupons({ status });
      if (mine !== sequence.current) return;
      setList({ kind: 'ready', items });
    } catch (error) {
      if (mine !== sequence.current) return;
      if (error instanceof ApiError && error.isUnauthenticated) setList({ kind: 'anonymous' });
      else setList({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  /** Fetch a fresh payload for the coupon shown, and schedule the next one before it expires. */
  const refreshQr = useCallback(
    async (couponId: string) => {
      stopTimer();
      try {
        const qr = await getCouponQr(couponId);
        setShown((prev) => (prev?.coupon.id === couponId ? { ...prev, qr, message: '' } : prev));
        if (visible.current) {
          timer.current = setTimeout(() => void refreshQr(couponId), refreshDelay(qr.expiresAt, Date.now()));
        }
      } catch (error) {
        const apiError = error instanceof ApiError ? error : null;
        if (apiError?.code === 'COUPON_ALREADY_REDEEMED' || apiError?.code === 'COUPON_EXPIRED') {
          // Redeemed at the counter (or run out) meanwhile: the list moves it to its tab.
          setShown((prev) => (prev?.coupon.id === couponId ? { ...prev, qr: null, message: apiError.message } : prev));
          void load('unused');
          return;
        }
        if (apiError?.isUnauthenticated) return;
        setShown((prev) => (prev?.coupon.id === couponId ? { ...prev, message: '券码刷新失败，点击重试' } : prev));
        if (visible.current) timer.current = setTimeout(() => void refreshQr(couponId), RETRY_MS);
      }
    },
    [load],
  );

  const closeQr = () => {
    stopTimer();
    setShown(null);
  };

  const showQr = (coupon: Coupon) => {
    setShown({ coupon, qr: null, message: '' });
    void refreshQr(coupon.id);
  };

  useDidShow(() => {
    visible.current = true;
    void load(tab);
    if (shown) void refreshQr(shown.coupon.id);
  });
  useDidHide(() => {
    visible.current = false;
    stopTimer();
  });
  useEffect(() => () => stopTimer(), []);

  usePullDownRefresh(() => {
    void load(tab).finally(() => Taro.stopPullDownRefresh());
  });

  // Opened from a claim (`?open=<couponId>`): show that coupon's code straight away.
  useEffect(() => {
    const id = openOnLoad.current;
    if (!id || list.kind !== 'ready') return;
    openOnLoad.current = null;
    const coupon = list.items.find((c) => c.id === id && c.status === 'unused');
    if (coupon) showQr(coupon);
  }, [list]);

  const changeTab = (next: CouponStatus) => {
    if (next === tab) return;
    stopTimer();
    setShown(null);
    setTab(next);
    setList({ kind: 'loading' });
    void load(next);
  };

  const shownCoupon = shown?.coupon ?? null;

  const copyPayload = (payload: string) =>
    void Taro.setClipboardData({ data: payload }).catch(() => Taro.showToast({ title: '复制失败', icon: 'none' }));

  return (
    <Page id='coupons-page'>
      <TabRow id='coupon-tabs' value={tab} tabs={COUPON_TABS} onChange={changeTab} spread />

      {list.kind === 'loading' ? <View className='list-status muted'>正在加载…</View> : null}

      {list.kind === 'anonymous' ? (
        <View className='panel'>
          <View className='panel__title'>请先登录</View>
          <Button id='coupons-login' type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
            登录
          </Button>
        </View>
      ) : null}

      {list.kind === 'error' ? (
        <View className='list-error'>
          <View id='coupons-error'>{list.message}</View>
          <Button id='coupons-retry' size='small' fill='outline' onClick={() => void load(tab)}>
            重新加载
          </Button>
        </View>
      ) : null}

      {list.kind === 'ready' && list.items.length === 0 ? (
        <View id='coupons-empty' className='list-status muted'>
          {tab === 'unused' ? '还没有可用的券，去“普惠”领取吧' : tab === 'used' ? '还没有核销过的券' : '没有过期的券'}
        </View>
      ) : null}

      {list.kind === 'ready'
        ? list.items.map((coupon) => {
            return (
              <View
                key={coupon.id}
                id={`coupon-${coupon.id}`}
                className={`coupon-card coupon-card--${coupon.status}`}
                data-id={coupon.id}
                data-status={coupon.status}
              >
                <View className='coupon-card__main'>
                  <View className='coupon-card__value'>
                    <Text className='coupon-card__amount'>{formatFen(coupon.faceValueFen)}</Text>
                    <Text className='coupon-card__category'>{BENEFIT_CATEGORY_LABELS[coupon.category]}</Text>
                  </View>
                  <View className='coupon-card__body'>
                    <View className='coupon-card__title'>{coupon.benefitTitle}</View>
                    <View className='coupon-card__merchants'>{coupon.merchants.map((m) => m.name).join('、')}</View>
                    <CouponDates coupon={coupon} />
                  </View>
                </View>
                {coupon.status === 'unused' ? (
                  <View className='coupon-card__actions'>
                    <Button
                      id={`coupon-show-${coupon.id}`}
                      className='coupon-card__show'
                      size='small'
                      type='primary'
                      onClick={() => showQr(coupon)}
                    >
                      出示券码
                    </Button>
                  </View>
                ) : null}
              </View>
            );
          })
        : null}

      {shownCoupon && shown ? (
        <FullScreenCode
          id='coupon-code'
          kind='券码'
          title={shownCoupon.benefitTitle}
          subtitle={`${formatFen(shownCoupon.faceValueFen)} · 有效期至 ${formatDateTime(shownCoupon.useEndsAt)}`}
          qr={shown.qr?.code ?? null}
          code={shown.qr?.code ?? null}
          hint='请向商户核销员出示 · 每分钟自动更新'
          message={shown.message}
          onRetry={() => void refreshQr(shownCoupon.id)}
          onClose={closeQr}
        >
          <View id='coupon-qr-panel' data-payload={shown.qr?.payload ?? ''} data-code={shown.qr?.code ?? ''}>
            <MerchantContacts id='coupon-merchants' merchants={shownCoupon.merchants} />
            {IS_H5 && shown.qr ? (
              <View id='coupon-copy' className='coupon-qr__copy' onClick={() => copyPayload(shown.qr!.code)}>
                复制数字码（网页版演示：粘贴到核销页）
              </View>
            ) : null}
          </View>
        </FullScreenCode>
      ) : null}
    </Page>
  );
}
