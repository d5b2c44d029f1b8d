// A lean HTTP client for the load generator: node:http with an unbounded keep-alive agent (fetch
// would spend more of the shared CPUs on the client side), plus an SSE reader that reports when a
// marker first arrives.
import http from 'node:http';

export const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function call(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface StreamWatch {
  /** When the marker first arrived (performance.now()), once it has. */
  firstAt: Promise<number>;
  /** Resolves when the response ends or `until` matched. */
  done: Promise<void>;
  close(): void;
}

/** Opens a streaming request; `first` marks the first interesting byte, `until` ends the watch. */
export function watchStream(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string; first: string; until?: string },
): StreamWatch {
  let resolveFirst: (at: number) => void = () => {};
  let rejectFirst: (error: Error) => void = () => {};
  const firstAt = new Promise<number>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });
  let seen = false;
  let req: http.ClientRequest | null = null;
  const done = new Promise<void>((resolve, reject) => {
    req = http.request(url, { method, agent, headers: options.headers }, (res) => {
      if ((res.statusCode ?? 0) >= 400) {
        const error = new Error(`${method} ${url} answered ${res.statusCode}`);
        rejectFirst(error);
        res.resume();
        reject(error);
        return;
      }
      res.setEncoding('utf8');
      // A watch ended early (`until`) destroys the response; its reset is expected.
      res.on('error', () => resolve());
      let tail = '';
      res.on('data', (chunk: string) => {
        const text = tail + chunk;
        if (!seen && text.includes(options.first)) {
          seen = true;
          resolveFirst(performance.now());
        }
        if (options.until && text.includes(options.until)) {
          res.destroy();
          resolve();
        }
        tail = text.slice(-64);
      });
      res.on('end', () => resolve());
      res.on('close', () => {
        if (!seen) rejectFirst(new Error(`${url} ended before its first token`));
        resolve();
      });
    });
    req.on('error', (error) => {
      rejectFirst(error);
      reject(error);
    });
    req.end(options.body);
  });
  firstAt.catch(() => {});
  done.catch(() => {});
  return { firstAt, done, close: () => req?.destroy() };
}
