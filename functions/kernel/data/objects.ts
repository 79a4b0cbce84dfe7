import type { S3Client } from '@aws-sdk/client-s3';
import { config, ConfigError, type Config } from '../config';

/**
 * Object storage (S3; locally s3rver): presigned POSTs that let a client upload one object straight
 * to the bucket, HeadObject and a ranged read to check what arrived, presigned GETs to show it.
 * Generic: a capability names its bucket by purpose (config().objects.buckets) and builds its object
 * keys in its own data/keys.ts.
 *
 * s3rver checks neither signatures nor POST policies: whatever the policy says, a caller that accepts
 * an uploaded object must check it itself (head(), readStart()).
 *
 * The SDK modules load on first use (like the SSM client in config.ts): functions that import this
 * module without touching a bucket pay nothing at cold start.
 */
export type BucketPurpose = keyof Config['objects']['buckets'];

/** A presigned POST: send `fields` as multipart form fields, then the file as `file`, to `url`. */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

export interface ObjectHead {
  size: number;
  contentType: string | null;
}

export interface ObjectStore {
  readonly bucket: string;
  /**
   * A POST policy for exactly `key` (no other key), a `Content-Type` of exactly `contentType`, and a
   * body of 1…`maxBytes` bytes, valid `expiresInSeconds` (default 10 minutes).
   */
  presignPost(input: { key: string; contentType: string; maxBytes: number; expiresInSeconds?: number }): Promise<PresignedPost>;
  /** Size and type of an object, or null when there is none. */
  head(key: string): Promise<ObjectHead | null>;
  /** The first `bytes` bytes of an object (fewer when it is shorter), or null when there is none. */
  readStart(key: string, bytes: number): Promise<Uint8Array | null>;
  /** A GET URL valid `expiresInSeconds` (default 15 minutes). */
  presignGet(key: string, options?: { expiresInSeconds?: number }): Promise<string>;
}

export const POST_EXPIRES_SECONDS = 10 * 60;
export const GET_EXPIRES_SECONDS = 15 * 60;

export interface ObjectStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (s3rver), addressed path-style; null for AWS's own. */
  endpoint: string | null;
  now?: () => Date;
}

const loadSdk = async () => {
  const [s3, post, presigner] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/s3-presigned-post'),
    import('@aws-sdk/s3-request-presigner'),
  ]);
  return { ...s3, createPresignedPost: post.createPresignedPost, getSignedUrl: presigner.getSignedUrl };
};
type Sdk = Awaited<ReturnType<typeof loadSdk>>;
let sdkPromise: Promise<Sdk> | undefined;
const sdk = () => (sdkPromise ??= loadSdk());

function isMissing({ NoSuchKey, NotFound, S3ServiceException }: Sdk, err: unknown): boolean {
  if (err instanceof NoSuchKey || err instanceof NotFound) return true;
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound');
}

export async function s3Client(options: Pick<ObjectStoreOptions, 'region' | 'endpoint'>): Promise<S3Client> {
  const { S3Client } = await sdk();
  return new S3Client(
    options.endpoint
      ? {
          region: options.region,
          endpoint: options.endpoint,
          forcePathStyle: true,
          // s3rver's own default key pair; nothing secret.
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }
      : { region: options.region },
  );
}

export async function createObjectStore(options: ObjectStoreOptions, s3?: S3Client): Promise<ObjectStore> {
  const { bucket } = options;
  const client = s3 ?? (await s3Client(options));
  const lib = await sdk();
  const { GetObjectCommand, HeadObjectCommand } = lib;
  const now = options.now ?? (() => new Date());
  return {
    bucket,
    async presignPost({ key, contentType, maxBytes, expiresInSeconds = POST_EXPIRES_SECONDS }) {
      const issuedAt = now();
      const { url, fields } = await lib.createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        // createPresignedPost adds the exact `key` and `bucket` conditions itself.
        Conditions: [
          ['eq', '$Content-Type', contentType],
          ['content-length-range', 1, maxBytes],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: expiresInSeconds,
      });
      return { url, fields, expiresAt: new Date(issuedAt.getTime() + expiresInSeconds * 1000) };
    },
    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? null };
      } catch (err) {
        if (isMissing(lib, err)) return null;
        throw err;
      }
    },
    async readStart(key, bytes) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
        const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
        // A server that ignores Range answers the whole object: keep the first bytes only.
        return body.subarray(0, bytes);
      } catch (err) {
        if (isMissing(lib, err)) return null;
        throw err;
      }
    },
    async presignGet(key, { expiresInSeconds = GET_EXPIRES_SECONDS } = {}) {
      return lib.getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds });
    },
  };
}

let clientPromise: Promise<S3Client> | undefined;
const stores = new Map<BucketPurpose, Promise<ObjectStore>>();

/** The container's store for a bucket purpose (one S3 client per container); refuses without its bucket. */
export function objectStore(purpose: BucketPurpose): Promise<ObjectStore> {
  let store = stores.get(purpose);
  if (!store) {
    const { objects, region } = config();
    const bucket = objects.buckets[purpose];
    if (!bucket) return Promise.reject(new ConfigError(`no bucket configured for ${purpose} (environment variable ${purpose.toUpperCase()}_BUCKET)`));
    const endpoint = objects.endpoint;
    clientPromise ??= s3Client({ region, endpoint });
    store = clientPromise.then((client) => createObjectStore({ bucket, region, endpoint }, client));
    stores.set(purpose, store);
    store.catch(() => stores.delete(purpose));
  }
  return store;
}
