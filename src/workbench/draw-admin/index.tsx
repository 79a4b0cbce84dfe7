import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AdminDrawResponse } from '../../../functions/draws/contracts/draws';
import { formatDateTime } from '../../components/benefit/format';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { confirmSheet } from '../../components/confirm-sheet';
import { getBenefit } from '../../services/benefits';
import { closeDraw, confirmSeed, getAdminDraw, proposeSeed } from '../../services/draw-admin';
import '../workbench.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; answer: AdminDrawResponse };
const STATUS_WORDS = { open: '报名中', closed: '已封存，待开奖', drawn: '已开奖' } as const;

/** What the page asks of this official now. */
export function drawStep(answer: AdminDrawResponse): 'close' | 'propose' | 'wait' | 'confirm' | 'done' | 'instant' {
  const { draw, seedProposed } = answer;
  if (draw.kind !== 'scheduled') return 'instant';
  if (draw.status === 'open') return 'close';
  if (draw.status === 'drawn') return 'done';
  if (!seedProposed) return 'propose';
  return seedProposed.byMe ? 'wait' : 'confirm';
}

/**
 * 抽签开奖 (`?id=` a draw, or `?benefitId=`): a scheduled draw's operation — 封存报名名单 after the
 * entry window (the tickets sorted and hashed, the hash in the audit trail), the published lottery
 * result of the named draw typed by one official, typed again by a second (never the first), and
 * then the result by the published rule, each winner's place reserved.
 */
export default function DrawAdminPage() {
  const { params } = useRouter();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [seed, setSeed] = useState('');
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      let drawId = params.id ?? '';
      if (!drawId && params.benefitId) {
        const { draw } = await getBenefit(params.benefitId);
        if (!draw) {
          setState({ kind: 'error', message: '该权益不是抽签发放的' });
          return;
        }
        drawId = draw.id;
      }
      setState({ kind: 'ready', answer: await getAdminDraw(drawId) });
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e) });
    }
  }, [params.id, params.benefitId]);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const act = async (work: () => Promise<AdminDrawResponse>, done: string, failure: string) => {
    setBusy(true);
    setNotice(null);
    try {
      setState({ kind: 'ready', answer: await work() });
      setSeed('');
      setNotice({ tone: 'ok', text: done });
    } catch (e) {
      setNotice({ tone: 'error', text: messageOf(e, failure) });
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='draw-admin-page'>
        <View id='draw-admin-status' className='list-status muted'>
          {state.kind === 'loading' ? '正在加载…' : state.message}
        </View>
      </Page>
    );
  }
  const { answer } = state;
  const { draw } = answer;
  const step = drawStep(answer);

  const close = async () => {
    if (await confirmSheet({ title: '封存报名名单', content: '封存后不再接受报名，名单和校验值将公示并写入操作记录。确定封存？' })) await act(() => closeDraw(draw.id), '名单已封存，请录入开奖号码', '封存失败，请稍后再试');
  };
  const enter = () => {
    if (seed.trim() === '') {
      setNotice({ tone: 'error', text: '请填写开奖号码' });
      return;
    }
    if (step === 'propose') void act(() => proposeSeed(draw.id, seed), '已录入，请另一名工作人员复核输入', '录入失败，请稍后再试');
    else void act(() => confirmSeed(draw.id, seed), '复核一致，已按公示规则开奖', '复核失败，请核对后重试');
  };

  return (
    <Page id='draw-admin-page'>
      <View className='wb-card' id='draw-admin-summary' data-status={draw.status} data-step={step}>
        <View className='wb-card__head'>
          <Text className='wb-card__title'>{draw.kind === 'scheduled' ? '报名后统一抽签' : '答题即抽'}</Text>
          <Text id='draw-admin-state' className='wb-link'>
            {STATUS_WORDS[draw.status]}
          </Text>
        </View>
        <View className='wb-card__meta'>
          名额：
          {Object.entries(draw.places)
            .map(([pool, n]) => `${pool === '*' ? '其他地区' : `地区${pool}`} ${n} 个`)
            .join('，')}
        </View>
        {draw.ticketsHash ? (
          <View id='draw-admin-hash' className='wb-card__meta'>
            已封存 {draw.page?.tickets ?? draw.tickets.length} 个签号，校验值 {draw.ticketsHash}
          </View>
        ) : null}
        {draw.seedSource ? (
          <View id='draw-admin-source' className='wb-card__meta'>
            开奖号码来源：{draw.seedSource}
          </View>
        ) : null}
        {notice ? (
          <View id='draw-admin-notice' className={`app-message app-message--${notice.tone}`}>
            {notice.text}
          </View>
        ) : null}
      </View>

      {step === 'instant' ? <View className='wb-card__meta'>答题即抽由每日公布的密钥决定结果，无需封存和录入开奖号码。</View> : null}
      {step === 'close' ? (
        <Button id='draw-admin-close' type='primary' block disabled={busy} onClick={() => void close()}>
          封存报名名单
        </Button>
      ) : null}
      {step === 'wait' ? (
        <View id='draw-admin-wait' className='wb-card__meta'>
          开奖号码已由您于 {formatDateTime(answer.seedProposed!.at)} 录入，须由另一名工作人员再次输入复核后才能开奖。
        </View>
      ) : null}
      {step === 'propose' || step === 'confirm' ? (
        <View className='wb-card' id='draw-admin-seed'>
          <View className='wb-card__title'>{step === 'propose' ? '录入开奖号码' : '复核开奖号码'}</View>
          <View className='wb-card__meta'>
            {step === 'propose'
              ? '请按官方公告原样输入上述开奖号码，录入后由另一名工作人员复核。'
              : '另一名工作人员已录入开奖号码。请您对照官方公告独立输入一遍，一致后即按公示规则开奖。'}
          </View>
          <Input id='draw-admin-seed-input' className='app-form__input' maxlength={200} placeholder='如 05 11 17 22 28 30 + 12' value={seed} onInput={(e) => setSeed(e.detail?.value ?? '')} />
          <Button id='draw-admin-seed-submit' type='primary' block loading={busy} disabled={busy} onClick={enter}>
            {step === 'propose' ? '录入' : '复核并开奖'}
          </Button>
        </View>
      ) : null}
      {step === 'done' ? (
        <View className='wb-card' id='draw-admin-result'>
          <View className='wb-card__meta'>开奖号码：{draw.seed}</View>
          <View className='wb-card__meta'>
            中签 {draw.page?.winners ?? draw.winners.length} 个，候补 {draw.page?.waitlist ?? draw.waitlist.length} 个；中签者的名额已预留。
          </View>
          <Button id='draw-admin-public' size='small' fill='outline' onClick={() => void Taro.navigateTo({ url: `/draws/draw/index?id=${encodeURIComponent(draw.id)}` })}>
            查看抽签公示
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
