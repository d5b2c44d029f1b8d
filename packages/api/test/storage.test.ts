// The two object stores behind one interface: the disk store for real (files under a temporary
// data directory, its signed URLs served through its request handler) and the Supabase store
// through @supabase/storage-js against a stand-in of the Storage HTTP API. The same contract runs
// against both: upload through the signed URL, read, download through a signed URL, list, delete.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskObjectStore, type DiskObjectStore } from '../src/storage/disk';
import { createSupabaseObjectStore } from '../src/storage/supabase';
import type { ObjectStore } from '../src/storage/types';
import { type StorageStandIn, startStorageStandIn } from './storage-stand-in';

const SECRET = 'a-secret-for-signing-urls-of-at-least-32';
const bytes = (text: string) => new TextEncoder().encode(text);

let dataDir: string;
let clock = Date.now();
let disk: DiskObjectStore;
let standIn: StorageStandIn;
let supabase: ObjectStore;

/** Sends a request to a URL: the disk store's go through its handler, as the app route does. */
async function send(url: string, init: RequestInit = {}): Promise<Response> {
  if (url.startsWith('http://app.test/')) return disk.handle(new Request(url, init));
  return fetch(url, init);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'zatten-storage-'));
  disk = createDiskObjectStore({
    root: path.join(dataDir, 'attachments'),
    baseUrl: 'http://app.test',
    secret: SECRET,
    maxUploadBytes: 1000,
    now: () => clock,
  });
  standIn = await startStorageStandIn('attachments');
  supabase = createSupabaseObjectStore({
    url: standIn.url,
    serviceKey: standIn.serviceKey,
    bucket: 'attachments',
  });
});

afterAll(async () => {
  await standIn?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe.each([
  ['disk', () => disk as ObjectStore],
  ['supabase', () => supabase],
])('the %s store', (_name, store) => {
  it('uploads through a signed URL, then reads, serves, lists and deletes the object', async () => {
    const key = 'user_1/file-a';
    const upload = await store().createUploadUrl(key, { contentType: 'text/plain' });
    expect(upload.method).toBe('PUT');
    expect(Date.parse(upload.expiresAt)).toBeGreaterThan(Date.now());
    const put = await send(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: bytes('hello file'),
    });
    expect(put.status).toBe(200);
    expect(new TextDecoder().decode((await store().read(key)) ?? undefined)).toBe('hello file');

    const download = await store().createDownloadUrl(key, { expiresInSeconds: 60 });
    const got = await send(download);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('hello file');

    expect(await store().list('user_1')).toEqual([key]);
    expect(await store().list('user_2')).toEqual([]);
    await store().remove([key, 'user_1/never-there']);
    expect(await store().read(key)).toBeNull();
    expect(await store().list('user_1')).toEqual([]);
  });

  it('does not let an upload URL overwrite an object', async () => {
    const key = 'user_1/file-b';
    const first = await store().createUploadUrl(key, { contentType: 'text/plain' });
    const second = await store().createUploadUrl(key, { contentType: 'text/plain' });
    const put = (url: string, text: string) =>
      send(url, { method: 'PUT', headers: first.headers, body: bytes(text) });
    expect((await put(first.url, 'one')).status).toBe(200);
    expect((await put(second.url, 'two')).status).toBe(409);
    expect(new TextDecoder().decode((await store().read(key)) ?? undefined)).toBe('one');
  });

  it('refuses keys outside `<owner>/<id>`', async () => {
    await expect(store().createUploadUrl('../etc/passwd', { contentType: 'x' })).rejects.toThrow(
      /invalid object key/,
    );
    await expect(store().read('a/b/c')).rejects.toThrow(/invalid object key/);
  });
});

describe('the disk store signatures', () => {
  it('refuses a tampered, cross-method or expired URL, and uploads over the size limit', async () => {
    const key = 'user_3/file-c';
    const upload = await disk.createUploadUrl(key, { contentType: 'text/plain' });
    const put = (url: string, body: Uint8Array) =>
      disk.handle(new Request(url, { method: 'PUT', body }));

    const otherKey = new URL(upload.url);
    otherKey.searchParams.set('key', 'user_4/file-c');
    expect((await put(otherKey.toString(), bytes('x'))).status).toBe(403);
    // An upload URL does not read.
    expect((await disk.handle(new Request(upload.url))).status).toBe(403);
    expect((await put(upload.url, new Uint8Array(1001))).status).toBe(413);
    expect(await readdir(path.join(dataDir, 'attachments', 'user_3'))).toEqual([]);

    const later = clock;
    clock += 3 * 3600_000;
    const expired = await put(upload.url, bytes('late'));
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ reason: 'url_expired' });
    clock = later;

    expect((await put(upload.url, bytes('on time'))).status).toBe(200);
    const download = await disk.createDownloadUrl(key, {
      expiresInSeconds: 30,
      fileName: 'notes é.txt',
    });
    const served = await disk.handle(new Request(download));
    expect(served.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''notes%20%C3%A9.txt",
    );
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    // A download URL does not write.
    expect((await put(download, bytes('overwrite'))).status).toBe(403);
    clock += 31_000;
    expect((await disk.handle(new Request(download))).status).toBe(403);
    clock = later;
  });
});
