import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PrivacyDocument } from '../../functions/membership/contracts/privacy';
import { privacyDocumentUrl } from '../services/privacy';
import { getPrivacyDocuments } from '../services/privacy-rights';
import { readSession } from '../services/session';
import { Page } from '../components/page';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; documents: PrivacyDocument[] };

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : '加载失败，请稍后再试');

function Entry({ id, title, detail, url }: { id: string; title: string; detail: string; url: string }) {
  return (
    <View id={id} className='privacy-entry' onClick={() => void Taro.navigateTo({ url })}>
      <View className='privacy-entry__text'>
        <View className='privacy-entry__title'>{title}</View>
        <Text className='privacy-entry__detail'>{detail}</Text>
      </View>
      <Text className='privacy-entry__arrow'>›</Text>
    </View>
  );
}

/**
 * 我的 ›「隐私与个人信息」: the 隐私政策 and the 会员信息授权说明 (version and date, each opening its
 * reader) for everyone; 导出我的数据 and 注销账号 for a logged-in user.
 */
export default function PrivacyPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [loggedIn, setLoggedIn] = useState(false);

  const load = useCallback(async () => {
    setLoggedIn(!!readSession());
    try {
      const { documents } = await getPrivacyDocuments();
      setState({ kind: 'ready', documents });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useDidShow(() => void load());

  return (
    <Page id='privacy-page'>
      <View className='panel'>
        <View className='panel__title'>隐私政策与授权说明</View>
        {state.kind === 'loading' ? (
          <View key='loading' id='privacy-loading' className='muted'>
            正在加载…
          </View>
        ) : null}
        {state.kind === 'error' ? (
          <View key='error'>
            <View id='privacy-error' className='privacy-error'>
              {state.message}
            </View>
            <Button id='privacy-retry' type='primary' block onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        ) : null}
        {state.kind === 'ready' ? (
          <View key='documents' id='privacy-documents'>
            {state.documents.map((doc) => (
              <Entry
                key={doc.id}
                id={`privacy-doc-${doc.id}`}
                title={`《${doc.title}》`}
                detail={`版本 ${doc.version} · ${doc.updatedAt} 起施行`}
                url={privacyDocumentUrl(doc.id)}
              />
            ))}
          </View>
        ) : null}
      </View>

      {loggedIn ? (
        <View key='rights' id='privacy-rights' className='panel'>
          <View className='panel__title'>我的个人信息</View>
          <Entry id='privacy-export' title='导出我的数据' detail='下载平台保存的与您有关的全部信息（JSON 文件）' url='/privacy/export/index' />
          <Entry id='privacy-close' title='注销账号' detail='删除账号、解除会员绑定；依法需保留的记录除外' url='/privacy/closing/index' />
        </View>
      ) : (
        <View key='anonymous' id='privacy-anonymous' className='panel muted'>
          登录后，可在这里导出您的数据或注销账号。
        </View>
      )}

      <View className='privacy-contact muted'>
        名册中的姓名、手机号、所在工会等由工会维护，需要更正请联系您所在的工会；其他个人信息保护事宜请联系海南省总工会。
      </View>
    </Page>
  );
}
