// Owns the abort controller and the clocks of one run: the caller's cancel, the limit
// to the first token and the idle limit. Whichever fires first names why the run stopped.

import type { RunLimits } from './types';

export type StopReason = 'cancelled' | 'first_token_timeout' | 'idle_timeout';

export class RunGuard {
  readonly #controller = new AbortController();
  readonly #deadline: number;
  readonly #idleMs: number;
  readonly #callerSignal: AbortSignal | undefined;
  #firstTokenTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the last upstream event came (the idle clock's start). */
  #lastActivity = 0;
  #stopReason: StopReason | undefined;
  #streaming = false;

  constructor(limits: Pick<RunLimits, 'firstTokenMs' | 'idleMs'>, callerSignal?: AbortSignal) {
    this.#deadline = Date.now() + limits.firstTokenMs;
    this.#idleMs = limits.idleMs;
    this.#callerSignal = callerSignal;
    this.#firstTokenTimer = setTimeout(
      () => this.#stop('first_token_timeout'),
      limits.firstTokenMs,
    );
    if (callerSignal?.aborted) this.#stop('cancelled');
    callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  /** Aborts every upstream request and sleep of the run. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get stopReason(): StopReason | undefined {
    return this.#stopReason;
  }

  /** Milliseconds left before the first-token limit (0 once passed). */
  get msToFirstTokenDeadline(): number {
    return Math.max(0, this.#deadline - Date.now());
  }

  /** Called for the first text token: from now on only the idle limit applies. */
  firstToken(): void {
    if (this.#streaming) return;
    this.#streaming = true;
    clearTimeout(this.#firstTokenTimer);
    this.#firstTokenTimer = undefined;
    this.activity();
  }

  /**
   * Called for every upstream event; restarts the idle clock once text is streaming. A reply
   * streams hundreds of events a second: each only notes the time, and the one idle timer, when
   * it fires, waits again for whatever is left of the idle limit since the last event (not a
   * timer cleared and created per event).
   */
  activity(): void {
    if (!this.#streaming || this.#stopReason) return;
    this.#lastActivity = Date.now();
    if (!this.#idleTimer) this.#armIdle(this.#idleMs);
  }

  #armIdle(ms: number): void {
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#stopReason) return;
      const left = this.#lastActivity + this.#idleMs - Date.now();
      if (left <= 0) this.#stop('idle_timeout');
      else this.#armIdle(left);
    }, ms);
  }

  dispose(): void {
    clearTimeout(this.#firstTokenTimer);
    clearTimeout(this.#idleTimer);
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    // Whatever is still open upstream (a consumer that stopped iterating) is closed now.
    if (!this.#controller.signal.aborted) this.#controller.abort();
  }

  readonly #onCallerAbort = () => this.#stop('cancelled');

  #stop(reason: StopReason): void {
    if (this.#stopReason) return;
    this.#stopReason = reason;
    clearTimeout(this.#firstTokenTimer);
    clearTimeout(this.#idleTimer);
    this.#controller.abort();
  }
}
