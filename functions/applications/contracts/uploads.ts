import * as z from 'zod/mini';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { applicationsErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * POST /api/uploads {contentType} — a presigned POST for one proof image (a 补贴 ticket, …). The
 * mini-program sends the file straight to S3 with `Taro.uploadFile` (multipart, `fields` as form
 * data, the file as `file`), then names `key` in the application's form; the API checks each named
 * object (owner's prefix, present, size, type) before it accepts the form.
 */
export const PROOF_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;
export const PROOF_MAX_BYTES = 5 * 1024 * 1024;
/** At most this many proof images per application. */
export const PROOF_MAX_COUNT = 3;

export const proofContentTypeSchema = /* @__PURE__ */ contract(() => z.enum(PROOF_CONTENT_TYPES, { error: '只能上传 JPG 或 PNG 格式的图片' }));
export type ProofContentType = z.infer<typeof proofContentTypeSchema>;

export const uploadRequest = /* @__PURE__ */ contract(() => z.strictObject({ contentType: proofContentTypeSchema }));
export type UploadRequest = z.infer<typeof uploadRequest>;

/** The answer: where to POST, the form fields to send with the file, and the key to name later. */
export interface UploadTicket {
  url: string;
  fields: Record<string, string>;
  key: string;
  maxBytes: number;
  /** ISO instant after which S3 refuses the POST. */
  expiresAt: string;
}

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** `{contentType}` → an UploadTicket: the phone POSTs the image straight to storage with its fields. */
export const uploadsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'uploadsCreate',
    method: 'POST',
    path: '/api/uploads',
    auth: 'session',
    request: { body: uploadRequest },
    response: returns<UploadTicket>(),
    errors: applicationsErrors('TOO_MANY_ATTEMPTS'),
  }),
);
