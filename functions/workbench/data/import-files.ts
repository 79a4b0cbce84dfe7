import type { Readable } from 'node:stream';
import { config } from '../../kernel/config';
import { objectStore, s3Client } from '../../kernel/data/objects';
import type { ImportFileStore } from '../services/ports';

/**
 * Roster files and reports in the uploads bucket (kernel/data/objects.ts, the bucket of proof
 * images), under `imports/` (data/keys.ts rosterImportKeys). The presigned POST and
 * HeadObject are the kernel's; reading a whole file as a stream, writing a report and a download
 * URL that names the file are this capability's own (the same S3 client settings).
 */
const PURPOSE = 'proofs';
const DOWNLOAD_EXPIRES_SECONDS = 15 * 60;

let clientPromise: ReturnType<typeof s3Client> | undefined;
const client = () => {
  const { region, objects } = config();
  return (clientPromise ??= s3Client({ region, endpoint: objects.endpoint }));
};
const sdk = async () => {
  const [s3, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  return { ...s3, getSignedUrl: presigner.getSignedUrl };
};

export const importFileStore: ImportFileStore = {
  async presignUpload(key, contentType, maxBytes) {
    return (await objectStore(PURPOSE)).presignPost({ key, contentType, maxBytes });
  },
  async head(key) {
    const head = await (await objectStore(PURPOSE)).head(key);
    return head ? { size: head.size } : null;
  },
  async open(key) {
    const [{ GetObjectCommand }, s3, store] = await Promise.all([sdk(), client(), objectStore(PURPOSE)]);
    const out = await s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
    if (!out.Body) throw new Error(`import file ${key} has no body`);
    return out.Body as Readable;
  },
  async put(key, body, contentType) {
    const [{ PutObjectCommand }, s3, store] = await Promise.all([sdk(), client(), objectStore(PURPOSE)]);
    await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: body, ContentType: contentType }));
  },
  async presignDownload(key, fileName) {
    const [{ GetObjectCommand, getSignedUrl }, s3, store] = await Promise.all([sdk(), client(), objectStore(PURPOSE)]);
    const disposition = `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: store.bucket, Key: key, ResponseContentDisposition: disposition }), {
      expiresIn: DOWNLOAD_EXPIRES_SECONDS,
    });
    return { url, expiresAt: new Date(Date.now() + DOWNLOAD_EXPIRES_SECONDS * 1000) };
  },
};
