// The route that serves the disk store's signed URLs (/api/files/object). With Supabase Storage
// the URLs point at Supabase and this route answers 404.
import type { ApiServices } from '../services';
import type { DiskObjectStore } from './disk';

export function handleStoredFileRequest(
  services: ApiServices,
  request: Request,
): Promise<Response> {
  const { store } = services.attachments;
  if (store.driver !== 'disk') {
    return Promise.resolve(
      Response.json(
        { title: 'Not found', status: 404, reason: 'not_found' },
        { status: 404, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
  }
  return (store as DiskObjectStore).handle(request);
}
