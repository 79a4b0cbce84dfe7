import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { BenefitDetailResponse, Coupon } from '../../../functions/benefits/contracts/benefits';
import { BadgeTag, priceLabel } from '../../components/benefit/card';
import { formatDateTime, formatFen, formatShortDateTime } from '../../components/benefit/format';
import { BENEFIT_CATEGORY_LABELS, claimAction, claimBadge, isRetryable, newRequestId } from '../../components/benefit/model';
import { MerchantContacts } from '../../components/merchant-contacts';
import { PayPrompt } from '../../components/order/pay-prompt';
import { claimBenefit, getBenefit } from '../../services/benefits';
import { ApiError } from '../../services/request';
import { readSession } from '../../services/session';
import { askSubscription, canSubscribe } from '../../services/subscribe';
import './index.scss';

type DetailState =
  | { kind: 'loading' }
  | { kind: 'anonymous' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; detail: BenefitDetailResponse };

/** What the last tap on the claim button led to. */
type Outcome = { kind: 'claimed'; coupon: Coupon } | { kind: 'refused'; message: string; retry: boolean };

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '加载失败，请稍后再试';
}

export default function BenefitDetailPage() {
  const [benefitId, setBenefitId] = useState('');
  const [state, setState] = useState<DetailState>({ kind: 'loading' });
  const [claiming, setClaiming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [now, setNow] = useState(() => Date.now());
  /** The requestId of a claim whose answer is still unknown: a retry sends it again. */
  const pendingRequest = useRef<string | null>(null);
  const visible = useRef(false);

  useLoad((params: Record<string, string | undefined>) => {
    setBenefitId(decodeURIComponent(params.id ?? ''));
  });

  const load = useCallback(async (id: string) => {
    if (!id) return;
    // A visitor reads the benefit too (the API answers them as an unbound account); claiming needs a log-in.
    try {
      const detail = await getBenefit(id);
      setNow(Date.now());
      setState({ kind: 'ready', detail });
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) {
        setState({ kind: 'anonymous' });
        return;
      }
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useDidShow(() => {
    visible.current = true;
    void load(benefitId);
  });
  useDidHide(() => {
    visible.current = false;
  });
  useEffect(() => {
    void load(benefitId);
  }, [benefitId, load]);

  const action = state.kind === 'ready' ? claimAction(state.detail, now) : null;

  // Tick once a second while counting down; when the window opens, ask the API again.
  const countingDown = action?.kind === 'countdown';
  useEffect(() => {
    if (!countingDown) return undefined;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (state.kind === 'ready' && Date.parse(state.detail.benefit.claimStartsAt) <= at && visible.current) {
        clearInterval(timer);
        void load(benefitId);
      }
    }, 1_000);
    return () => clearInterval(timer);
  }, [countingDown, state, benefitId, load]);

  const claim = async () => {
    if (claiming || state.kind !== 'ready') return;
    pendingRequest.current ??= newRequestId();
    setClaiming(true);
    setOutcome(null);
    try {
      const { coupon } = await claimBenefit(benefitId, { requestId: pendingRequest.current });
      pendingRequest.current = null;
      setOutcome({ kind: 'claimed', coupon });
      void Taro.showToast({ title: coupon.payBy ? '名额已保留' : '领取成功', icon: 'success' });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('NETWORK_ERROR', messageOf(error), 0);
      const retry = isRetryable(apiError);
      if (!retry) pendingRequest.current = null;
      setOutcome({
        kind: 'refused',
        retry,
        message: apiError.code === 'BUSY' || apiError.code === 'THROTTLED' ? `${apiError.message}（请再点一次“重试领取”）` : apiError.message,
      });
      if (apiError.isUnauthenticated) return;
    } finally {
      setClaiming(false);
    }
    // Remaining stock, held count and eligibility changed either way.
    void load(benefitId);
  };

  /** 我的券, with the coupon just claimed opened at its QR. */
  const goCoupons = () =>
    void Taro.navigateTo({
      url: outcome?.kind === 'claimed' ? `/pages/coupons/index?open=${encodeURIComponent(outcome.coupon.id)}` : '/pages/coupons/index',
    });

  if (state.kind === 'loading') {
    return (
      <View id='benefit-page' className='page'>
        <View className='panel muted'>正在加载…</View>
      </View>
    );
  }
  if (state.kind === 'anonymous') {
    return (
      <View id='benefit-page' className='page'>
        <View className='panel'>
          <View className='panel__title'>请先登录</View>
          <Text className='muted'>登录并完成会员实名绑定后即可领取。</Text>
          <View className='detail-actions'>
            <Button id='benefit-login' type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
              登录
            </Button>
          </View>
        </View>
      </View>
    );
  }
  if (state.kind === 'error') {
    return (
      <View id='benefit-page' className='page'>
        <View className='panel'>
          <View id='benefit-error' className='detail-error'>
            {state.message}
          </View>
          <Button id='benefit-retry' type='primary' block onClick={() => void load(benefitId)}>
            重新加载
          </Button>
        </View>
      </View>
    );
  }

  const { benefit, me } = state.detail;
  const retrying = outcome?.kind === 'refused' && outcome.retry;
  const buttonLabel = claiming ? '正在领取…' : retrying ? '重试领取' : action!.label;
  const canTap = action!.kind === 'claim' || retrying;

  return (
    <View id='benefit-page' className='page detail-page'>
      <View className='detail-hero'>
        <View className='detail-hero__top'>
          <Text className='detail-hero__category'>{BENEFIT_CATEGORY_LABELS[benefit.category]}</Text>
          <BadgeTag badge={claimBadge(benefit, me.held, now)} />
        </View>
        <View id='benefit-title' className='detail-hero__title'>
          {benefit.title}
        </View>
        <View className='detail-hero__value'>
          <Text id='benefit-face-value' className='detail-hero__amount'>
            {formatFen(benefit.faceValueFen)}
          </Text>
          <Text className='detail-hero__price'>面值 · {priceLabel(benefit.priceFen)}</Text>
        </View>
        <View className='detail-hero__stock'>
          <Text id='benefit-remaining'>剩余 {benefit.remaining} 份</Text>
          <Text>每人限领 {benefit.perMemberLimit} 张</Text>
        </View>
      </View>

      <View className='panel'>
        <View className='detail-row'>
          <Text className='detail-row__label'>领取时间</Text>
          <Text id='benefit-claim-window' className='detail-row__value'>
            {formatShortDateTime(benefit.claimStartsAt, now)} – {formatShortDateTime(benefit.claimEndsAt, now)}
          </Text>
        </View>
        <View className='detail-row'>
          <Text className='detail-row__label'>使用截止</Text>
          <Text className='detail-row__value'>{formatShortDateTime(benefit.useEndsAt, now)}</Text>
        </View>
        <View className='detail-row'>
          <Text className='detail-row__label'>适用商户</Text>
          <View id='benefit-merchants' className='detail-row__value'>
            {benefit.merchants.map((m) => (
              <View key={m.id}>{m.name}</View>
            ))}
          </View>
        </View>
        <View className='detail-row'>
          <Text className='detail-row__label'>发放单位</Text>
          <Text className='detail-row__value'>{benefit.org.name}</Text>
        </View>
        {me.held > 0 ? (
          <View className='detail-row'>
            <Text className='detail-row__label'>我已领取</Text>
            <Text id='benefit-held' className='detail-row__value'>
              {me.held} 张
            </Text>
          </View>
        ) : null}
      </View>

      {benefit.merchants.some((m) => m.contact) ? (
        <View className='panel'>
          <MerchantContacts id='benefit-merchant-contacts' merchants={benefit.merchants} />
        </View>
      ) : null}

      <View className='panel'>
        <View className='panel__title'>权益说明</View>
        <Text id='benefit-description' className='detail-description'>
          {benefit.description}
        </Text>
        <View className='muted detail-rules'>凭“我的券”中的券码到适用商户核销；券仅限本人使用，不可转让、不可兑换现金。</View>
      </View>

      <View className='detail-bar'>
        {outcome?.kind === 'refused' ? (
          <View id='claim-message' className='detail-bar__message detail-bar__message--refused'>
            {outcome.message}
          </View>
        ) : null}
        {outcome?.kind === 'claimed' && outcome.coupon.payBy ? (
          // A priced benefit's claim is a place to pay for by its deadline (functions/payments).
          <PayPrompt couponId={outcome.coupon.id} />
        ) : outcome?.kind === 'claimed' ? (
          <View id='claim-message' className='detail-bar__message detail-bar__message--claimed'>
            领取成功！券已放入“我的券”，请在 {formatDateTime(outcome.coupon.useEndsAt)} 前到商户核销。
          </View>
        ) : null}
        {outcome?.kind === 'claimed' && canSubscribe('claimed') ? (
          <View id='claim-subscribe' className='detail-bar__link' onClick={() => void askSubscription('claimed')}>
            开启使用和开抢提醒 ›
          </View>
        ) : null}
        {me.reason === 'NOT_BOUND' && !readSession() ? (
          <View id='claim-login' className='detail-bar__link' onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
            登录并绑定会员身份后领取 ›
          </View>
        ) : me.reason === 'NOT_BOUND' ? (
          <View id='claim-bind' className='detail-bar__link' onClick={() => void Taro.navigateTo({ url: '/pages/binding/index' })}>
            去绑定会员身份 ›
          </View>
        ) : null}
        <View className='detail-bar__buttons'>
          {me.held > 0 || outcome?.kind === 'claimed' ? (
            <Button id='claim-coupons' className='detail-bar__secondary' fill='outline' onClick={goCoupons}>
              我的券
            </Button>
          ) : null}
          {state.detail.draw ? (
            // Given out by a draw (答题抽奖 / 报名抽签): its quiz and its public page instead of a claim.
            <>
              <Button id='draw-page-button' className='detail-bar__secondary' fill='outline' onClick={() => void Taro.navigateTo({ url: `/draws/draw/index?id=${encodeURIComponent(state.detail.draw!.id)}` })}>
                抽签公示
              </Button>
              {state.detail.draw.quiz ? (
                <Button id='draw-quiz-button' className='detail-bar__primary' type='primary' block onClick={() => void Taro.navigateTo({ url: `/draws/quiz/index?drawId=${encodeURIComponent(state.detail.draw!.id)}` })}>
                  答题抽奖
                </Button>
              ) : null}
            </>
          ) : (
          <Button
            id='claim-button'
            className='detail-bar__primary'
            type='primary'
            block
            disabled={!canTap || claiming}
            loading={claiming}
            data-kind={action!.kind}
            onClick={() => void claim()}
          >
            {buttonLabel}
          </Button>
          )}
        </View>
      </View>
    </View>
  );
}
