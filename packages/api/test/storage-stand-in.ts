// A stand-in for the Supabase Storage HTTP API (the routes storage-js calls, with the documented
// request and response shapes): signed upload URLs and uploads to them, signed download URLs,
// authenticated download, list and delete. It keeps objects in memory and checks the service key
// and tokens, so the Supabase driver is exercised through the real @supabase/storage-js.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StorageStandIn {
  url: string;
  serviceKey: string;
  objects: Map<string, Uint8Array>;
  close(): Promise<void>;
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startStorageStandIn(bucket: string): Promise<StorageStandIn> {
  const serviceKey = `service-${randomBytes(8).toString('hex')}`;
  const objects = new Map<string, Uint8Array>();
  const uploadTokens = new Map<string, { key: string; expires: number }>();
  const downloadTokens = new Map<string, { key: string; expires: number }>();

  const send = (response: ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(value));
  };
  const error = (response: ServerResponse, status: number, code: string, message: string) =>
    send(response, status, { statusCode: String(status), error: code, message });

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const route = url.pathname.replace(/^\/storage\/v1/, '');
    const authorized =
      request.headers.apikey === serviceKey &&
      request.headers.authorization === `Bearer ${serviceKey}`;
    const match = (prefix: string) => {
      if (!route.startsWith(`${prefix}/${bucket}/`)) return null;
      return decodeURIComponent(route.slice(prefix.length + bucket.length + 2));
    };
    try {
      // PUT /object/upload/sign/:bucket/:key?token= (the token authorizes it, no key needed)
      let key = match('/object/upload/sign');
      if (key !== null && request.method === 'PUT') {
        const grant = uploadTokens.get(url.searchParams.get('token') ?? '');
        if (!grant || grant.key !== key || grant.expires < Date.now())
          return error(response, 400, 'InvalidJWT', 'invalid signature');
        if (objects.has(key) && request.headers['x-upsert'] !== 'true')
          return error(response, 409, 'Duplicate', 'The resource already exists');
        objects.set(key, new Uint8Array(await body(request)));
        uploadTokens.delete(url.searchParams.get('token') ?? '');
        return send(response, 200, { Key: `${bucket}/${key}`, Id: key });
      }
      // GET /object/sign/:bucket/:key?token= (a signed download)
      key = match('/object/sign');
      if (key !== null && request.method === 'GET') {
        const grant = downloadTokens.get(url.searchParams.get('token') ?? '');
        if (!grant || grant.key !== key || grant.expires < Date.now())
          return error(response, 400, 'InvalidJWT', 'invalid signature');
        const data = objects.get(key);
        if (!data) return error(response, 404, 'NoSuchKey', 'Object not found');
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return response.end(data);
      }
      if (!authorized) return error(response, 403, 'Unauthorized', 'invalid service key');
      // POST /object/upload/sign/:bucket/:key -> { url }
      key = match('/object/upload/sign');
      if (key !== null && request.method === 'POST') {
        const token = randomBytes(12).toString('hex');
        uploadTokens.set(token, { key, expires: Date.now() + 2 * 3600_000 });
        return send(response, 200, {
          url: `/object/upload/sign/${bucket}/${key}?token=${token}`,
        });
      }
      // POST /object/sign/:bucket/:key { expiresIn } -> { signedURL }
      key = match('/object/sign');
      if (key !== null && request.method === 'POST') {
        const { expiresIn } = JSON.parse((await body(request)).toString()) as { expiresIn: number };
        if (!objects.has(key)) return error(response, 404, 'NoSuchKey', 'Object not found');
        const token = randomBytes(12).toString('hex');
        downloadTokens.set(token, { key, expires: Date.now() + expiresIn * 1000 });
        return send(response, 200, { signedURL: `/object/sign/${bucket}/${key}?token=${token}` });
      }
      // POST /object/list/:bucket { prefix, limit, offset } -> objects in that folder
      if (route === `/object/list/${bucket}` && request.method === 'POST') {
        const { prefix, limit, offset } = JSON.parse((await body(request)).toString()) as {
          prefix: string;
          limit: number;
          offset: number;
        };
        const folder = prefix.replace(/\/?$/, '/');
        const names = [...objects.keys()]
          .filter((name) => name.startsWith(folder))
          .map((name) => name.slice(folder.length))
          .sort()
          .slice(offset, offset + limit);
        return send(
          response,
          200,
          names.map((name) => ({ name, id: name, metadata: { size: 0 } })),
        );
      }
      // DELETE /object/:bucket { prefixes } -> the deleted objects
      if (route === `/object/${bucket}` && request.method === 'DELETE') {
        const { prefixes } = JSON.parse((await body(request)).toString()) as { prefixes: string[] };
        const deleted = prefixes.filter((name) => objects.delete(name));
        return send(
          response,
          200,
          deleted.map((name) => ({ name, bucket_id: bucket })),
        );
      }
      // GET /object/:bucket/:key (authenticated download)
      key = match('/object');
      if (key !== null && request.method === 'GET') {
        const data = objects.get(key);
        if (!data) return error(response, 404, 'NoSuchKey', 'Object not found');
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return response.end(data);
      }
      return error(response, 404, 'NotFound', `no route ${request.method} ${route}`);
    } catch (caught) {
      return error(response, 500, 'InternalError', String(caught));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serviceKey,
    objects,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
