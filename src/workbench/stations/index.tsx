import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Role } from '../../../functions/kernel/contracts/common';
import { STATION_KINDS, STATION_SERVICES, type AdminStation } from '../../../functions/stations/contracts/stations';
import { refusalOf, formFieldErrors } from '../../components/application-form/field';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { confirmSheet } from '../../components/confirm-sheet';
import { FormField } from '../../components/form-field';
import { OrgPicker, type OrgChoice } from '../../components/org-picker';
import { Page } from '../../components/page';
import { gateOf, PageState, type Gate } from '../../components/page-state';
import { STATION_CITIES, STATION_KIND_LABELS, STATION_SERVICE_LABELS, cityName } from '../../components/station/model';
import { getMe } from '../../services/api';
import { adminStations, createStation, updateStation } from '../../services/stations';
import { changesOf, draftOf, emptyDraft, toggleService, validateStation, type StationDraft, type StationErrors, type StationField } from './model';
import '../workbench.scss';
import './index.scss';

type OrgOption = { id: string; name: string };
type State = Gate | { kind: 'ready'; items: AdminStation[] };
/** The form: a new station, or one being edited (with the version read). */
type Editing = null | { mode: 'new' } | { mode: 'edit'; station: AdminStation };

const FIELDS: readonly StationField[] = ['orgId', 'name', 'kind', 'city', 'address', 'lat', 'lng', 'hours', 'services', 'phone'];
const DEFAULT_CITY = '01';

const officialOrgs = (roles: Role[]): OrgOption[] => roles.flatMap((r) => (r.type === 'official' ? [{ id: r.orgId, name: r.orgName }] : []));

/**
 * 职工驿站维护: the stations of a city as members see them in the finder, each editable by the
 * officials of its union and the unions above (the API says which: canEdit); 新增站点 for the
 * official's union; 编辑 changes only what was changed, against the version read; 删除 takes a station
 * off the finder for good (the 操作记录 keeps what it was).
 */
