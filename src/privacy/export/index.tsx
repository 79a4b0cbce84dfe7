import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { exportMyData, summarize, type MyDataFile } from '../../services/privacy-rights';
import { readSession } from '../../services/session';
import { downloadInBrowser, saveInWeChat, shareInWeChat } from './save';
import { Page } from '../../components/page';
import '../index.scss';

const IN_WECHAT = process.env.TARO_ENV === 'weapp';

type State =
  | { kind: 'idle' }
  | { kind: 'exporting' }
  | { kind: 'error'; message: string }
  /** `savedPath`: where WeChat keeps the file (null in H5, where the browser downloaded it). */
  | { kind: 'done'; file: MyDataFile; savedPath: string | null };

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : '导出失败，请稍后再试');

/**
 * 「导出我的数据」: GET /api/me/data. H5 downloads the JSON file; WeChat saves it in the
 * mini-program's folder and offers to send it to a chat; both show what the file holds.
 */
export default function PrivacyExportPage() {
  const [state, setState] = useState<State>({ kind: 'idle' });

  useLoad(() => {
    if (!readSession()) void Taro.redirectTo({ url: '/pages/login/index' });
  });

  const start = async () => {
    if (state.kind === 'exporting') return;
    setState({ kind: 'exporting' });
    try {
      const file = await exportMyData();
      if (IN_WECHAT) {
        setState({ kind: 'done', file, savedPath: await saveInWeChat(file.fileName, file.text) });
      } else {
        downloadInBrowser(file.fileName, file.text);
        setState({ kind: 'done', file, savedPath: null });
      }
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  };

  const share = async (path: string, fileName: string) => {
    if (!(await shareInWeChat(path, fileName))) void Taro.showToast({ title: '未发送', icon: 'none' });
  };

  return (
    <Page id='privacy-export-page'>
      <View className='panel'>
        <View className='panel__title'>导出我的数据</View>
        <Text className='muted'>
          导出平台保存的与您有关的全部信息：账号和身份、会员绑定和您同意的授权说明版本、名册信息、会员卡及核验记录、普惠券及核销记录、办事申请及办理过程。身份证号只显示前2位和后2位，手机号只显示前3位和后4位。
        </Text>
        <View className='privacy-actions'>
          <Button id='privacy-export-start' type='primary' block loading={state.kind === 'exporting'} disabled={state.kind === 'exporting'} onClick={() => void start()}>
            {state.kind === 'done' ? '重新导出' : '导出我的数据'}
          </Button>
        </View>
        {state.kind === 'error' ? (
          <View key='error' id='privacy-export-error' className='privacy-error'>
            {state.message}
          </View>
        ) : null}
      </View>

      {state.kind === 'done' ? (
        <View key='done' id='privacy-export-done' className='panel'>
          <View className='panel__title'>已导出</View>
          <View id='privacy-export-file' className='muted'>
            {state.savedPath ? `已保存到小程序的本地文件：${state.file.fileName}` : `已下载：${state.file.fileName}`}
          </View>
          <View id='privacy-export-summary'>
            {summarize(state.file.data).map((line) => (
              <View key={line.key} id={`privacy-export-${line.key}`} className='privacy-summary__row'>
                <Text className='privacy-summary__label'>{line.label}</Text>
                <Text>{line.value}</Text>
              </View>
            ))}
          </View>
          <View className='privacy-actions'>
            {state.savedPath ? (
              <Button key='share' id='privacy-export-share' type='primary' fill='outline' block onClick={() => void share(state.savedPath!, state.file.fileName)}>
                发送到聊天
              </Button>
            ) : (
              <Button
                key='download'
                id='privacy-export-download'
                type='primary'
                fill='outline'
                block
                onClick={() => downloadInBrowser(state.file.fileName, state.file.text)}
              >
                再次下载
              </Button>
            )}
          </View>
          {state.savedPath ? (
            <Text key='hint' className='muted'>
              手机上无法直接打开 JSON 文件：可发送给「文件传输助手」，在电脑版微信中打开或保存。
            </Text>
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}
