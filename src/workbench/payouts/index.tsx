import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BATCH_STATUS_LABELS, type CampaignPayoutsResponse } from '../../../functions/applications/contracts/payouts';
import type { AdminCampaignView } from '../../../functions/applications/contracts/subsidy';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { formatDateTime, formatFen } from '../../components/benefit/format';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { confirmSheet, noticeSheet } from '../../components/confirm-sheet';
import { campaignPayouts, createPayoutBatch } from '../../services/payouts';
import { listAdminCampaigns } from '../../services/subsidy';
import '../workbench.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; campaigns: AdminCampaignView[]; chosen: string | null; payouts: CampaignPayoutsResponse | null };

/** Pending payouts listed on the page (the batch takes up to 500; the count says how many in all). */
const SHOWN = 20;

const openBatch = (id: string) => void Taro.navigateTo({ url: `/workbench/payout-batch/index?id=${encodeURIComponent(id)}` });

/**
 * 补贴发放: the approved campaigns of the official's subtree; for the one chosen, its payouts by state,
 * the next batch's (pending, with a card), those still waiting for the member's card, and its batches.
 * The paying federation's officers (its own officials, admins) make a batch for the bank here; the
 * batch page downloads its file, takes the bank's answer and its second person's confirmation.
 */
export default function PayoutsPage() {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const sequence = useRef(0);

  const load = useCallback(async (campaignId?: string | null) => {
    const mine = (sequence.current += 1);
    try {
      const { items } = await listAdminCampaigns();
      const campaigns = items.filter((c) => c.approval.status === 'approved');
      const chosen = campaignId ?? (router.params.campaignId || campaigns[0]?.id) ?? null;
      const payouts = chosen ? await campaignPayouts(chosen) : null;
      if (mine === sequence.current) setState({ kind: 'ready', campaigns, chosen, payouts });
    } catch (error) {
      if (mine === sequence.current) setState({ kind: 'error', message: messageOf(error) });
    }
  }, [router.params.campaignId]);

  useDidShow(() => void load(state.kind === 'ready' ? state.chosen : undefined));
  usePullDownRefresh(() => void load(state.kind === 'ready' ? state.chosen : undefined).finally(() => Taro.stopPullDownRefresh()));

  const create = async (payouts: CampaignPayoutsResponse) => {
    const total = payouts.pending.reduce((s, p) => s + p.amountFen, 0);
    const confirm = await confirmSheet({
      title: '生成发放批次',
      content: `将 ${payouts.pending.length} 笔待发放补贴（合计 ${formatFen(total)}）生成一个批次，之后下载银行代发文件提交银行。确定生成？`,
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const { batch } = await createPayoutBatch(payouts.campaign.id);
      openBatch(batch.id);
    } catch (error) {
      void noticeSheet('未能生成批次', messageOf(error, '生成失败，请稍后再试'));
      void load(payouts.campaign.id);
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='payouts-page'>
        <View id='payouts-status' className='list-status muted'>
          {state.kind === 'loading' ? '正在加载…' : state.message}
        </View>
        {state.kind === 'error' ? (
          <Button size='small' fill='outline' onClick={() => void load()}>
            重新加载
          </Button>
        ) : null}
      </Page>
    );
  }
  const { payouts } = state;
  return (
    <Page id='payouts-page'>
      <View className='panel'>
        <Text className='muted'>
          补贴由主办工会（发放单位）的工作人员分批发放：生成批次 → 下载银行代发文件提交银行 → 按银行回盘逐笔回填成功或失败 → 由另一名工作人员复核确认后，会员即可看到“已发放”或失败原因。
        </Text>
      </View>
      {state.campaigns.length > 1 ? (
        <ChipGroup id='payouts-campaigns'>
          {state.campaigns.map((c) => (
            <Chip key={c.id} id={`payouts-campaign-${c.id}`} active={c.id === state.chosen} onTap={() => void load(c.id)}>
              {c.title}
            </Chip>
          ))}
        </ChipGroup>
      ) : null}
      {payouts === null ? (
        <View id='payouts-empty' className='list-status muted'>
          暂无已生效的补贴活动
        </View>
      ) : (
        <>
          <View className='wb-card' id='payouts-summary'>
            <View className='wb-card__title'>{payouts.campaign.title}</View>
            <View className='wb-card__meta'>发放单位：{payouts.campaign.owner.name}</View>
            <View className='staff-figures' id='payouts-counts'>
              {(
                [
                  ['pending', '待发放', payouts.counts.pending],
                  ['batched', '发放中', payouts.counts.batched],
                  ['paid', '已发放', payouts.counts.paid],
                  ['failed', '发放失败', payouts.counts.failed],
                ] as const
              ).map(([key, label, n]) => (
                <View key={key} id={`payouts-count-${key}`}>
                  <Text className='staff-figure__value'>{n}</Text>
                  <Text className='staff-figure__label'>{label}</Text>
                </View>
              ))}
            </View>
            {payouts.counts.withoutAccount > 0 ? (
              <View id='payouts-without-account' className='wb-card__meta'>
                其中 {payouts.counts.withoutAccount} 笔会员尚未填写收款银行卡，填写后才能发放。
              </View>
            ) : null}
          </View>

          <View className='wb-card' id='payouts-pending'>
            <View className='wb-card__head'>
              <Text className='wb-card__title'>可发放（{payouts.pending.length} 笔）</Text>
              {payouts.canOperate && payouts.pending.length > 0 ? (
                <Button id='payouts-create' size='small' type='primary' loading={busy} disabled={busy} onClick={() => void create(payouts)}>
                  生成发放批次
                </Button>
              ) : null}
            </View>
            {!payouts.canOperate ? (
              <View id='payouts-readonly' className='wb-card__meta'>
                仅{payouts.campaign.owner.name}的工作人员可以生成批次和回填结果，您可以查看。
              </View>
            ) : null}
            {payouts.pending.slice(0, SHOWN).map((p) => (
              <View key={p.reference} className='wb-card__meta' data-reference={p.reference}>
                {p.reference}　{p.payeeName}　{p.bankName} 尾号{p.accountMasked?.slice(-4)}　{formatFen(p.amountFen)}
              </View>
            ))}
            {payouts.pending.length > SHOWN ? <View className='wb-card__meta'>…… 共 {payouts.pending.length} 笔</View> : null}
          </View>

          <View id='payouts-batches'>
            {payouts.batches.map((b) => (
              <View key={b.id} id={`batch-${b.id}`} className='wb-card' data-status={b.status} onClick={() => openBatch(b.id)}>
                <View className='wb-card__head'>
                  <Text className='wb-card__title'>批次 {b.number}</Text>
                  <Text className='wb-link'>{BATCH_STATUS_LABELS[b.status]} ›</Text>
                </View>
                <View className='wb-card__meta'>
                  {b.lineCount} 笔，合计 {formatFen(b.totalFen)}，{formatDateTime(b.createdAt)} 生成
                  {b.status === 'confirmed' ? `；成功 ${b.paidCount} 笔，失败 ${b.failedCount} 笔` : ''}
                </View>
              </View>
            ))}
          </View>
        </>
      )}
    </Page>
  );
}