export default function StationsAdminPage() {
  const [city, setCity] = useState(DEFAULT_CITY);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [orgs, setOrgs] = useState<OrgOption[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [draft, setDraft] = useState<StationDraft>(emptyDraft('', DEFAULT_CITY));
  const [picked, setPicked] = useState<OrgChoice | null>(null);
  const [errors, setErrors] = useState<StationErrors>({});
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const sequence = useRef(0);

  const load = useCallback(async (which: string) => {
    const mine = (sequence.current += 1);
    try {
      const [{ items }, me] = await Promise.all([adminStations(which), orgs ? Promise.resolve(null) : getMe()]);
      if (mine !== sequence.current) return;
      if (me) setOrgs(officialOrgs(me.roles));
      setState({ kind: 'ready', items });
    } catch (error) {
      if (mine === sequence.current) setState(gateOf(error));
    }
  }, [orgs]);

  useDidShow(() => void load(city));
  usePullDownRefresh(() => void load(city).finally(() => Taro.stopPullDownRefresh()));

  const chooseCity = (code: string) => {
    setCity(code);
    setState({ kind: 'loading' });
    void load(code);
  };

  const set = <K extends keyof StationDraft>(field: K, value: StationDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const openNew = () => {
    setEditing({ mode: 'new' });
    setDraft(emptyDraft(orgs?.[0]?.id ?? '', city));
    setPicked(null);
    setErrors({});
    setFormError('');
    setNotice('');
  };
  const openEdit = (station: AdminStation) => {
    setEditing({ mode: 'edit', station });
    setDraft(draftOf(station));
    setErrors({});
    setFormError('');
    setNotice('');
  };
  const close = () => {
    setEditing(null);
    setErrors({});
    setFormError('');
  };

  const save = async () => {
    if (!editing) return;
    const checked = validateStation(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError('请按提示修改标红的内容');
      return;
    }
    setBusy(true);
    setFormError('');
    try {
      if (editing.mode === 'new') {
        const { station } = await createStation(checked.request);
        setNotice(`已新增“${station.name}”，会员在职工驿站中即可找到。`);
      } else {
        const body = changesOf(editing.station, checked.request);
        if (Object.keys(body).length === 1) {
          setNotice('没有修改任何内容。');
        } else {
          const { station } = await updateStation(editing.station.id, body);
          setNotice(`已保存“${station.name}”的修改。`);
        }
      }
      setEditing(null);
      if (checked.request.city !== city) setCity(checked.request.city);
      void load(checked.request.city);
    } catch (error) {
      const refusal = refusalOf(error, '保存失败，请稍后再试');
      const fields = Object.fromEntries(Object.entries(refusal.fields).map(([path, message]) => [path.replace(/^location\./, ''), message]));
      setErrors(formFieldErrors(fields, FIELDS));
      setFormError(refusal.message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (station: AdminStation) => {
    const yes = await confirmSheet({
      title: '删除站点',
      content: `删除后会员在职工驿站中不再看到“${station.name}”，操作记录保留它的信息。确定删除？`,
      confirmText: '删除',
      danger: true,
    });
    if (!yes) return;
    setBusy(true);
    try {
      await updateStation(station.id, { version: station.version, removed: true });
      setNotice(`已删除“${station.name}”。`);
    } catch (error) {
      setNotice(refusalOf(error, '删除失败，请稍后再试').message);
    } finally {
      setBusy(false);
      void load(city);
    }
  };

  const text = (field: 'name' | 'address' | 'hours' | 'phone' | 'lat' | 'lng', label: string, placeholder: string, maxlength: number, hint?: string) => (
    <FormField label={label} field={field} error={errors[field]} hint={hint} id={`station-field-${field}`} errorId={`station-${field}-error`}>
      <Input
        id={`station-${field}`}
        className='care-input'
        type={field === 'lat' || field === 'lng' ? 'digit' : 'text'}
        maxlength={maxlength}
        placeholder={placeholder}
        value={draft[field]}
        onInput={(e) => set(field, e.detail.value)}
      />
    </FormField>
  );

  const form = editing ? (
    <View id='station-form' className='panel station-form'>
      <View className='panel__title'>{editing.mode === 'new' ? '新增站点' : `编辑“${editing.station.name}”`}</View>
      {editing.mode === 'new' ? (
        <FormField label='所属工会' field='orgId' error={errors.orgId} id='station-field-orgId' errorId='station-orgId-error'>
          {orgs && orgs.length > 0 ? (
            <ChipGroup id='station-org' className='wb-chips'>
              {orgs.map((o) => (
                <Chip key={o.id} id={`station-org-${o.id}`} active={draft.orgId === o.id} onTap={() => set('orgId', o.id)}>
                  {o.name}
                </Chip>
              ))}
            </ChipGroup>
          ) : (
            <OrgPicker
              id='station-org-picker'
              selected={picked}
              onSelect={(org) => {
                setPicked(org);
                set('orgId', org?.id ?? '');
              }}
              placeholder='搜索站点所属的工会'
            />
          )}
        </FormField>
      ) : (
        <View className='muted station-form__owner'>所属工会：{editing.station.org.name}</View>
      )}
      {text('name', '站点名称', '如：海口市职工服务中心', 40)}
      <FormField label='站点类型' field='kind' error={errors.kind} id='station-field-kind' errorId='station-kind-error'>
        <ChipGroup id='station-kind' className='wb-chips'>
          {STATION_KINDS.map((k) => (
            <Chip key={k} id={`station-kind-${k}`} active={draft.kind === k} onTap={() => set('kind', k)}>
              {STATION_KIND_LABELS[k]}
            </Chip>
          ))}
        </ChipGroup>
      </FormField>
      <FormField label='所在市县' field='city' error={errors.city} id='station-field-city' errorId='station-city-error'>
        <ChipGroup id='station-city' className='wb-chips'>
          {STATION_CITIES.map((c) => (
            <Chip key={c.code} id={`station-city-${c.code}`} active={draft.city === c.code} onTap={() => set('city', c.code)}>
              {c.name}
            </Chip>
          ))}
        </ChipGroup>
      </FormField>
      {text('address', '地址', '如：海口市美兰区海府路 139 号', 100)}
      {text('lat', '纬度', '如 20.0258', 14, '坐标请在腾讯地图或高德地图中点选地点后复制（GCJ-02），会员的“去这里”导航到这个位置。')}
      {text('lng', '经度', '如 110.3432', 14)}
      {text('hours', '开放时间', '如：周一至周五 08:30–17:30', 40)}
      <FormField label='服务项目' field='services' error={errors.services} id='station-field-services' errorId='station-services-error'>
        <ChipGroup id='station-services' className='wb-chips'>
          {STATION_SERVICES.map((s) => (
            <Chip key={s} id={`station-service-${s}`} active={draft.services.includes(s)} onTap={() => setDraft((d) => ({ ...d, services: toggleService(d.services, s) }))}>
              {STATION_SERVICE_LABELS[s]}
            </Chip>
          ))}
        </ChipGroup>
      </FormField>
      {text('phone', '联系电话（选填）', '如：0898-65312345', 20)}
      {formError ? (
        <View id='station-form-error' className='wb-error' role='alert'>
          {formError}
        </View>
      ) : null}
      <View className='station-form__actions'>
        <Button id='station-cancel' fill='outline' onClick={close}>
          取消
        </Button>
        <Button id='station-save' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
          {editing.mode === 'new' ? '新增' : '保存修改'}
        </Button>
      </View>
    </View>
  ) : null;

  return (
    <Page id='stations-admin-page'>
      <View className='panel'>
        <Text className='muted'>职工驿站的信息在这里维护，会员在“职工驿站”中按距离或市县查找。您可以新增本工会的站点，编辑或删除本工会及下级工会的站点。</Text>
      </View>
      <ChipGroup id='stations-admin-city' className='wb-chips'>
        {STATION_CITIES.map((c) => (
          <Chip key={c.code} id={`stations-admin-city-${c.code}`} active={city === c.code} onTap={() => chooseCity(c.code)}>
            {c.name}
          </Chip>
        ))}
      </ChipGroup>
      {notice ? (
        <View id='stations-admin-notice' className='panel station-notice' role='status'>
          {notice}
        </View>
      ) : null}
      {editing ? (
        form
      ) : (
        <Button id='stations-admin-new' type='primary' block onClick={openNew}>
          新增站点
        </Button>
      )}
      {state.kind !== 'ready' ? <PageState gate={state} id='stations-admin' onRetry={() => void load(city)} /> : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        <PageState gate={{ kind: 'empty', text: `${cityName(city)}还没有职工驿站` }} id='stations-admin' />
      ) : null}
      {state.kind === 'ready' ? (
        <View id='stations-admin-list'>
          {state.items.map((s) => (
            <View key={s.id} id={`stations-admin-${s.id}`} className='wb-card'>
              <View className='wb-card__title'>{s.name}</View>
              <View className='wb-card__meta'>
                {STATION_KIND_LABELS[s.kind]} · {s.org.name}
              </View>
              <View className='wb-card__meta'>{s.address}</View>
              <View className='wb-card__meta'>开放时间：{s.hours}</View>
              {s.services.length > 0 ? <View className='wb-card__meta'>服务：{s.services.map((x) => STATION_SERVICE_LABELS[x]).join('、')}</View> : null}
              {s.phone ? <View className='wb-card__meta'>电话：{s.phone}</View> : null}
              {s.canEdit ? (
                <View className='station-card__actions'>
                  <Button id={`stations-admin-edit-${s.id}`} size='small' fill='outline' disabled={busy} onClick={() => openEdit(s)}>
                    编辑
                  </Button>
                  <Button id={`stations-admin-remove-${s.id}`} size='small' fill='outline' disabled={busy} onClick={() => void remove(s)}>
                    删除
                  </Button>
                </View>
              ) : (
                <View className='muted station-card__readonly'>由上级或其他工会维护</View>
              )}
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
