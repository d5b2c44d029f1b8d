// The local object store's signed upload (PUT) and download (GET) URLs; the signature, expiry and
// size limit are checked by the store (@zatten/api, storage/disk.ts). Hosted installations
// upload to Supabase Storage directly and this route answers 404.
import { handleStoredFileRequest } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

const handle = (request: Request) => handleStoredFileRequest(getApiServices(), request);

export { handle as GET, handle as HEAD, handle as PUT };
