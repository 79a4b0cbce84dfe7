import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Role } from '../../../functions/kernel/contracts/common';
import { askSubscription } from '../../services/subscribe';
import './index.scss';

const PRIVACY_PAGE = '/privacy/index';

interface Entry {
  id: string;
  title: string;
  detail: string;
  url: string;
}

/** The entries of 我的 that depend on who the user is: 我的券 and 我的办事 for members, 核销 for clerks, 工作台, 权益管理, 审核办理, 差评回访, 满意度统计, 补贴活动, 会员服务, 组织与权限, 实名制录入, 统计 and 操作记录 for officials; 消息中心 and 隐私与个人信息 for everyone logged in. */
export function entriesFor(roles: Role[], bound: boolean): Entry[] {
  const entries: Entry[] = [];
  if (bound) entries.push({ id: 'me-coupons', title: '我的券', detail: '已领取的普惠券，到店出示券码核销', url: '/pages/coupons/index' });
  if (bound) entries.push({ id: 'me-orders', title: '我的订单', detail: '中签名额的支付、退款和支付期限', url: '/orders/list/index' });
  if (bound) entries.push({ id: 'me-applications', title: '我的办事', detail: '入会、转会等业务的办理进度', url: '/pages/applications/index' });
  if (roles.some((r) => r.type === 'clerk')) {
    entries.push({ id: 'me-redeem', title: '券码核销', detail: '扫描会员出示的券码', url: '/staff/redeem/index' });
  }
  if (roles.some((r) => r.type === 'official' || r.type === 'admin')) {
    entries.push({ id: 'me-desk', title: '工作台', detail: '待审、已超期、待回访一览，一键进入审核', url: '/workbench/desk/index' });
    entries.push({ id: 'me-benefit-desk', title: '权益管理', detail: '发布普惠权益，查看领取和核销数据', url: '/staff/benefits/index' });
    entries.push({ id: 'me-review', title: '审核办理', detail: '审核本级及下级工会的入会、转会、补贴申请', url: '/staff/applications/index' });
    entries.push({ id: 'me-follow-ups', title: '差评回访', detail: '不满意评价的核实处理与回访登记', url: '/staff/follow-ups/index' });
    entries.push({ id: 'me-satisfaction', title: '满意度统计', detail: '按月、按事项查看好差评和按期回访率', url: '/staff/satisfaction/index' });
    entries.push({ id: 'me-campaigns', title: '补贴活动', detail: '本级及下级工会的补贴活动、名额使用，审批下级创建的活动', url: '/staff/campaigns/index' });
    entries.push({ id: 'me-payouts', title: '补贴发放', detail: '生成银行代发批次，回填发放结果，复核确认', url: '/workbench/payouts/index' });
    entries.push({ id: 'me-refunds', title: '退款审核', detail: '审核会员的退款申请，解除逾期未使用的限制', url: '/workbench/refunds/index' });
    entries.push({ id: 'me-question-banks', title: '答题题库', detail: '答题抽奖活动的题目、选项、正确答案和解析', url: '/workbench/question-banks/index' });
    entries.push({ id: 'me-members', title: '会员服务', detail: '查找会员，释放手机号、解除微信绑定、办理退会', url: '/workbench/members/index' });
    entries.push({ id: 'me-orgs', title: '组织与权限', detail: '新增下级工会、工会更名，授予或撤销干部权限', url: '/workbench/orgs/index' });
    entries.push({ id: 'me-roster-import', title: '实名制录入', detail: '按模板批量导入会员名册，查看逐行报告并确认变更', url: '/workbench/roster-import/index' });
    entries.push({ id: 'me-stations', title: '职工驿站维护', detail: '新增、编辑或删除本级及下级工会的职工驿站', url: '/workbench/stations/index' });
    entries.push({ id: 'me-stats', title: '统计', detail: '会员、办事、普惠权益和好差评的月度数据', url: '/workbench/stats/index' });
    entries.push({ id: 'me-audit', title: '操作记录', detail: '本级及下级工会干部的每一次操作，可按类型和操作人筛选', url: '/workbench/audit/index' });
  }
  // 困难帮扶: officials holding the 帮扶 role (a role of its own: the household data of people who are not our users).
  if (roles.some((r) => r.type === 'hardship' || r.type === 'admin')) {
    entries.push({ id: 'me-hardship', title: '困难帮扶', detail: '初审、入户核查、困难职工档案与复核', url: '/hardship/queue/index' });
  }
  entries.push({ id: 'me-messages', title: '消息中心', detail: '申请的办理结果和回访通知', url: '/pages/messages/index' });
  entries.push({ id: 'me-privacy', title: '隐私与个人信息', detail: '隐私政策、导出我的数据、注销账号', url: PRIVACY_PAGE });
  return entries;
}

/** The queues an official opens: WeChat's subscription dialog (待办, 超期) is asked on that tap. */
const QUEUES = new Set(['me-review', 'me-follow-ups']);

async function openEntry(entry: Entry) {
  if (QUEUES.has(entry.id)) await askSubscription('queue');
  void Taro.navigateTo({ url: entry.url });
}

/** `omit`: entries of the page they are shown on (工作台 leaves itself out). */
export function MeEntries({ roles, bound, omit = [] }: { roles: Role[]; bound: boolean; omit?: readonly string[] }) {
  const entries = entriesFor(roles, bound).filter((entry) => !omit.includes(entry.id));
  if (entries.length === 0) return null;
  return (
    <View id='me-entries' className='panel me-entries'>
      {entries.map((entry) => (
        <View key={entry.id} id={entry.id} className='me-entry' onClick={() => void openEntry(entry)}>
          <View className='me-entry__text'>
            <View className='me-entry__title'>{entry.title}</View>
            <Text className='me-entry__detail'>{entry.detail}</Text>
          </View>
          <Text className='me-entry__arrow'>›</Text>
        </View>
      ))}
    </View>
  );
}

/** For a logged-out visitor: the 隐私政策 can be read before logging in. */
export function PrivacyLink() {
  return (
    <View id='me-privacy-link' className='me-privacy-link' onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE })}>
      隐私政策与个人信息保护 ›
    </View>
  );
}

export default MeEntries;
