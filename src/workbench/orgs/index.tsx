import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
// The shared chunk keeps one style order (as 入会申请): chips, NutUI, page states, then the union search.
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { Button } from '@nutui/nutui-react-taro';
import { messageOf } from '../../components/page-state';
import { OrgPicker, type OrgChoice } from '../../components/org-picker';
import { getMe } from '../../services/api';
import { changeRole, createOrg, renameOrg, searchMembers } from '../../services/workbench';
import type { MemberHit } from '../../../functions/membership/contracts/admin';
import { ORG_KIND_CHOICES, rolesLine, validateNewOrg, validateRename, validateRole, type NewOrgDraft, type RenameDraft, type RoleDraft } from './model';
import { Page } from '../../components/page';
import { confirmSheet } from '../../components/confirm-sheet';
import '../workbench.scss';
import '../member/index.scss';
import './index.scss';

type Outcome = { ok: boolean; text: string } | null;

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <View id={id} className='wb-error'>
      {text}
    </View>
  ) : null;
}

function Result({ id, outcome }: { id: string; outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <View id={id} className={outcome.ok ? 'care-result' : 'wb-error'}>
      {outcome.text}
    </View>
  );
}

/**
 * 组织与权限: 新增工会 under the official's org (or below it), 工会更名, and 授予/撤销 an official role
 * of the official's org for a member found by name (or phone, ID number) in the official's subtree —
 * no member ids or openids typed. The API decides what is within reach; its refusals are shown as it
 * gives them.
 */
