// The local object store: files under `<data dir>/attachments/<user id>/<id>`, with the same
// signed-URL semantics as Supabase Storage. URLs carry `expires` (unix seconds) and an
// HMAC-SHA256 `signature` over method, key and expiry, so an upload URL cannot be used to read,
// a download URL cannot be used to write, and neither works after it expires or for another key.
// The app serves them at /api/files/object (handleDiskObjectRequest, a thin route adapter).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertObjectKey, OBJECT_KEY, type ObjectStore, type SignedUpload } from './types';

export const DISK_OBJECT_ROUTE = '/api/files/object';
/** Supabase's signed upload URLs live two hours; the disk store's do too. */
export const UPLOAD_URL_SECONDS = 2 * 3600;
/** Types served as themselves (images render in <img>); anything else is an opaque download. */
const SERVABLE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'text/plain',
]);

export interface DiskStoreOptions {
  /** The directory objects are kept in (e.g. `<ZATTEN_DATA_DIR>/attachments`). */
  root: string;
  /** The app's public URL; signed URLs point at its /api/files/object route. */
  baseUrl: string;
  /** Signs the URLs (≥ 32 characters). */
  secret: string;
  /** The largest upload accepted (the per-file limit). */
  maxUploadBytes: number;
  now?: () => number;
}

export interface DiskObjectStore extends ObjectStore {
  readonly driver: 'disk';
  /** Serves a signed URL of this store (PUT: upload, GET: download). */
  handle(request: Request): Promise<Response>;
}

type Method = 'PUT' | 'GET';

function problem(status: number, reason: string, detail: string): Response {
  return Response.json(
    { type: 'about:blank', title: reason, status, detail, reason },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

export function createDiskObjectStore(options: DiskStoreOptions): DiskObjectStore {
  if (options.secret.length < 32) throw new Error('the disk store secret needs 32 characters');
  const root = path.resolve(options.root);
  const now = options.now ?? Date.now;
  const fileOf = (key: string) => {
    assertObjectKey(key);
    return path.join(root, ...key.split('/'));
  };
  // Signed: the method, the key, the expiry and the response options (name and type to serve).
  const sign = (method: Method, key: string, expires: number, download = '', type = '') =>
    createHmac('sha256', options.secret)
      .update(`${method}\n${key}\n${expires}\n${download}\n${type}`)
      .digest('base64url');

  const signedUrl = (
    method: Method,
    key: string,
    seconds: number,
    serve: { download?: string; type?: string } = {},
  ) => {
    const expires = Math.floor(now() / 1000) + seconds;
    const url = new URL(DISK_OBJECT_ROUTE, options.baseUrl);
    url.searchParams.set('key', key);
    url.searchParams.set('expires', String(expires));
    if (serve.download) url.searchParams.set('download', serve.download);
    if (serve.type) url.searchParams.set('type', serve.type);
    url.searchParams.set('signature', sign(method, key, expires, serve.download, serve.type));
    return { url: url.toString(), expires };
  };

  /** The key a signed URL names, or the response refusing it. */
  const verify = (method: Method, url: URL): string | Response => {
    const key = url.searchParams.get('key') ?? '';
    const expires = Number(url.searchParams.get('expires'));
    const given = Buffer.from(url.searchParams.get('signature') ?? '', 'base64url');
    if (!OBJECT_KEY.test(key) || !Number.isSafeInteger(expires))
      return problem(400, 'invalid_signed_url', 'This file link is malformed.');
    const expected = Buffer.from(
      sign(
        method,
        key,
        expires,
        url.searchParams.get('download') ?? '',
        url.searchParams.get('type') ?? '',
      ),
      'base64url',
    );
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return problem(403, 'invalid_signature', 'This file link is not valid.');
    if (expires * 1000 < now()) return problem(403, 'url_expired', 'This file link has expired.');
    return key;
  };

  async function upload(key: string, request: Request): Promise<Response> {
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    if (declared > options.maxUploadBytes)
      return problem(
        413,
        'attachment_too_large',
        `Files may have at most ${options.maxUploadBytes} bytes.`,
      );
    const file = fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed into place: a half-written upload is never read.
    const partial = `${file}.${process.pid}.${now()}.partial`;
    const handle = await open(partial, 'wx');
    let size = 0;
    try {
      if (request.body) {
        for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > options.maxUploadBytes) {
            await handle.close();
            await rm(partial, { force: true });
            return problem(
              413,
              'attachment_too_large',
              `Files may have at most ${options.maxUploadBytes} bytes.`,
            );
          }
          await handle.write(chunk);
        }
      }
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(partial, { force: true });
      throw error;
    }
    // As Supabase without `x-upsert`: an upload URL writes its object once. A hard link puts the
    // file in place atomically and fails if another upload got there first.
    try {
      await link(partial, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return problem(409, 'object_exists', 'This file was already uploaded.');
    } finally {
      await rm(partial, { force: true });
    }
    return Response.json({ Key: key, size }, { status: 200 });
  }

  async function download(key: string, url: URL): Promise<Response> {
    const file = fileOf(key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return problem(404, 'object_not_found', 'This file no longer exists.');
    const name = url.searchParams.get('download');
    const headers: Record<string, string> = {
      'content-length': String(info.size),
      // The type the server detected (signed into the URL), else an opaque download.
      'content-type': SERVABLE_TYPES.has(url.searchParams.get('type') ?? '')
        ? (url.searchParams.get('type') as string)
        : 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=60',
      'content-security-policy': "default-src 'none'; sandbox",
    };
    if (name)
      headers['content-disposition'] =
        `${url.searchParams.get('type')?.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`;
    const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers });
  }

  return {
    driver: 'disk',
    async createUploadUrl(key): Promise<SignedUpload> {
      assertObjectKey(key);
      const { url, expires } = signedUrl('PUT', key, UPLOAD_URL_SECONDS);
      return {
        url,
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        expiresAt: new Date(expires * 1000).toISOString(),
      };
    },
    async createDownloadUrl(key, { expiresInSeconds, fileName, contentType }) {
      assertObjectKey(key);
      return signedUrl('GET', key, expiresInSeconds, { download: fileName, type: contentType }).url;
    },
    async read(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(keys) {
      for (const key of keys) await rm(fileOf(key), { force: true });
    },
    async list(prefix) {
      if (!/^[A-Za-z0-9_-]{1,200}$/.test(prefix)) throw new Error('invalid prefix');
      const names = await readdir(path.join(root, prefix)).catch(() => [] as string[]);
      return names.filter((name) => !name.endsWith('.partial')).map((name) => `${prefix}/${name}`);
    },
    async handle(request) {
      const url = new URL(request.url);
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      if (method !== 'PUT' && method !== 'GET')
        return problem(405, 'method_not_allowed', 'Use PUT to upload or GET to download.');
      const key = verify(method, url);
      if (typeof key !== 'string') return key;
      return method === 'PUT' ? upload(key, request) : download(key, url);
    },
  };
}
