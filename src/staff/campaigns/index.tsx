import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../components/page';
import { confirmSheet, noticeSheet } from '../../components/confirm-sheet';
import '../../components/benefit/index.scss';
import { Button } from '@nutui/nutui-react-taro';
import { CAMPAIGN_STATE_LABELS, type AdminCampaignView, type SubsidyRulesView } from '../../../functions/applications/contracts/subsidy';
import { formatFen } from '../../components/benefit/format';
import { messageOf } from '../../components/page-state';
import { approveCampaign, getSubsidyRules, listAdminCampaigns } from '../../services/subsidy';
import '../staff.scss';
import './index.scss';

type ListState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: AdminCampaignView[]; rules: SubsidyRulesView };


/** 省总工会规定的补贴标准 as one line: the allowed tier amounts and the most one payout may be. */
export function rulesLine(rules: Pick<SubsidyRulesView, 'tierAmountsFen' | 'maxPayoutFen'>): string {
  return `补贴标准（省总工会规定）：每档只能为 ${rules.tierAmountsFen.map(formatFen).join('、')}，单笔最高 ${formatFen(rules.maxPayoutFen)}`;
}

/**
 * 补贴活动: the campaigns of the official's subtree with their state and places used. Money needs two
 * people: a campaign created below the province (and the province's own) waits 待上级审批 until an
 * official of the level above — never its creator — approves it here; only then may members apply.
 */
export default function StaffCampaignsPage() {
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const sequence = useRef(0);

  const load = useCallback(async () => {
    const mine = (sequence.current += 1);
    setList({ kind: 'loading' });
    try {
      const [{ items }, { rules }] = await Promise.all([listAdminCampaigns(), getSubsidyRules()]);
      if (mine === sequence.current) setList({ kind: 'ready', items, rules });
    } catch (error) {
      if (mine === sequence.current) setList({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const approve = async (campaign: AdminCampaignView) => {
    const tiers = campaign.tiers.map((t) => `票价 ${formatFen(t.minFareFen)} 起补贴 ${formatFen(t.amountFen)}`).join('；');
    const confirmed = await confirmSheet({
      title: '审批通过',
      content: `审批通过后「${campaign.title}」即可受理会员申请（${campaign.places} 个名额；${tiers}）。请核对补贴金额和名额后确认。`,
    });
    if (!confirmed) return;
    setBusy(campaign.id);
    try {
      const { campaign: approved } = await approveCampaign(campaign.id);
      setList((current) => (current.kind === 'ready' ? { ...current, items: current.items.map((c) => (c.id === approved.id ? approved : c)) } : current));
      void Taro.showToast({ title: '已审批通过', icon: 'success' });
    } catch (error) {
      // The API's Chinese words: CAMPAIGN_SELF_APPROVAL, CAMPAIGN_NOT_PENDING, SUBSIDY_TIER_NOT_ALLOWED …
      void noticeSheet('未能审批', messageOf(error, '审批失败，请稍后再试'));
      void load();
    } finally {
      setBusy(null);
    }
  };

  const pending = list.kind === 'ready' ? list.items.filter((c) => c.approval.status === 'pending_approval').length : 0;

  return (
    <Page id='staff-campaigns-page'>
      <View className='panel'>
        <Text className='muted'>
          补贴资金须经两人把关：下级工会创建的补贴活动须经上级工会工作人员审批后才能受理申请（省总工会创建的由省总工会另一名工作人员或平台管理员审批），创建人不能审批自己的活动；同一申请的两个审核环节须由不同的人办理。
        </Text>
        {list.kind === 'ready' ? (
          <View id='campaign-rules' className='campaign-rules'>
            {rulesLine(list.rules)}
          </View>
        ) : null}
      </View>

      {list.kind === 'ready' && pending > 0 ? (
        <View id='campaign-summary' className='campaign-summary'>
          {pending} 个活动待上级审批
        </View>
      ) : null}

      {list.kind === 'ready' ? (
        <View id='campaign-list'>
          {list.items.map((campaign) => (
            <View key={campaign.id} id={`campaign-${campaign.id}`} className='staff-card' data-state={campaign.state}>
              <View className='staff-card__head'>
                <Text className='staff-card__title'>{campaign.title}</Text>
                <Text className={`campaign-state campaign-state--${campaign.state}`}>{CAMPAIGN_STATE_LABELS[campaign.state]}</Text>
              </View>
              <View className='staff-card__meta'>
                主办：{campaign.owner.name}　补贴：{campaign.tiers.map((t) => formatFen(t.amountFen)).join(' / ')}
              </View>
              <View className='staff-card__figures'>
                <Text>名额 {campaign.places}</Text>
                <Text>已用 {campaign.figures.used}</Text>
                <Text>已发放 {formatFen(campaign.figures.payoutAmountFen)}</Text>
              </View>
              {campaign.approval.canApprove ? (
                <View className='campaign-actions'>
                  <Button
                    id={`campaign-approve-${campaign.id}`}
                    size='small'
                    type='primary'
                    loading={busy === campaign.id}
                    disabled={busy !== null}
                    onClick={() => void approve(campaign)}
                  >
                    审批通过
                  </Button>
                </View>
              ) : campaign.approval.status === 'pending_approval' ? (
                <View className='staff-card__meta'>等待上级工会审批（创建人不能审批本人创建的活动）</View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {list.kind === 'error' ? (
        <View className='list-error'>
          <View id='campaign-error'>{list.message}</View>
          <Button size='small' fill='outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {list.kind === 'loading' ? <View className='list-status muted'>正在加载…</View> : null}
      {list.kind === 'ready' && list.items.length === 0 ? (
        <View id='campaign-empty' className='list-status muted'>
          本级及下级工会暂无补贴活动
        </View>
      ) : null}
    </Page>
  );
}
