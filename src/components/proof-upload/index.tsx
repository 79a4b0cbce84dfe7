import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { PROOF_MAX_COUNT } from '../../../functions/applications/contracts/uploads';
import { imageRefusal, uploadProof, type PickedImage } from '../../services/subsidy';
import { requirePrivacyAuthorization } from '../../services/privacy';
import { PrivacyPopup } from '../privacy-popup';
import './index.scss';

/** One picked image: uploading, uploaded (with the key to name in the form), or refused/failed. */
export interface Proof {
  id: string;
  path: string;
  state: 'uploading' | 'done' | 'failed';
  key: string | null;
  error: string | null;
  image: PickedImage;
}

const messageOf = (error: unknown) =>
  error instanceof Error && error.message ? error.message : '图片上传失败，请重新选择图片上传';

/**
 * The ticket images of a form: pick (Taro.chooseImage, up to `max`), each checked (JPG/PNG, size)
 * and uploaded at once (POST /api/uploads, then Taro.uploadFile straight to storage); remove any,
 * retry a failed one. `keys` are the uploaded ones, in the order picked.
 */
export function useProofs({ max = PROOF_MAX_COUNT, upload = uploadProof }: { max?: number; upload?: (image: PickedImage) => Promise<string> } = {}) {
  const [proofs, setProofs] = useState<Proof[]>([]);
  const [pickError, setPickError] = useState('');
  const sequence = useRef(0);

  const patch = useCallback((id: string, change: Partial<Proof>) => {
    setProofs((prev) => prev.map((p) => (p.id === id ? { ...p, ...change } : p)));
  }, []);

  const send = useCallback(
    (proof: Proof) => {
      upload(proof.image).then(
        (key) => patch(proof.id, { state: 'done', key, error: null }),
        (error: unknown) => patch(proof.id, { state: 'failed', key: null, error: messageOf(error) }),
      );
    },
    [upload, patch],
  );

  const pick = async () => {
    const room = max - proofs.length;
    if (room <= 0) return;
    setPickError('');
    // WeChat's privacy guide first: refused, the album and camera are never opened.
    if (!(await requirePrivacyAuthorization())) {
      setPickError('需要您同意隐私保护指引后才能选择图片');
      return;
    }
    let picked: PickedImage[];
    try {
      const result = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      picked = (result.tempFiles ?? result.tempFilePaths.map((path) => ({ path, size: 0 }))).map((f) => ({
        path: f.path,
        size: f.size,
        ...('type' in f && typeof f.type === 'string' && { type: f.type }),
      }));
    } catch {
      return; // Cancelled: nothing picked.
    }
    const added = picked.slice(0, room).map((image): Proof => {
      sequence.current += 1;
      const refusal = imageRefusal(image);
      return {
        id: `proof-${sequence.current}`,
        path: image.path,
        image,
        key: null,
        state: refusal ? 'failed' : 'uploading',
        error: refusal,
      };
    });
    if (picked.length > room) setPickError(`最多上传${max}张图片`);
    setProofs((prev) => [...prev, ...added]);
    for (const proof of added) if (proof.state === 'uploading') send(proof);
  };

  const remove = (id: string) => setProofs((prev) => prev.filter((p) => p.id !== id));

  const retry = (id: string) => {
    const proof = proofs.find((p) => p.id === id);
    if (!proof || proof.state !== 'failed' || imageRefusal(proof.image)) return;
    patch(id, { state: 'uploading', error: null });
    send(proof);
  };

  const keys = proofs.flatMap((p) => (p.state === 'done' && p.key ? [p.key] : []));
  const uploading = proofs.some((p) => p.state === 'uploading');
  const failed = proofs.some((p) => p.state === 'failed');
  return { proofs, keys, uploading, failed, pickError, pick, remove, retry, max };
}

export type ProofsState = ReturnType<typeof useProofs>;

/** The thumbnails (tap: preview; ×: remove; a failed one: retry) and the tile that adds more. */
export function ProofUpload({ id, proofs: state }: { id: string; proofs: ProofsState }) {
  const { proofs, pick, remove, retry, max, pickError } = state;
  const preview = (path: string) =>
    void Taro.previewImage({ urls: proofs.filter((p) => p.state !== 'failed').map((p) => p.path), current: path });
  return (
    <View id={id}>
      <View className='proof-upload'>
        {proofs.map((proof) => (
          <View key={proof.id} id={`${id}-${proof.id}`} className={`proof-upload__tile proof-upload__tile--${proof.state}`} data-state={proof.state}>
            <Image
              className='proof-upload__image'
              src={proof.path}
              mode='aspectFill'
              onClick={() => (proof.state === 'failed' ? retry(proof.id) : preview(proof.path))}
            />
            {proof.state === 'uploading' ? (
              <Text key='uploading' className='proof-upload__state'>
                上传中…
              </Text>
            ) : null}
            {proof.state === 'failed' ? (
              <Text key='failed' className='proof-upload__state proof-upload__state--failed'>
                {imageRefusal(proof.image) ? '不能上传' : '点击重试'}
              </Text>
            ) : null}
            <View id={`${id}-${proof.id}-remove`} className='proof-upload__remove' role='button' aria-label='删除这张图片' onClick={() => remove(proof.id)}>
              ×
            </View>
          </View>
        ))}
        {proofs.length < max ? (
          <View id={`${id}-add`} className='proof-upload__tile proof-upload__add' role='button' onClick={() => void pick()}>
            <Text className='proof-upload__plus'>+</Text>
            <Text>
              添加图片 {proofs.length}/{max}
            </Text>
          </View>
        ) : null}
      </View>
      {[
        ...proofs.flatMap((p, index) => (p.error ? [{ id: p.id, text: `第${index + 1}张：${p.error}` }] : [])),
        ...(pickError ? [{ id: 'pick', text: pickError }] : []),
      ].map(
        (message) => (
          <Text key={message.id} id={`${id}-${message.id}-error`} className='app-form__error'>
            {message.text}
          </Text>
        ),
      )}
      <PrivacyPopup />
    </View>
  );
}

export default ProofUpload;