export default function OrgsPage() {
  const [orgs, setOrgs] = useState<Array<{ id: string; name: string }>>([]);
  const [newOrg, setNewOrg] = useState<NewOrgDraft>({ parentId: '', kind: 'grassroots', name: '', workUnit: '', regionCode: '' });
  const [newErrors, setNewErrors] = useState<Partial<Record<keyof NewOrgDraft, string>>>({});
  const [newOutcome, setNewOutcome] = useState<Outcome>(null);
  const [target, setTarget] = useState<OrgChoice | null>(null);
  const [rename, setRename] = useState<RenameDraft>({ name: '', workUnit: '' });
  const [renameErrors, setRenameErrors] = useState<Partial<Record<keyof RenameDraft, string>>>({});
  const [renameOutcome, setRenameOutcome] = useState<Outcome>(null);
  const [role, setRole] = useState<RoleDraft>({ by: 'memberId', who: '', orgId: '' });
  const [roleErrors, setRoleErrors] = useState<Partial<Record<'who' | 'orgId', string>>>({});
  const [roleOutcome, setRoleOutcome] = useState<Outcome>(null);
  const [memberQuery, setMemberQuery] = useState('');
  const [hits, setHits] = useState<{ items: MemberHit[]; truncated: boolean } | null>(null);
  const [chosen, setChosen] = useState<MemberHit | null>(null);
  const [searchError, setSearchError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getMe().then(
      (me) => {
        const mine = me.roles.flatMap((r) => (r.type === 'official' ? [{ id: r.orgId, name: r.orgName }] : []));
        setOrgs(mine);
        if (mine[0]) {
          setNewOrg((d) => ({ ...d, parentId: d.parentId || mine[0]!.id }));
          setRole((d) => ({ ...d, orgId: d.orgId || mine[0]!.id }));
        }
      },
      () => undefined,
    );
  }, []);

  const submitNewOrg = async () => {
    const checked = validateNewOrg(newOrg);
    setNewErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok || busy) return;
    setBusy(true);
    setNewOutcome(null);
    try {
      const { org } = await createOrg(checked.request);
      setNewOutcome({ ok: true, text: `已新增 ${org.name}（编号 ${org.id}），上级：${org.parent?.name ?? '—'}` });
      setNewOrg((d) => ({ ...d, name: '', workUnit: '', regionCode: '' }));
    } catch (e) {
      setNewOutcome({ ok: false, text: messageOf(e, '新增失败，请稍后再试') });
    } finally {
      setBusy(false);
    }
  };

  const submitRename = async () => {
    const checked = validateRename(rename);
    setRenameErrors(checked.ok ? {} : checked.errors);
    if (!target) setRenameOutcome({ ok: false, text: '请先选择要更名的工会' });
    if (!checked.ok || !target || busy) return;
    setBusy(true);
    setRenameOutcome(null);
    try {
      const answer = await renameOrg(target.id, checked.request);
      setRenameOutcome({ ok: true, text: answer.changed ? `已更名为 ${answer.org.name}` : '名称和单位没有变化' });
    } catch (e) {
      setRenameOutcome({ ok: false, text: messageOf(e, '更名失败，请稍后再试') });
    } finally {
      setBusy(false);
    }
  };

  const findMembers = async () => {
    const q = memberQuery.trim();
    setSearchError('');
    if (!q) {
      setSearchError('请输入会员姓名、手机号或身份证号');
      return;
    }
    try {
      setHits(await searchMembers({ q }));
    } catch (e) {
      setHits(null);
      setSearchError(messageOf(e, '搜索失败，请稍后再试'));
    }
  };

  const choose = (hit: MemberHit | null) => {
    setChosen(hit);
    setRole((d) => ({ ...d, by: 'memberId', who: hit?.id ?? '' }));
    setRoleErrors((e) => ({ ...e, who: undefined }));
    setRoleOutcome(null);
  };

  const submitRole = async (action: 'grant' | 'revoke') => {
    if (!chosen) {
      setRoleErrors((e) => ({ ...e, who: '请先搜索并选择一位会员' }));
      return;
    }
    const checked = validateRole(role);
    setRoleErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok || busy) return;
    const orgName = orgs.find((o) => o.id === role.orgId)?.name ?? role.orgId;
    const confirm = await confirmSheet({
      title: action === 'grant' ? '授予干部权限' : '撤销干部权限',
      content:
        action === 'grant'
          ? `授予后 ${chosen.name} 可以管理 ${orgName} 及下级工会的业务。确定授予吗？`
          : `撤销后 ${chosen.name} 不再能管理 ${orgName} 的业务。确定撤销吗？`,
      danger: action === 'revoke',
    });
    if (!confirm) return;
    setBusy(true);
    setRoleOutcome(null);
    try {
      const answer = await changeRole(action, checked.request);
      const head = answer.changed ? (action === 'grant' ? '已授予' : '已撤销') : action === 'grant' ? '该账号已有此权限' : '该账号没有此权限';
      setRoleOutcome({ ok: true, text: `${head}。该账号现在的身份：${rolesLine(answer.roles)}` });
    } catch (e) {
      setRoleOutcome({ ok: false, text: messageOf(e, '操作失败，请稍后再试') });
    } finally {
      setBusy(false);
    }
  };

  const orgChips = (id: string, value: string, onPick: (orgId: string) => void) =>
    orgs.length > 0 ? (
      <ChipGroup id={id} className='wb-chips'>
        {orgs.map((o) => (
          <Chip key={o.id} id={`${id}-${o.id}`} active={value === o.id} onTap={() => onPick(o.id)}>
            {o.name}
          </Chip>
        ))}
      </ChipGroup>
    ) : (
      <Input id={`${id}-input`} className='care-input' type='text' maxlength={64} placeholder='工会编号' value={value} onInput={(e) => onPick(e.detail.value)} />
    );

  return (
    <Page id='orgs-page'>
      <View id='org-new' className='panel'>
        <View className='panel__title'>新增工会</View>
        <Text className='muted wb-label'>上级工会</Text>
        {orgChips('org-new-parent', newOrg.parentId, (parentId) => setNewOrg({ ...newOrg, parentId }))}
        <FieldError id='field-parentId-error' text={newErrors.parentId} />
        <ChipGroup id='org-new-kind' className='wb-chips'>
          {ORG_KIND_CHOICES.map((k) => (
            <Chip key={k.value} id={`org-new-kind-${k.value}`} active={newOrg.kind === k.value} onTap={() => setNewOrg({ ...newOrg, kind: k.value })}>
              {k.label}
            </Chip>
          ))}
        </ChipGroup>
        <Input id='org-new-name' className='care-input' type='text' maxlength={60} placeholder='工会名称' value={newOrg.name} onInput={(e) => setNewOrg({ ...newOrg, name: e.detail.value })} />
        <FieldError id='field-name-error' text={newErrors.name} />
        <Input id='org-new-work-unit' className='care-input' type='text' maxlength={60} placeholder='单位名称（选填）' value={newOrg.workUnit} onInput={(e) => setNewOrg({ ...newOrg, workUnit: e.detail.value })} />
        <FieldError id='field-workUnit-error' text={newErrors.workUnit} />
        {newOrg.kind !== 'grassroots' ? (
          <Input id='org-new-region' className='care-input' type='text' maxlength={2} placeholder='地区代码（2位数字，会员卡号使用）' value={newOrg.regionCode} onInput={(e) => setNewOrg({ ...newOrg, regionCode: e.detail.value })} />
        ) : null}
        <FieldError id='field-regionCode-error' text={newErrors.regionCode} />
        <Button id='org-new-submit' size='small' type='primary' disabled={busy} onClick={() => void submitNewOrg()}>
          新增
        </Button>
        <Result id='org-new-result' outcome={newOutcome} />
      </View>

      <View id='org-rename' className='panel'>
        <View className='panel__title'>工会更名</View>
        <OrgPicker id='org-rename-target' selected={target} onSelect={setTarget} placeholder='搜索要更名的基层工会' />
        <Input id='org-rename-name' className='care-input' type='text' maxlength={60} placeholder='新的工会名称' value={rename.name} onInput={(e) => setRename({ ...rename, name: e.detail.value })} />
        <FieldError id='field-rename-name-error' text={renameErrors.name} />
        <Input id='org-rename-work-unit' className='care-input' type='text' maxlength={60} placeholder='单位名称（留空则清除）' value={rename.workUnit} onInput={(e) => setRename({ ...rename, workUnit: e.detail.value })} />
        <Button id='org-rename-submit' size='small' type='primary' disabled={busy} onClick={() => void submitRename()}>
          更名
        </Button>
        <Result id='org-rename-result' outcome={renameOutcome} />
      </View>

      <View id='org-roles' className='panel'>
        <View className='panel__title'>干部权限</View>
        {chosen ? (
          <View id='role-chosen' className='role-chosen'>
            <Text>
              {chosen.name} · {chosen.union.name}
              {chosen.phoneMasked ? ` · ${chosen.phoneMasked}` : ''}
            </Text>
            <Text id='role-chosen-change' className='role-link' onClick={() => choose(null)}>
              更换
            </Text>
          </View>
        ) : (
          <>
            <View className='role-search'>
              <Input
                id='role-search'
                className='care-input'
                type='text'
                maxlength={30}
                placeholder='搜索会员：姓名、手机号或身份证号'
                value={memberQuery}
                onInput={(e) => setMemberQuery(e.detail.value)}
                onConfirm={() => void findMembers()}
              />
              <Button id='role-search-submit' size='small' fill='outline' onClick={() => void findMembers()}>
                搜索
              </Button>
            </View>
            {searchError ? <View className='wb-error'>{searchError}</View> : null}
            {hits ? (
              <View id='role-hits' className='role-hits'>
                {hits.items.length === 0 ? <View className='muted'>管理范围内没有找到这位会员</View> : null}
                {hits.items.map((hit) => (
                  <View
                    key={hit.id}
                    id={`role-hit-${hit.id}`}
                    className={`role-hit${hit.bound && hit.status === 'active' ? '' : ' role-hit--disabled'}`}
                    onClick={() => (hit.bound && hit.status === 'active' ? choose(hit) : undefined)}
                  >
                    <Text className='role-hit__name'>{hit.name}</Text>
                    <Text className='muted'>
                      {hit.union.name}
                      {hit.phoneMasked ? ` · ${hit.phoneMasked}` : ''}
                      {hit.status === 'left' ? ' · 已退会' : hit.bound ? '' : ' · 未绑定微信，不能授予'}
                    </Text>
                  </View>
                ))}
                {hits.truncated ? <View className='muted'>结果较多，只显示前 50 位，请输入完整姓名</View> : null}
              </View>
            ) : null}
          </>
        )}
        <FieldError id='field-who-error' text={roleErrors.who} />
        <Text className='muted wb-label'>管理的工会</Text>
        {orgChips('role-org', role.orgId, (orgId) => setRole({ ...role, orgId }))}
        <FieldError id='field-orgId-error' text={roleErrors.orgId} />
        <View className='care-actions'>
          <Button id='role-grant' size='small' type='primary' disabled={busy} onClick={() => void submitRole('grant')}>
            授予干部权限
          </Button>
          <Button id='role-revoke' size='small' fill='outline' disabled={busy} onClick={() => void submitRole('revoke')}>
            撤销干部权限
          </Button>
        </View>
        <Result id='role-result' outcome={roleOutcome} />
      </View>
    </Page>
  );
}
