// The caps on open live-update streams (events.user, message.stream) in this process: per person,
// and for the whole process. Each open SSE stream holds a connection, a listener and a timer;
// without the first one person could hold thousands, without the second many people together
// could exhaust the process (sockets, memory) however few each holds.
import { DomainError } from './errors';

export class StreamSlots {
  private readonly open = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perUser: number,
    private readonly perProcess = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Takes a slot, or refuses: TOO_MANY_REQUESTS when the person holds their share, a 503 to
   * retry later when the process holds its cap. The returned function gives the slot back.
   */
  take(userId: string): () => void {
    const count = this.open.get(userId) ?? 0;
    if (this.total >= this.perProcess) {
      throw new DomainError(
        'unavailable',
        'too_many_streams_server',
        'This server has all the live streams it can hold open. Try again shortly.',
        { retryAfter: 5 },
      );
    }
    if (count >= this.perUser) {
      throw new DomainError(
        'rate_limited',
        'too_many_streams',
        `You have ${this.perUser} live streams open already. Close a tab and try again.`,
      );
    }
    this.open.set(userId, count + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
  }

  /** Streams open for one person, or in the whole process without an argument. */
  count(userId?: string): number {
    return userId === undefined ? this.total : (this.open.get(userId) ?? 0);
  }
}
