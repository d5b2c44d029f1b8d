// The hosted object store: a private Supabase Storage bucket (created by migration
// 20261130000500), reached with @supabase/storage-js and the service key on the server only.
// Browsers upload with signed upload URLs (createSignedUploadUrl: a token valid two hours, for one
// object, no overwrite) and read through short-lived signed URLs (createSignedUrl).
import { StorageApiError, StorageClient } from '@supabase/storage-js';
import { UPLOAD_URL_SECONDS } from './disk';
import { assertObjectKey, type ObjectStore, type SignedUpload } from './types';

export interface SupabaseStoreOptions {
  /** The project URL (NEXT_PUBLIC_SUPABASE_URL); the Storage API is at /storage/v1. */
  url: string;
  /** The service role key: only the server holds it. */
  serviceKey: string;
  bucket: string;
  fetch?: typeof fetch;
  now?: () => number;
}

function notFound(error: unknown): boolean {
  return (
    error instanceof StorageApiError &&
    (error.status === 404 || error.statusCode === '404' || error.code === 'NoSuchKey')
  );
}

export function createSupabaseObjectStore(options: SupabaseStoreOptions): ObjectStore {
  const client = new StorageClient(
    `${options.url.replace(/\/+$/, '')}/storage/v1`,
    { apikey: options.serviceKey, Authorization: `Bearer ${options.serviceKey}` },
    options.fetch,
  );
  const bucket = () => client.from(options.bucket);
  const now = options.now ?? Date.now;

  return {
    driver: 'supabase',
    async createUploadUrl(key, { contentType }): Promise<SignedUpload> {
      assertObjectKey(key);
      const { data, error } = await bucket().createSignedUploadUrl(key);
      if (error) throw error;
      return {
        url: data.signedUrl,
        method: 'PUT',
        // What uploadToSignedUrl sends with a raw body: no overwrite, the declared type.
        headers: { 'x-upsert': 'false', 'content-type': contentType },
        expiresAt: new Date(now() + UPLOAD_URL_SECONDS * 1000).toISOString(),
      };
    },
    async createDownloadUrl(key, { expiresInSeconds, fileName }) {
      assertObjectKey(key);
      const { data, error } = await bucket().createSignedUrl(
        key,
        expiresInSeconds,
        fileName ? { download: fileName } : undefined,
      );
      if (error) throw error;
      return data.signedUrl;
    },
    async read(key) {
      assertObjectKey(key);
      const { data, error } = await bucket().download(key);
      if (error) {
        if (notFound(error)) return null;
        throw error;
      }
      return new Uint8Array(await data.arrayBuffer());
    },
    async remove(keys) {
      for (let start = 0; start < keys.length; start += 1000) {
        const batch = keys.slice(start, start + 1000);
        batch.forEach(assertObjectKey);
        const { error } = await bucket().remove(batch);
        if (error) throw error;
      }
    },
    async list(prefix) {
      const keys: string[] = [];
      for (let offset = 0; ; offset += 1000) {
        const { data, error } = await bucket().list(prefix, { limit: 1000, offset });
        if (error) throw error;
        keys.push(
          ...data.filter((item) => item.id !== null).map((item) => `${prefix}/${item.name}`),
        );
        if (data.length < 1000) return keys;
      }
    },
  };
}
