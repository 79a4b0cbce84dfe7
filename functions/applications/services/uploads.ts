import { AppError } from '../../kernel/errors';
import type { QuotaStore } from '../../kernel/data/quota-store';
import type { Tokens } from '../../kernel/tokens';
import type { UploadRequest, UploadTicket } from '../contracts/uploads';
import type { ProofStore } from './ports';

/** Presigned POSTs per account and hour: a few applications' proofs with retries, not a file host. */
export const UPLOADS_PER_HOUR = 30;

const HOUR_MS = 60 * 60 * 1000;

/** The side effects of POST /api/uploads (production wiring: upload-deps.ts). */
export interface UploadDeps {
  tokens: Tokens;
  proofs: ProofStore;
  quotas: QuotaStore;
  now: () => Date;
}

/**
 * POST /api/uploads: a presigned POST for one proof image under the account's own prefix, counted
 * against the account's hourly window (TOO_MANY_ATTEMPTS past it). Nothing is trusted yet: the form
 * that names the key is checked by ProofStore.verify().
 */
export async function createUpload(deps: UploadDeps, openid: string, request: UploadRequest): Promise<UploadTicket> {
  const hour = Math.floor(deps.now().getTime() / HOUR_MS);
  const allowed = await deps.quotas.consume({ scope: 'uploads', subject: openid, period: `h${hour}` }, UPLOADS_PER_HOUR, new Date((hour + 2) * HOUR_MS));
  if (!allowed) throw new AppError('TOO_MANY_ATTEMPTS', { message: '上传图片过于频繁，请一小时后再试' });
  return deps.proofs.presign(openid, request.contentType);
}
