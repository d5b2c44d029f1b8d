// The OpenAPI document describing the REST endpoints, with this installation's URL.
import { handleOpenApiDocument } from '@zatten/api/server';
import { getServerConfig } from '~/server/config';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return handleOpenApiDocument(getServerConfig().api.APP_URL);
}
