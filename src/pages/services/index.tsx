import { ComingSoon } from '../../components/coming-soon';

const ITEMS = [
  { title: '申请入会', detail: '按工作单位匹配所在工会，在线提交入会申请并查看审核进度。' },
  { title: '会员关系转接', detail: '更换工作单位后，在线申请转入新单位工会。' },
  { title: '困难职工帮扶', detail: '在线提交帮扶申请，查看审核与救助进度。' },
] as const;

export default function ServicesPage() {
  return (
    <ComingSoon
      id='services-page'
      title='工会业务一网通办'
      summary='以下办事服务正在建设中，上线后可在手机上全程办理。'
      items={ITEMS}
    />
  );
}
