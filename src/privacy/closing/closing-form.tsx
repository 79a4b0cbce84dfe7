import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DELETION_CONFIRMATION, KEPT_AFTER_CLOSING } from '../../../functions/privacy/contracts/data-subject';
import { refusalOf } from '../../services/refusal';
import { confirmSheet } from '../../components/confirm-sheet';
import '../index.scss';

/** What closing does (README › Privacy (PIPL) › Closing an account), in the member's words. */
export const DELETED_ON_CLOSING: readonly string[] = [
  '您的小程序账号及其身份（会员、工会工作人员、商户核销员）被删除',
  '与工会会员记录的绑定解除；以后您可以重新登录，作为新账号再次绑定',
  '未使用的券作废，不能再核销，领取名额不退回',
  '正在办理中的申请自动撤回；您提交过的申请与您的微信账号断开关联',
];

export interface AccountClosingFormProps {
  /** Closes the account (POST /api/me/deletion); rejects with the API's refusal. */
  close: () => Promise<void>;
}

/**
 * 注销账号: says what is deleted and what the union keeps (KEPT_AFTER_CLOSING), asks for the typed
 * word 注销, confirms in a modal, then closes; a refusal is shown as the API's message.
 */
export function AccountClosingForm({ close }: AccountClosingFormProps) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const [closing, setClosing] = useState(false);
  const confirmed = typed.trim() === DELETION_CONFIRMATION;

  const submit = async () => {
    if (!confirmed || closing) return;
    setError('');
    const confirm = await confirmSheet({
      title: '确认注销账号',
      content: '注销后账号无法恢复，未使用的券将作废，办理中的申请将撤回。确定注销吗？',
      confirmText: '确认注销',
      cancelText: '再想想',
      danger: true,
    });
    if (!confirm) return;
    setClosing(true);
    try {
      await close();
    } catch (failure) {
      setError(refusalOf(failure, '注销失败，请稍后再试').message);
    } finally {
      setClosing(false);
    }
  };

  return (
    <View id='account-closing' className='closing-form'>
      <View className='panel'>
        <View className='panel__title'>注销后</View>
        <View id='closing-deleted' className='privacy-list'>
          {DELETED_ON_CLOSING.map((line) => (
            <Text key={line} className='privacy-list__item'>
              · {line}
            </Text>
          ))}
        </View>
      </View>
      <View className='panel'>
        <View className='panel__title'>依法保留的信息</View>
        <Text className='muted'>以下信息由工会依法保存，不因注销账号而删除：</Text>
        <View id='closing-kept' className='privacy-list'>
          {KEPT_AFTER_CLOSING.map((line) => (
            <Text key={line} className='privacy-list__item'>
              · {line}
            </Text>
          ))}
        </View>
      </View>
      <View className='panel'>
        <View className='panel__title'>确认注销</View>
        <Text className='muted'>请在下面输入“{DELETION_CONFIRMATION}”二字：</Text>
        <Input
          id='closing-confirm'
          className='closing-input'
          type='text'
          maxlength={10}
          placeholder={`输入“${DELETION_CONFIRMATION}”`}
          value={typed}
          onInput={(e) => {
            setTyped(e.detail.value);
            setError('');
          }}
        />
        {error ? (
          <View key='error' id='closing-error' className='privacy-error'>
            {error}
          </View>
        ) : null}
        <View className='privacy-actions'>
          <Button id='closing-submit' type='primary' block disabled={!confirmed || closing} loading={closing} onClick={() => void submit()}>
            注销账号
          </Button>
        </View>
      </View>
    </View>
  );
}

export default AccountClosingForm;
