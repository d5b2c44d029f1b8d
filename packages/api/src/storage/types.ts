// One interface for where attachments' bytes live: Supabase Storage in hosted mode, a disk store
// under the data directory locally (storage/disk.ts, storage/supabase.ts). Browsers upload and
// download straight from the store through short-lived signed URLs, so large files never pass
// through the app's request handlers (the disk store's URLs are served by thin app routes that
// only check the signature and copy bytes).

/** Where a browser (or another system) PUTs the file's bytes. */
export interface SignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the PUT must carry. */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface ObjectStore {
  readonly driver: 'disk' | 'supabase';
  /** A URL that accepts one upload of `key` (no overwrite) until it expires. */
  createUploadUrl(key: string, options: { contentType: string }): Promise<SignedUpload>;
  /** A URL that serves `key` for `expiresInSeconds`; `fileName` suggests the download's name. */
  createDownloadUrl(
    key: string,
    options: { expiresInSeconds: number; fileName?: string; contentType?: string },
  ): Promise<string>;
  /** The object's bytes (the server's own read), or null when it is not there. */
  read(key: string): Promise<Uint8Array | null>;
  /** Deletes objects; keys already gone are not an error. */
  remove(keys: readonly string[]): Promise<void>;
  /** Keys stored under `prefix/` (a person's id). */
  list(prefix: string): Promise<string[]>;
}

/** Object keys are `<user id>/<attachment id>`: two plain path segments. */
export const OBJECT_KEY = /^[A-Za-z0-9_-]{1,200}\/[A-Za-z0-9_-]{1,64}$/;

export function assertObjectKey(key: string): void {
  if (!OBJECT_KEY.test(key)) throw new Error(`invalid object key ${JSON.stringify(key)}`);
}
