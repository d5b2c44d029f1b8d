// The per-person cap on open live-update streams (events.user, message.stream) in this process.
// Each open SSE stream holds a connection, a listener and a timer; without a cap one person
// could hold thousands.
import { DomainError } from './errors';

export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly perUser: number) {}

  /** Takes a slot or refuses with TOO_MANY_REQUESTS; the returned function gives it back. */
  take(userId: string): () => void {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.perUser) {
      throw new DomainError(
        'rate_limited',
        'too_many_streams',
        `You have ${this.perUser} live streams open already. Close a tab and try again.`,
      );
    }
    this.open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
  }

  count(userId: string): number {
    return this.open.get(userId) ?? 0;
  }
}
