import { useCallback, useState } from 'react';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { stockRequest, type AdminBenefit, type BenefitAction } from '../../../functions/benefits/contracts/benefits';
import { formatDateTime, formatFen } from '../../components/benefit/format';
import {
  ACTION_LABELS,
  ACTIONS_BY_STATUS,
  BENEFIT_CATEGORY_LABELS,
  BENEFIT_STATUS_LABELS,
  STATUS_TONES,
  regionLabel,
  regionRows,
} from '../../components/benefit/model';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { adjustBenefitStock, approveBenefit, changeBenefitStatus, getAdminBenefit } from '../../services/benefits';
import { InfoRow as Row } from '../info-row';
import { Page } from '../../components/page';
import { DrawAdminLink } from '../../components/draw-admin-link';
import { REFUND_POLICY_WORDS } from '../../../functions/payments/contracts/refund-policy';
import { StatusTag } from '../../components/status-tag';
import { confirmSheet } from '../../components/confirm-sheet';
import '../staff.scss';

type PageState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; benefit: AdminBenefit };
type Notice = { tone: 'ok' | 'error'; text: string } | null;

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '操作失败，请稍后再试';
}

function Figure({ id, value, label }: { id: string; value: number; label: string }) {
  return (
    <View className='staff-figure'>
      <Text id={id} className='staff-figure__value'>
        {value}
      </Text>
      <Text className='staff-figure__label'>{label}</Text>
    </View>
  );
}

/** The figures a benefit's approval concerns, in Chinese. */
const FIGURE_LABELS: Record<AdminBenefit['approval']['above'][number], string> = { faceValueFen: '面值', priceFen: '价格', stock: '库存' };

/** Where the benefit stands with its owner's limits (发放额度): shown when above them. */
function ApprovalPanel({ benefit, busy, onApprove }: { benefit: AdminBenefit; busy: boolean; onApprove: () => void }) {
  const { approval } = benefit;
  if (approval.status === 'within') return null;
  const above = approval.above.map((k) => FIGURE_LABELS[k]).join('、');
  return (
    <View id='staff-approval' className='panel' data-approval={approval.status}>
      <View className='panel__title'>上级审批</View>
      {approval.status === 'pending_approval' ? (
        <Text id='staff-approval-text' className='staff-message staff-message--error'>
          待上级审批：本权益的{above}超出本级工会的发放额度，须由上级工会干部审批后才能发布（创建人不能自己审批）。
        </Text>
      ) : (
        <Text id='staff-approval-text' className='staff-message'>
          已获上级审批{approval.approvedByOrg ? `（${approval.approvedByOrg.name}）` : '（平台管理员）'}
          {approval.approvedAt ? `，${formatDateTime(approval.approvedAt)}` : ''}；{above}在审批的范围内可以发布。
        </Text>
      )}
      {approval.canApprove ? (
        <Button id='staff-approval-approve' size='small' type='primary' disabled={busy} onClick={onApprove}>
          审批通过
        </Button>
      ) : null}
    </View>
  );
}

