// Liveness with the database's state: 200 when a query answers within a second, 503 otherwise.
import { handleHealth } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return handleHealth(getApiServices());
}
