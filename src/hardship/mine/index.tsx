import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CASE_STEP_LABELS, HARDSHIP_CAUSE_LABELS, type MyHardshipResponse } from '../../../functions/hardship/contracts/hardship';
import { GatePanel, gateOf, type Gate } from '../../components/page-state';
import { Page } from '../../components/page';
import { formatDate } from '../../components/application/model';
import { getMyHardship } from '../../services/hardship';
import { readSession } from '../../services/session';
import { chinaDate } from '../model';
import { CaseStatusTag, CategoryTag, Payments, Row } from '../parts';
import '../hardship.scss';

type State = Gate | { kind: 'ready'; mine: MyHardshipResponse };

/**
 * 我的帮扶: the member's own file (category, the aid paid, when the yearly re-check is due) and every
 * case they filed with where it stands; 申请帮扶 when none is open.
 */
export default function MyHardship() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    if (!readSession()) return setState({ kind: 'anonymous' });
    try {
      setState({ kind: 'ready', mine: await getMyHardship() });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);
  useDidShow(() => void load());

  if (state.kind !== 'ready') {
    return (
      <Page id='hardship-mine-page'>
        <GatePanel gate={state} id='hardship-mine' onRetry={() => void load()} loginHint='登录并绑定会员身份后查看您的困难帮扶。' />
      </Page>
    );
  }
  const { file, cases } = state.mine;
  const open = cases.some((c) => c.status === 'pending' || c.status === 'paused');
  const now = Date.now();
  return (
    <Page id='hardship-mine-page'>
      {file ? (
        <View id='hardship-mine-file' className='panel'>
          <View className='panel__title'>我的困难职工档案</View>
          <Row label='困难类别'>
            <CategoryTag category={file.category} />
          </Row>
          <Row label='年度复核' id='hardship-mine-recheck'>
            {file.status === 'closed' ? '档案已销档' : `${chinaDate(file.recheckDue)}前复核，届时工会将核实家庭情况`}
          </Row>
          <View className='app-form__section'>帮扶发放</View>
          <Payments payments={file.payments} id='hardship-mine-payments' />
        </View>
      ) : null}
      <View id='hardship-mine-cases' className='panel'>
        <View className='panel__title'>我的申请</View>
        {cases.length === 0 ? <Text className='muted'>还没有困难帮扶申请。</Text> : null}
        {cases.map((c) => (
          <View key={c.id} id={`hardship-mine-case-${c.id}`} className='hardship-list-item' onClick={() => void Taro.navigateTo({ url: `/hardship/case/index?id=${encodeURIComponent(c.id)}` })}>
            <View className='hardship-list-item__head'>
              <Text>{HARDSHIP_CAUSE_LABELS[c.mainCause]}</Text>
              <CaseStatusTag status={c.status} />
            </View>
            <View className='muted'>
              {c.currentStep ? `${CASE_STEP_LABELS[c.currentStep]} · ${c.org.name}` : c.org.name}
              {c.dueDate && c.currentStep ? ` · ${c.overdue ? '已超期：应于' : ''}${formatDate(c.dueDate, now)}前办结` : ''}
            </View>
          </View>
        ))}
      </View>
      <View className='hardship-actions'>
        {!open ? (
          <Button id='hardship-mine-apply' type='primary' block onClick={() => void Taro.navigateTo({ url: '/hardship/self-check/index' })}>
            申请困难帮扶
          </Button>
        ) : null}
        <Button id='hardship-mine-publicity' fill='outline' block onClick={() => void Taro.navigateTo({ url: '/hardship/publicity/index' })}>
          查看帮扶公示
        </Button>
      </View>
    </Page>
  );
}
