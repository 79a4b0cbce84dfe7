import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CreateBenefitRequest, MerchantRef } from '../../../functions/benefits/contracts/benefits';
import type { OrgRef } from '../../../functions/kernel/contracts/common';
import { BenefitForm } from '../../components/benefit-form';
import { benefitFormOf, emptyBenefitForm, type BenefitFormValues } from '../../components/benefit-form/validation';
import { getMe } from '../../services/api';
import { createBenefit, getAdminBenefit, listAdminBenefits, listSignedMerchants, updateBenefit } from '../../services/benefits';
import { Page } from '../../components/page';
import '../staff.scss';

interface FormSetup {
  initial: BenefitFormValues;
  orgChoices: OrgRef[];
  allowOrgInput: boolean;
  merchantChoices: MerchantRef[];
}

type PageState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; setup: FormSetup };

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '加载失败，请稍后再试';
}

/** Merchants of the benefits this official already manages: the usual choices, one tap each. */
async function knownMerchants(): Promise<MerchantRef[]> {
  const { items } = await listAdminBenefits();
  const byId = new Map<string, MerchantRef>();
  for (const benefit of items) for (const merchant of benefit.merchants) byId.set(merchant.id, merchant);
  return [...byId.values()];
}

/** 新建权益 (no id) or 编辑权益 (`?id=` of a draft). */
export default function StaffBenefitEditPage() {
  const [benefitId, setBenefitId] = useState('');
  const [state, setState] = useState<PageState>({ kind: 'loading' });

  const prepare = async (id: string) => {
    setState({ kind: 'loading' });
    try {
      const [me, merchants, existing] = await Promise.all([
        getMe(),
        knownMerchants().catch(() => [] as MerchantRef[]),
        id ? getAdminBenefit(id) : Promise.resolve(null),
      ]);
      const orgChoices: OrgRef[] = me.roles.flatMap((role) => (role.type === 'official' ? [{ id: role.orgId, name: role.orgName }] : []));
      const allowOrgInput = me.roles.some((role) => role.type === 'admin');
      if (existing && existing.benefit.status !== 'draft') {
        setState({ kind: 'error', message: '只有草稿可以修改；已发布的权益可以在详情页调整库存或暂停、结束。' });
        return;
      }
      const initial = existing ? benefitFormOf(existing.benefit) : emptyBenefitForm(orgChoices[0]?.id ?? '');
      // The benefit's own merchants stay choosable even if no other benefit uses them.
      const merchantChoices = [...merchants];
      for (const m of existing?.benefit.merchants ?? []) if (!merchantChoices.some((c) => c.id === m.id)) merchantChoices.push(m);
      if (existing && !orgChoices.some((o) => o.id === existing.benefit.org.id)) orgChoices.push(existing.benefit.org);
      setState({ kind: 'ready', setup: { initial, orgChoices, allowOrgInput, merchantChoices } });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  };

  useLoad((params: Record<string, string | undefined>) => {
    const id = decodeURIComponent(params.id ?? '');
    setBenefitId(id);
    if (id) void Taro.setNavigationBarTitle({ title: '编辑权益' });
    else void Taro.setNavigationBarTitle({ title: '新建权益' });
    void prepare(id);
  });

  const save = async (request: CreateBenefitRequest) => {
    if (benefitId) {
      await updateBenefit(benefitId, request);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
      return;
    }
    const { benefit } = await createBenefit(request);
    void Taro.showToast({ title: '已保存为草稿', icon: 'success' });
    void Taro.redirectTo({ url: `/staff/benefit/index?id=${encodeURIComponent(benefit.id)}` });
  };

  return (
    <Page id='staff-benefit-edit-page'>
      {state.kind === 'loading' ? <View className='panel muted'>正在加载…</View> : null}
      {state.kind === 'error' ? (
        <View className='panel'>
          <View id='staff-edit-error' className='staff-message staff-message--error'>
            {state.message}
          </View>
          <Button block onClick={() => void prepare(benefitId)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {state.kind === 'ready' ? (
        <>
          <View className='muted staff-edit-hint'>保存后为草稿，在详情页发布后会员才能看到。</View>
          <BenefitForm
            key={benefitId || 'new'}
            initial={state.setup.initial}
            orgChoices={state.setup.orgChoices}
            allowOrgInput={state.setup.allowOrgInput}
            merchantChoices={state.setup.merchantChoices}
            merchantsFor={listSignedMerchants}
            submitLabel={benefitId ? '保存修改' : '保存草稿'}
            onSubmit={save}
          />
        </>
      ) : null}
    </Page>
  );
}
