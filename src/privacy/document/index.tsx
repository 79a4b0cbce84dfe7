import { useCallback, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PrivacyDocument } from '../../../functions/membership/contracts/privacy';
import { getPrivacyDocument } from '../../services/privacy-rights';
import { Page } from '../../components/page';
import '../index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'missing' }
  | { kind: 'ready'; document: PrivacyDocument };

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : '加载失败，请稍后再试');

/** Reads one privacy text (`?id=privacy-policy` or `?id=member-consent`) section by section. */
export default function PrivacyDocumentPage() {
  const [id, setId] = useState('privacy-policy');
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async (documentId: string) => {
    setState({ kind: 'loading' });
    try {
      const document = await getPrivacyDocument(documentId);
      if (!document) {
        setState({ kind: 'missing' });
        return;
      }
      setState({ kind: 'ready', document });
      void Taro.setNavigationBarTitle({ title: document.title });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useLoad((params: Record<string, string | undefined>) => {
    const documentId = params.id || 'privacy-policy';
    setId(documentId);
    void load(documentId);
  });

  return (
    <Page id='privacy-document-page'>
      {state.kind === 'loading' ? (
        <View key='loading' className='panel muted'>
          正在加载…
        </View>
      ) : null}
      {state.kind === 'missing' ? (
        <View key='missing' id='privacy-document-missing' className='panel muted'>
          没有找到这份文件，请返回后重新打开。
        </View>
      ) : null}
      {state.kind === 'error' ? (
        <View key='error' className='panel'>
          <View id='privacy-document-error' className='privacy-error'>
            {state.message}
          </View>
          <Button id='privacy-document-retry' type='primary' block onClick={() => void load(id)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {state.kind === 'ready' ? (
        <View key='document' id='privacy-document' className='panel' data-document={state.document.id}>
          <View id='privacy-document-title' className='panel__title'>
            {state.document.title}
          </View>
          <View id='privacy-document-version' className='privacy-doc__meta muted'>
            版本 {state.document.version} · {state.document.updatedAt} 起施行
          </View>
          {state.document.sections.map((section) => (
            <View key={section.heading} className='privacy-doc__section'>
              <View className='privacy-doc__heading'>{section.heading}</View>
              {section.paragraphs.map((paragraph, index) => (
                <Text key={index} className='privacy-doc__paragraph'>
                  {paragraph}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
