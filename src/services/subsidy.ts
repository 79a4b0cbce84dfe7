import Taro from '@tarojs/taro';
import {
  adminSubsidyCampaignsApprove,
  adminSubsidyCampaignsList,
  adminSubsidyRulesGet,
  subsidyCampaignsGet,
  subsidyCampaignsList,
  type AdminCampaignListResponse,
  type AdminCampaignResponse,
  type MemberCampaignListResponse,
  type MemberCampaignResponse,
  type SubsidyRulesResponse,
} from '../../functions/applications/contracts/subsidy';
import {
  PROOF_CONTENT_TYPES,
  PROOF_MAX_BYTES,
  type ProofContentType,
  uploadsCreate,
  type UploadRequest,
  type UploadTicket,
} from '../../functions/applications/contracts/uploads';
import { ApiError, call } from './request';

/**
 * 补贴申请: the campaigns a member may apply to (functions/applications/contracts/subsidy.ts) and
 * the ticket images, which go from the phone straight to object storage with a presigned POST
 * (functions/applications/contracts/uploads.ts); the application names the uploaded keys.
 */

/** The open campaigns, each with where the caller stands (`me`). */
export function listCampaigns(): Promise<MemberCampaignListResponse> {
  return call(subsidyCampaignsList);
}

/** One campaign, with where the caller stands. */
export function getCampaign(campaignId: string): Promise<MemberCampaignResponse> {
  return call(subsidyCampaignsGet, { params: { id: campaignId } });
}

/** Officials: the campaigns of their subtree, with figures and whether they may approve each. */
export function listAdminCampaigns(): Promise<AdminCampaignListResponse> {
  return call(adminSubsidyCampaignsList);
}

/** Officials of the level above: a campaign waiting for approval takes effect (never by its creator). */
export function approveCampaign(campaignId: string): Promise<AdminCampaignResponse> {
  return call(adminSubsidyCampaignsApprove, { params: { id: campaignId } });
}

/** The province's subsidy rules: the amounts a campaign's tiers may pay. */
export function getSubsidyRules(): Promise<SubsidyRulesResponse> {
  return call(adminSubsidyRulesGet);
}

/** `{contentType}`: where and how to send one image, and the key to name later. */
export function requestUpload(body: UploadRequest): Promise<UploadTicket> {
  return call(uploadsCreate, { body });
}

/** A picked image as Taro.chooseImage hands it over (H5 adds the browser's `type`). */
export interface PickedImage {
  path: string;
  size: number;
  type?: string;
}

const TYPE_REFUSED = '只能上传 JPG 或 PNG 格式的图片';

/**
 * The content type to announce for a picked image: the browser's own (H5), else the file's
 * extension (WeChat's temporary paths keep it: `http://tmp/….jpg`); null for anything that is not
 * a JPEG or PNG.
 */
export function contentTypeOf(image: PickedImage): ProofContentType | null {
  if (image.type && (PROOF_CONTENT_TYPES as readonly string[]).includes(image.type)) return image.type as ProofContentType;
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(image.path)?.[1]?.toLowerCase();
  if (extension === 'jpg' || extension === 'jpeg') return 'image/jpeg';
  if (extension === 'png') return 'image/png';
  return null;
}

/** What a picked image is refused for before anything is sent, or null when it may go. */
export function imageRefusal(image: PickedImage): string | null {
  if (!contentTypeOf(image)) return TYPE_REFUSED;
  if (image.size > PROOF_MAX_BYTES) return `图片不能超过${Math.floor(PROOF_MAX_BYTES / 1024 / 1024)}MB，请裁剪或压缩后重新选择`;
  return null;
}

/**
 * Uploads one picked image: a ticket from the API, then the file itself as multipart to the
 * storage URL, the ticket's fields first and the file last as `file` (what a presigned POST
 * expects). Resolves with the key to name in the form; rejects with an ApiError in Chinese.
 */
export async function uploadProof(image: PickedImage): Promise<string> {
  const contentType = contentTypeOf(image);
  if (!contentType) throw new ApiError('PROOF_INVALID', TYPE_REFUSED, 400);
  const ticket = await requestUpload({ contentType });
  let result: Taro.uploadFile.SuccessCallbackResult;
  try {
    result = await Taro.uploadFile({
      url: ticket.url,
      filePath: image.path,
      name: 'file',
      formData: ticket.fields,
      // H5 only: the storage answers CORS without credentials (no cookies go there).
      withCredentials: false,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', '图片上传失败，请检查网络后重试', 0);
  }
  if (result.statusCode < 200 || result.statusCode >= 300) {
    throw new ApiError('BAD_RESPONSE', '图片上传失败，请重新选择图片上传', result.statusCode);
  }
  return ticket.key;
}
