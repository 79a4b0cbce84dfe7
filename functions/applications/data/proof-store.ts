import { ulid } from 'ulid';
import { AppError } from '../../kernel/errors';
import { proofKeys } from './keys';
import type { ObjectStore } from '../../kernel/data/objects';
import { log } from '../../kernel/logger';
import { decodeImageHeader, dimensionsProblem, PROOF_HEADER_BYTES, PROOF_MAX_SIDE, PROOF_MIN_SIDE, signatureOf } from '../domain/proof-image';
import { PROOF_CONTENT_TYPES, PROOF_MAX_BYTES, PROOF_MAX_COUNT, type ProofContentType } from '../contracts/uploads';
import type { ProofStore } from '../services/ports';

/**
 * Proof images in the proofs bucket (kernel/data/objects.ts), keyed `proofs/<owner>/<ulid>.<ext>`
 * (data/keys.ts proofKeys). The upload itself is never trusted — s3rver enforces no POST policy, a
 * phone may send anything, and a form may name any key — so verify() checks each named object:
 * the owner's prefix, present, size, stored type, and that its first PROOF_HEADER_BYTES (one
 * ranged read) hold a whole JPEG or PNG header of plausible dimensions (domain/proof-image.ts).
 * That a key backs one application only is the filing's guard (services/submit.ts), not this.
 */
const EXTENSION: Record<ProofContentType, 'jpg' | 'png'> = { 'image/jpeg': 'jpg', 'image/png': 'png' };
const TYPE_OF_EXTENSION: Record<'jpg' | 'png', ProofContentType> = { jpg: 'image/jpeg', png: 'image/png' };

/** Why a named proof is refused (the order in which they are checked). */
export type ProofProblem =
  | 'too-many'
  | 'malformed'
  | 'not-owner'
  | 'duplicate'
  | 'missing'
  | 'empty'
  | 'too-large'
  | 'wrong-type'
  /** Starts like the image its key names, but is no such image (a polyglot, a truncated or damaged file, an exotic variant). */
  | 'unreadable'
  | 'too-small'
  | 'too-big';

/** The content type a well-formed key's extension promises. */
export function contentTypeOfKey(key: string): ProofContentType | null {
  const match = proofKeys.pattern.exec(key);
  return match ? TYPE_OF_EXTENSION[match[1] as 'jpg' | 'png'] : null;
}

/**
 * The rules a list of keys must meet before any object is read (pure): at most PROOF_MAX_COUNT,
 * each well-formed, under this account's own prefix, none twice. The first problem, with the index
 * of the key it concerns, or null.
 */
export function keyListProblem(openid: string, keys: readonly string[]): { index: number; problem: ProofProblem } | null {
  if (keys.length > PROOF_MAX_COUNT) return { index: PROOF_MAX_COUNT, problem: 'too-many' };
  const prefix = proofKeys.ownerPrefix(openid);
  const seen = new Set<string>();
  for (const [index, key] of keys.entries()) {
    if (!proofKeys.pattern.test(key)) return { index, problem: 'malformed' };
    if (!key.startsWith(prefix)) return { index, problem: 'not-owner' };
    if (seen.has(key)) return { index, problem: 'duplicate' };
    seen.add(key);
  }
  return null;
}

const baseType = (contentType: string | null) => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** The first problem of one stored object (null: it is a proof image of the type its key names). */
async function objectProblem(objects: ObjectStore, key: string): Promise<ProofProblem | null> {
  const head = await objects.head(key);
  if (!head) return 'missing';
  if (head.size <= 0) return 'empty';
  if (head.size > PROOF_MAX_BYTES) return 'too-large';
  const expected = contentTypeOfKey(key);
  const stored = baseType(head.contentType);
  if (!expected || stored !== expected || !(PROOF_CONTENT_TYPES as readonly string[]).includes(stored)) return 'wrong-type';
  const start = await objects.readStart(key, PROOF_HEADER_BYTES);
  if (!start) return 'missing';
  if (signatureOf(start) !== expected) return 'wrong-type';
  const decoded = decodeImageHeader(start);
  if (!decoded.ok) {
    log.info('proof image refused', { refusal: decoded.refusal, type: expected, size: head.size });
    return 'unreadable';
  }
  return dimensionsProblem(decoded.header);
}

/** The Chinese explanation of a problem with the `index`-th image (0-based). */
export function describeProblem(index: number, problem: ProofProblem): string {
  const nth = `第 ${index + 1} 张证明图片`;
  switch (problem) {
    case 'too-many':
      return `证明图片最多 ${PROOF_MAX_COUNT} 张，请删除多余的图片后再提交`;
    case 'duplicate':
      return `${nth}与前面的图片重复，请删除后再提交`;
    case 'too-large':
      return `${nth}超过 ${PROOF_MAX_BYTES / 1024 / 1024}MB，请压缩或重新拍摄后重新上传`;
    case 'wrong-type':
      return `${nth}不是 JPG 或 PNG 格式的图片，请重新上传`;
    case 'unreadable':
      return `${nth}无法识别，请重新拍照上传`;
    case 'too-small':
      return `${nth}太小（不足 ${PROOF_MIN_SIDE}×${PROOF_MIN_SIDE} 像素），看不清内容，请重新拍照上传`;
    case 'too-big':
      return `${nth}的尺寸过大（单边超过 ${PROOF_MAX_SIDE} 像素或总计超过 1 亿像素），请裁剪或缩小后重新上传`;
    case 'empty':
    case 'missing':
    case 'malformed':
    case 'not-owner':
      return `${nth}无效或已过期，请重新上传`;
  }
}

function refuse(index: number, problem: ProofProblem): never {
  const message = describeProblem(index, problem);
  throw new AppError('PROOF_INVALID', { message, fields: { proofKeys: message } });
}

export interface ProofStoreOptions {
  /**
   * The proofs bucket, built on first use: functions that never touch proofs neither load the S3
   * client (cold start) nor need the bucket configured.
   */
  objects: () => Promise<ObjectStore>;
  newId?: () => string;
}

export function createProofStore({ objects, newId = ulid }: ProofStoreOptions): ProofStore {
  return {
    async presign(openid, contentType) {
      const key = proofKeys.proof(openid, newId(), EXTENSION[contentType]);
      const post = await (await objects()).presignPost({ key, contentType, maxBytes: PROOF_MAX_BYTES });
      return { url: post.url, fields: post.fields, key, maxBytes: PROOF_MAX_BYTES, expiresAt: post.expiresAt.toISOString() };
    },
    async verify(openid, keys) {
      const listProblem = keyListProblem(openid, keys);
      if (listProblem) refuse(listProblem.index, listProblem.problem);
      if (keys.length === 0) return;
      const store = await objects();
      const problems = await Promise.all(keys.map((key) => objectProblem(store, key)));
      const index = problems.findIndex((p) => p !== null);
      if (index >= 0) refuse(index, problems[index] as ProofProblem);
    },
    async viewUrls(keys) {
      const store = await objects();
      return Promise.all(keys.map((key) => store.presignGet(key)));
    },
  };
}
