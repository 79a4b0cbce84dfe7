import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Map, Picker, Text, View, type MapProps } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Station, StationListResponse } from '../../../functions/stations/contracts/stations';
import { Page } from '../../components/page';
import { gateOf, PageState, type PageGate } from '../../components/page-state';
import { StatusTag } from '../../components/status-tag';
import {
  STATION_CITIES,
  STATION_KIND_LABELS,
  STATION_SERVICE_LABELS,
  cityName,
  distanceLabel,
  mapCentre,
  markersOf,
  navigationUrl,
  wgs84ToGcj02,
} from '../../components/station/model';
import { cityStations, nearbyStations } from '../../services/stations';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
const DEFAULT_CITY = '01';

/** The member's position in GCJ-02: WeChat answers gcj02 itself, a browser WGS-84 (converted). */
async function locate(): Promise<{ lat: number; lng: number }> {
  const at = await Taro.getLocation({ type: IS_WEAPP ? 'gcj02' : 'wgs84' });
  const here = { lat: at.latitude, lng: at.longitude };
  return IS_WEAPP ? here : wgs84ToGcj02(here);
}

/** 去这里: WeChat's map with its navigation in the mini-program, 高德's route page in H5. */
function navigate(s: Station) {
  if (IS_WEAPP) {
    void Taro.openLocation({ latitude: s.location.lat, longitude: s.location.lng, name: s.name, address: s.address, scale: 16 }).catch(() => undefined);
    return;
  }
  window.open(navigationUrl(s), '_blank', 'noopener');
}

function dial(phone: string) {
  void Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d+]/g, '') }).catch(() => undefined);
}

function StationCard({ s }: { s: Station }) {
  return (
    <View id={`station-${s.id}`} className='panel station-card'>
      <View className='station-card__head'>
        <Text className='station-card__name'>{s.name}</Text>
        {s.distanceM !== null ? (
          <Text className='station-card__distance' id={`station-distance-${s.id}`}>
            {distanceLabel(s.distanceM)}
          </Text>
        ) : null}
      </View>
      <View className='station-card__tags'>
        <StatusTag tone={s.kind === 'outdoor' ? 'progress' : s.kind === 'center' ? 'brand' : 'info'}>{STATION_KIND_LABELS[s.kind]}</StatusTag>
      </View>
      <View className='station-card__line'>{s.address}</View>
      <View className='station-card__line'>开放时间：{s.hours}</View>
      {s.services.length > 0 ? (
        <View className='station-card__services'>
          {s.services.map((k) => (
            <Text key={k} className='station-card__service'>
              {STATION_SERVICE_LABELS[k]}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='station-card__line station-card__org'>{s.org.name}</View>
      <View className='station-card__actions'>
        <Button id={`station-go-${s.id}`} type='primary' size='small' onClick={() => navigate(s)} aria-label={`去${s.name}`} data-url={navigationUrl(s)}>
          去这里
        </Button>
        {s.phone ? (
          <Button id={`station-call-${s.id}`} size='small' fill='outline' onClick={() => dial(s.phone)} aria-label={`拨打${s.name}电话 ${s.phone}`}>
            电话 {s.phone}
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/**
 * 职工驿站: the stations of a city by name (海口 first; no location asked), or — once the member taps
 * 附近 and allows it — those within 25 km nearest first, as a list and (in WeChat) a map, each with
 * 去这里 opening WeChat's navigation (高德's route page in H5).
 */
export default function StationFinder() {
  const [city, setCity] = useState(DEFAULT_CITY);
  const [here, setHere] = useState<{ lat: number; lng: number } | null>(null);
  const [answer, setAnswer] = useState<StationListResponse | null>(null);
  const [gate, setGate] = useState<PageGate | null>({ kind: 'loading' });
  const [note, setNote] = useState<string | null>(null);
  const [view, setView] = useState<'list' | 'map'>('list');

  const load = useCallback((read: () => Promise<StationListResponse>) => {
    setGate({ kind: 'loading' });
    read().then(
      (a) => {
        setAnswer(a);
        setGate(a.items.length === 0 ? { kind: 'empty', text: a.mode === 'nearby' ? `附近 ${a.radiusKm} 公里内暂无职工驿站，可按市县查看` : '该市县暂无职工驿站' } : null);
      },
      (e: unknown) => setGate(gateOf(e)),
    );
  }, []);

  useEffect(() => load(() => cityStations(DEFAULT_CITY)), [load]);

  const nearby = async () => {
    setNote(null);
    try {
      const at = await locate();
      setHere(at);
      load(() => nearbyStations(at));
    } catch {
      setNote('未能获取您的位置（可能未授权），已按市县显示；可在设置中允许使用位置后再点“附近”。');
    }
  };

  const pickCity = (code: string) => {
    setCity(code);
    setHere(null);
    setNote(null);
    load(() => cityStations(code));
  };

  const retry = () => (here ? load(() => nearbyStations(here)) : load(() => cityStations(city)));
  const items = answer?.items ?? [];
  const centre = mapCentre(items, here);

  return (
    <Page id='stations-page'>
      <View className='panel station-bar'>
        <Button id='stations-nearby' type={answer?.mode === 'nearby' ? 'primary' : 'default'} size='small' onClick={() => void nearby()}>
          附近
        </Button>
        <Picker mode='selector' range={STATION_CITIES.map((c) => c.name)} value={STATION_CITIES.findIndex((c) => c.code === city)} onChange={(e) => pickCity(STATION_CITIES[Number(e.detail.value)]!.code)}>
          <View id='stations-city' className={`station-bar__city${answer?.mode === 'city' ? ' station-bar__city--on' : ''}`} role='button' aria-label='选择市县'>
            {cityName(city)} ▾
          </View>
        </Picker>
        {IS_WEAPP ? (
          <View className='station-bar__views'>
            <Text id='stations-view-list' className={`station-bar__view${view === 'list' ? ' station-bar__view--on' : ''}`} onClick={() => setView('list')}>
              列表
            </Text>
            <Text id='stations-view-map' className={`station-bar__view${view === 'map' ? ' station-bar__view--on' : ''}`} onClick={() => setView('map')}>
              地图
            </Text>
          </View>
        ) : null}
      </View>
      {note ? (
        <View id='stations-note' className='panel station-note' role='alert'>
          {note}
        </View>
      ) : null}
      <View id='stations-summary' className='station-summary'>
        {answer && !gate ? (answer.mode === 'nearby' ? `附近 ${answer.radiusKm} 公里内 ${items.length} 个站点，由近到远` : `${cityName(city)} ${items.length} 个站点`) : ''}
      </View>
      {gate ? (
        <PageState id='stations' gate={gate} onRetry={retry} />
      ) : IS_WEAPP && view === 'map' ? (
        <Map
          id='stations-map'
          className='station-map'
          latitude={centre.lat}
          longitude={centre.lng}
          scale={here ? 13 : 11}
          showLocation={here !== null}
          // WeChat draws its default marker when iconPath is absent (Taro's type asks for one).
          markers={markersOf(items) as unknown as MapProps['markers']}
          onCalloutTap={(e) => {
            const s = items[Number((e.detail as { markerId?: number }).markerId)];
            if (s) navigate(s);
          }}
          onError={() => setView('list')}
        />
      ) : (
        <View id='stations-list'>
          {items.map((s) => (
            <StationCard key={s.id} s={s} />
          ))}
        </View>
      )}
    </Page>
  );
}
