// GET /api/health: liveness with the database's state. 200 when a query answers within a second,
// 503 otherwise. The app's route and the reliability harness both serve this one handler.
import type { ApiServices } from '../services';

export async function handleHealth(services: Pick<ApiServices, 'database'>): Promise<Response> {
  const started = performance.now();
  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      services.database.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), 1000);
      }),
    ]).finally(() => clearTimeout(timer));
    return Response.json(
      {
        status: 'ok',
        database: { status: 'up', latencyMs: Math.round(performance.now() - started) },
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch {
    return Response.json(
      { status: 'degraded', database: { status: 'down' } },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