/** One benefit for its officials: live figures (by region), status actions, stock changes. */
export default function StaffBenefitPage() {
  const [benefitId, setBenefitId] = useState('');
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [stockText, setStockText] = useState('');
  const [stockRegion, setStockRegion] = useState('');

  const load = useCallback(async (id: string) => {
    if (!id) return;
    try {
      const { benefit } = await getAdminBenefit(id);
      setState({ kind: 'ready', benefit });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useLoad((params: Record<string, string | undefined>) => {
    const id = decodeURIComponent(params.id ?? '');
    setBenefitId(id);
    void load(id);
  });
  useDidShow(() => void load(benefitId));

  const act = async (action: BenefitAction) => {
    if (busy) return;
    const confirm = await confirmSheet({
      title: ACTION_LABELS[action].label,
      content: ACTION_LABELS[action].confirm,
    });
    if (!confirm) return;
    setBusy(true);
    setNotice(null);
    try {
      const { benefit } = await changeBenefitStatus(benefitId, { action });
      setState({ kind: 'ready', benefit });
      setNotice({ tone: 'ok', text: `已${ACTION_LABELS[action].label}` });
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    if (busy) return;
    const confirm = await confirmSheet({
      title: '审批通过',
      content: '审批后，本权益可按当前的面值、价格和库存发布。确定审批通过？',
    });
    if (!confirm) return;
    setBusy(true);
    setNotice(null);
    try {
      const { benefit } = await approveBenefit(benefitId);
      setState({ kind: 'ready', benefit });
      setNotice({ tone: 'ok', text: '已审批通过，创建人可以发布了' });
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const changeStock = async () => {
    if (busy) return;
    const parsed = stockRequest.safeParse({
      add: /^\s*[+-]?\d{1,9}\s*$/.test(stockText) ? Number(stockText) : Number.NaN,
      ...(stockRegion && { regionCode: stockRegion }),
    });
    if (!parsed.success) {
      setNotice({ tone: 'error', text: /^\s*[+-]?\d+\s*$/.test(stockText) ? parsed.error.issues[0]!.message : '请填写要增加（正数）或减少（负数）的数量' });
      return;
    }
    const { add } = parsed.data;
    const confirm = await confirmSheet({
      title: '调整库存',
      content: `${stockRegion ? `${regionLabel(stockRegion)}名额` : '库存'}${add > 0 ? '增加' : '减少'} ${Math.abs(add)}。确定调整？`,
    });
    if (!confirm) return;
    setBusy(true);
    setNotice(null);
    try {
      const { benefit } = await adjustBenefitStock(benefitId, parsed.data);
      setState({ kind: 'ready', benefit });
      setStockText('');
      setNotice({ tone: 'ok', text: `库存已调整为 ${benefit.figures.stock}` });
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='staff-benefit-page'>
        {state.kind === 'loading' ? <View className='panel muted'>正在加载…</View> : null}
        {state.kind === 'error' ? (
          <View className='panel'>
            <View id='staff-benefit-error' className='staff-message staff-message--error'>
              {state.message}
            </View>
            <Button block onClick={() => void load(benefitId)}>
              重新加载
            </Button>
          </View>
        ) : null}
      </Page>
    );
  }

  const { benefit } = state;
  const { figures } = benefit;
  const regions = regionRows(benefit);
  const actions = ACTIONS_BY_STATUS[benefit.status];

  return (
    <Page id='staff-benefit-page'>
      <View className='panel'>
        <View className='staff-card__head'>
          <Text id='staff-benefit-title' className='panel__title'>
            {benefit.title}
          </Text>
          <View id='staff-benefit-status' data-status={benefit.status}>
            <StatusTag className='staff-status' tone={STATUS_TONES[benefit.status]}>
              {BENEFIT_STATUS_LABELS[benefit.status]}
            </StatusTag>
          </View>
        </View>
        <View id='staff-figures' className='staff-figures'>
          <Figure id='figure-stock' value={figures.stock} label='库存' />
          <Figure id='figure-claimed' value={figures.claimed} label='已领取' />
          <Figure id='figure-redeemed' value={figures.redeemed} label='已核销' />
          <Figure id='figure-remaining' value={figures.remaining} label='剩余' />
        </View>
      </View>

      <DrawAdminLink benefitId={benefit.id} draft={benefit.status === 'draft'} />

      {regions.length > 0 ? (
        <View id='staff-regions' className='panel'>
          <View className='panel__title'>地区名额</View>
          <View className='staff-table__row staff-table__row--head'>
            <Text className='staff-table__cell staff-table__cell--name'>地区</Text>
            <Text className='staff-table__cell'>名额</Text>
            <Text className='staff-table__cell'>已领</Text>
            <Text className='staff-table__cell'>剩余</Text>
          </View>
          {regions.map((row) => (
            <View key={row.code} className='staff-table__row' data-region={row.code}>
              <Text className='staff-table__cell staff-table__cell--name'>{regionLabel(row.code)}</Text>
              <Text className='staff-table__cell'>{row.quota}</Text>
              <Text className='staff-table__cell'>{row.claimed}</Text>
              <Text className='staff-table__cell'>{row.quota - row.claimed}</Text>
            </View>
          ))}
          <View className='staff-table__row' data-region='other'>
            <Text className='staff-table__cell staff-table__cell--name'>其他地区</Text>
            {figures.otherRegions ? (
              <>
                <Text className='staff-table__cell'>{figures.otherRegions.quota}</Text>
                <Text className='staff-table__cell'>{figures.otherRegions.claimed}</Text>
                <Text className='staff-table__cell'>{figures.otherRegions.quota - figures.otherRegions.claimed}</Text>
              </>
            ) : (
              <Text className='staff-table__cell'>不可领取</Text>
            )}
          </View>
        </View>
      ) : null}

      <ApprovalPanel benefit={benefit} busy={busy} onApprove={() => void approve()} />

      <View className='panel'>
        <View className='panel__title'>操作</View>
        <View id='staff-actions' className='staff-actions'>
          {benefit.status === 'draft' ? (
            <Button
              id='staff-action-edit'
              size='small'
              fill='outline'
              onClick={() => void Taro.navigateTo({ url: `/staff/benefit-edit/index?id=${encodeURIComponent(benefit.id)}` })}
            >
              编辑
            </Button>
          ) : null}
          {actions.map((action) => (
            <Button
              key={action}
              id={`staff-action-${action}`}
              size='small'
              type={action === 'end' ? 'danger' : 'primary'}
              fill={action === 'end' ? 'outline' : 'solid'}
              disabled={busy}
              onClick={() => void act(action)}
            >
              {ACTION_LABELS[action].label}
            </Button>
          ))}
          {actions.length === 0 && benefit.status !== 'draft' ? <Text className='muted'>已结束的权益不能再操作。</Text> : null}
        </View>
        {benefit.status !== 'ended' ? (
          <>
            <View className='staff-stock'>
              <Input
                id='staff-stock-add'
                className='staff-stock__input'
                type='text'
                placeholder='增加填正数，减少填负数'
                value={stockText}
                onInput={(e) => setStockText(e.detail.value)}
              />
              <Button id='staff-stock-submit' size='small' disabled={busy} onClick={() => void changeStock()}>
                调整库存
              </Button>
            </View>
            {Object.keys(benefit.regionQuotas).length > 0 ? (
              <ChipGroup className='staff-stock'>
                {['', ...Object.keys(benefit.regionQuotas).sort()].map((code) => (
                  <Chip key={code || 'rest'} active={stockRegion === code} onTap={() => setStockRegion(code)}>
                    {code ? regionLabel(code) : benefit.otherRegions === 'open' ? '未预留部分' : '总库存'}
                  </Chip>
                ))}
              </ChipGroup>
            ) : null}
          </>
        ) : null}
        {notice ? (
          <View id='staff-notice' className={`staff-message staff-message--${notice.tone}`}>
            {notice.text}
          </View>
        ) : null}
      </View>

      <View className='panel'>
        <Row label='类别'>{BENEFIT_CATEGORY_LABELS[benefit.category]}</Row>
        <Row label='面值 / 价格'>
          {formatFen(benefit.faceValueFen)} / {benefit.priceFen === 0 ? '免费' : formatFen(benefit.priceFen)}
        </Row>
        {benefit.refundPolicy ? <Row label='退款规则'>{REFUND_POLICY_WORDS[benefit.refundPolicy]}</Row> : null}
        <Row label='每人限领'>{benefit.perMemberLimit} 张</Row>
        <Row label='领取时间'>
          {formatDateTime(benefit.claimStartsAt)} 至 {formatDateTime(benefit.claimEndsAt)}
        </Row>
        <Row label='使用截止'>{formatDateTime(benefit.useEndsAt)}</Row>
        <Row label='适用商户'>{benefit.merchants.map((m) => m.name).join('、')}</Row>
        <Row label='所属工会'>{benefit.org.name}</Row>
        <Row label='库存分片'>{benefit.shards}</Row>
        <Row label='说明'>{benefit.description}</Row>
      </View>
    </Page>
  );
}
