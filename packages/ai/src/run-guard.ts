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

  /** Called for every upstream event; restarts the idle clock once text is streaming. */
  activity(): void {
    if (!this.#streaming || this.#stopReason) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.#stop('idle_timeout'), this.#idleMs);
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
