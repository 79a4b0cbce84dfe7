import { uploadsCreate } from '../../contracts/uploads';
import { endpoint } from '../../../kernel/http';
import { uploadDeps } from '../../services/upload-deps';
import { createUpload } from '../../services/uploads';

/** `{contentType}` → an UploadTicket: the phone POSTs the image straight to S3 with its fields. */
export const handler = endpoint(uploadsCreate, { deps: uploadDeps }, ({ body, openid, deps }) => createUpload(deps, openid, body));
