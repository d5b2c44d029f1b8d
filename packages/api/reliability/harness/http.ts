// A plain HTTP client for the reliability suite: tRPC calls as the wire format has them (GET for
// queries, POST for mutations, SSE for subscriptions) and REST calls, with nothing in between.

export interface Reply {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body,
    text,
  };
}

export function bearer(token?: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function trpcQuery(base: string, path: string, input: unknown, token?: string) {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return reply(await fetch(`${base}/api/trpc/${path}${query}`, { headers: bearer(token) }));
}

export async function trpcMutation(
  base: string,
  path: string,
  input: unknown,
  token?: string,
  raw?: string,
) {
  return reply(
    await fetch(`${base}/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: raw ?? JSON.stringify(input),
    }),
  );
}

/** The data of a tRPC mutation or query result. */
export function dataOf<T>(r: Reply): T {
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.text.slice(0, 300)}`);
  return (r.body as { result: { data: T } }).result.data;
}

export interface SseEvent {
  event: string | null;
  id: string | null;
  data: unknown;
}

/**
 * Follows a tRPC subscription over SSE until `until` says stop, the stream ends or `signal`
 * aborts; returns the events seen. A refusal before the stream starts is returned as its Reply.
 */
export async function subscribe(
  base: string,
  path: string,
  input: unknown,
  token: string,
  options: { until?: (event: SseEvent) => boolean; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<{ events: SseEvent[]; refused: Reply | null }> {
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(
      `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { accept: 'text/event-stream', ...bearer(token) }, signal: controller.signal },
    );
    if (!response.ok || !response.body) return { events, refused: await reply(response) };
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf('\n\n');
        const event: SseEvent = { event: null, id: null, data: null };
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event.event = line.slice(6).trim();
          else if (line.startsWith('id:')) event.id = line.slice(3).trim();
          else if (line.startsWith('data:')) {
            try {
              event.data = JSON.parse(line.slice(5));
            } catch {
              event.data = line.slice(5);
            }
          }
        }
        if (event.event === 'ping' || event.event === 'connected') continue;
        events.push(event);
        if (options.until?.(event) || event.event === 'return') {
          controller.abort();
          return { events, refused: null };
        }
      }
    }
    return { events, refused: null };
  } catch (error) {
    if ((error as Error).name === 'AbortError') return { events, refused: null };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export interface ReplyEvent {
  type: 'snapshot' | 'delta' | 'end';
  content?: string;
  text?: string;
  status?: string;
}

export const isEnd = (event: SseEvent) => (event.data as ReplyEvent | null)?.type === 'end';
