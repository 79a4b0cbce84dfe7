import { Text, View } from '@tarojs/components';
import { StatusTag, type StatusTone } from '../status-tag';
import type { MemberBenefit } from '../../../functions/benefits/contracts/benefits';
import { formatFen } from './format';
import { BENEFIT_CATEGORY_LABELS, claimBadge, type ClaimBadge } from './model';
import './index.scss';

const TONES: Record<ClaimBadge['tone'], StatusTone> = {
  hot: 'brand',
  soon: 'progress',
  muted: 'neutral',
  done: 'success',
};

export function BadgeTag({ badge }: { badge: ClaimBadge }) {
  return (
    <StatusTag className={`benefit-badge benefit-badge--${badge.tone}`} tone={TONES[badge.tone]}>
      {badge.label}
    </StatusTag>
  );
}

/** "免费领取" for a free benefit, otherwise what it costs. */
export function priceLabel(priceFen: number): string {
  return priceFen === 0 ? '免费领取' : `${formatFen(priceFen)} 购买`;
}

export interface BenefitCardProps {
  benefit: MemberBenefit;
  /** Coupons of this benefit the member holds. */
  held: number;
  now: number;
  onOpen: (benefit: MemberBenefit) => void;
}

/** One benefit in the 普惠 catalogue: what it is, where, how much, how many left, can I claim. */
export function BenefitCard({ benefit, held, now, onOpen }: BenefitCardProps) {
  const badge = claimBadge(benefit, held, now);
  const dimmed = badge.tone === 'muted';
  return (
    <View
      id={`benefit-${benefit.id}`}
      className={`benefit-card${dimmed ? ' benefit-card--dimmed' : ''}`}
      data-id={benefit.id}
      data-state={benefit.claimState}
      onClick={() => onOpen(benefit)}
    >
      <View className='benefit-card__value'>
        <Text className='benefit-card__amount'>{formatFen(benefit.faceValueFen)}</Text>
        <Text className='benefit-card__price'>{priceLabel(benefit.priceFen)}</Text>
      </View>
      <View className='benefit-card__body'>
        <View className='benefit-card__head'>
          <Text className='benefit-card__category'>{BENEFIT_CATEGORY_LABELS[benefit.category]}</Text>
          <BadgeTag badge={badge} />
        </View>
        <View className='benefit-card__title'>{benefit.title}</View>
        <View className='benefit-card__merchants'>{benefit.merchants.map((m) => m.name).join('、')}</View>
        <View className='benefit-card__foot'>
          <Text className='benefit-card__remaining'>剩余 {benefit.remaining}</Text>
          {badge.note ? <Text className='benefit-card__note'>{badge.note}</Text> : null}
        </View>
      </View>
    </View>
  );
}

export default BenefitCard;
