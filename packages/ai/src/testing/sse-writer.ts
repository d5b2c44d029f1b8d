// Writes server-sent events as the Responses API frames them (`event:` line, then `data:`
// JSON carrying `type` and `sequence_number`) and notices when the client goes away.

import type { ServerResponse } from 'node:http';

export class SseWriter {
  #sequence = 0;
  #closed = false;
  #flushed: Promise<void> = Promise.resolve();
  readonly #res: ServerResponse;
  readonly #closeWaiters = new Set<() => void>();

  constructor(res: ServerResponse) {
    this.#res = res;
    res.on('close', () => {
      this.#closed = true;
      for (const wake of this.#closeWaiters) wake();
      this.#closeWaiters.clear();
    });
  }

  /** True once the connection is gone (client aborted, socket destroyed, or ended). */
  get closed(): boolean {
    return this.#closed;
  }

  open(headers: Record<string, string>): void {
    this.#res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    this.#res.flushHeaders();
  }

  /** Sends one event; resolves false when the client has gone and writing stopped. */
  async send(type: string, payload: Record<string, unknown>): Promise<boolean> {
    if (this.#closed) return false;
    let drained = true;
    const data = JSON.stringify({ type, ...payload, sequence_number: this.#sequence++ });
    this.#flushed = new Promise((resolve) => {
      if (!this.#res.write(`event: ${type}\ndata: ${data}\n\n`, () => resolve())) drained = false;
    });
    if (!drained) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#closeWaiters.delete(done);
          this.#res.off('drain', done);
          resolve();
        };
        this.#res.once('drain', done);
        this.#closeWaiters.add(done);
      });
    }
    return !this.#closed;
  }

  /** Waits `ms`, or less if the client leaves; resolves false when it left. */
  async pause(ms: number): Promise<boolean> {
    if (this.#closed) return false;
    if (ms <= 0) return true;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#closeWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#closeWaiters.add(done);
    });
    return !this.#closed;
  }

  /** Waits for `event`, or less if the client leaves; resolves false when it left. */
  async until(event: Promise<void>): Promise<boolean> {
    if (this.#closed) return false;
    let wake = () => {};
    const closed = new Promise<void>((resolve) => {
      wake = resolve;
      this.#closeWaiters.add(wake);
    });
    await Promise.race([event, closed]);
    // As pause() does: a gate that opened leaves no waiter behind on a long-lived response.
    this.#closeWaiters.delete(wake);
    return !this.#closed;
  }

  /** Resolves when the client goes away (used by a stall). */
  untilClosed(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#closeWaiters.add(resolve));
  }

  end(): void {
    if (!this.#closed) this.#res.end();
  }

  /** Cuts the connection mid-stream, as a failing proxy or network would, once what was
   * already sent has left (destroying earlier would discard it unsent). */
  async drop(): Promise<void> {
    await Promise.race([this.#flushed, this.untilClosed()]);
    this.#res.socket?.destroy();
  }
}
