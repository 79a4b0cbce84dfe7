import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MerchantRef } from '../../../functions/benefits/contracts/benefits';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

type Contact = NonNullable<MerchantRef['contact']>;

/** A map link for H5 (a browser has no wx.openLocation): 高德's marker page at GCJ-02 coordinates. */
export function mapUrl(name: string, contact: Contact): string {
  const params = `position=${contact.longitude},${contact.latitude}&name=${encodeURIComponent(name)}&src=hainan-union&coordinate=gaode&callnative=0`;
  return `https://uri.amap.com/marker?${params}`;
}

function openMap(name: string, contact: Contact) {
  if (IS_WEAPP) {
    void Taro.openLocation({ latitude: contact.latitude, longitude: contact.longitude, name, address: contact.address, scale: 16 }).catch(() => undefined);
    return;
  }
  window.open(mapUrl(name, contact), '_blank', 'noopener');
}

function call(phone: string) {
  void Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d+]/g, '') }).catch(() => undefined);
}

/**
 * Where to use a benefit or coupon: each merchant's name, address, a tap to call it and a tap to see
 * it on the map (WeChat's map in the mini-program, 高德's page in H5). Merchants without a recorded
 * contact show their name only.
 */
export function MerchantContacts({ merchants, id = 'merchant-contacts' }: { merchants: MerchantRef[]; id?: string }) {
  if (merchants.length === 0) return null;
  return (
    <View id={id} className='merchant-contacts'>
      <View className='merchant-contacts__title'>适用商户</View>
      {merchants.map((m) => (
        <View key={m.id} id={`${id}-${m.id}`} className='merchant-contacts__item'>
          <View className='merchant-contacts__name'>{m.name}</View>
          {m.contact ? (
            <>
              <View className='merchant-contacts__address'>{m.contact.address}</View>
              <View className='merchant-contacts__actions'>
                <View
                  id={`${id}-call-${m.id}`}
                  className='merchant-contacts__action'
                  role='button'
                  aria-label={`拨打${m.name}电话 ${m.contact.phone}`}
                  onClick={() => call(m.contact!.phone)}
                >
                  <Text>电话 {m.contact.phone}</Text>
                </View>
                <View
                  id={`${id}-map-${m.id}`}
                  className='merchant-contacts__action'
                  role='button'
                  aria-label={`在地图上查看${m.name}`}
                  data-url={mapUrl(m.name, m.contact)}
                  onClick={() => openMap(m.name, m.contact!)}
                >
                  <Text>查看地图</Text>
                </View>
              </View>
            </>
          ) : null}
        </View>
      ))}
    </View>
  );
}

export default MerchantContacts;
