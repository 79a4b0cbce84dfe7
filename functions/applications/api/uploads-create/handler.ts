import { uploadRequest } from '../../contracts/uploads';
import { authenticate, endpoint } from '../../../kernel/http';
import { uploadDeps } from '../../services/upload-deps';
import { createUpload } from '../../services/uploads';

/** `{contentType}` → an UploadTicket: the phone POSTs the image straight to S3 with its fields. */
export const handler = endpoint({ deps: uploadDeps, body: uploadRequest }, async ({ event, body, deps }) =>
  createUpload(deps, await authenticate(event, deps), body),
);
