import { ComingSoon } from '../../components/coming-soon';

const ITEMS = [
  { title: '会员专享优惠券', detail: '限量发放、先到先得，每人限领，到合作商户出示会员码核销。' },
  { title: '职工返乡交通补贴', detail: '实名会员在线申请，审核通过后补贴发放到本人银行卡。' },
  { title: '一元观影等惠工活动', detail: '活动开放时间与名额以公告为准。' },
] as const;

export default function BenefitsPage() {
  return (
    <ComingSoon
      id='benefits-page'
      title='会员普惠即将上线'
      summary='完成实名绑定的工会会员，将可以在这里领取普惠权益。'
      items={ITEMS}
    />
  );
}
