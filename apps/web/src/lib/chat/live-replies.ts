// Replies this tab is following live through their stream (use-reply-stream.ts), by message id.
// While a reply is followed, its stream carries its text and its end: the row's progress that
// the server persists about once a second, and announces as a live event, would only be fetched
// and merged into the chat's messages to be ignored, re-rendering the chat view each time (a
// task of 30 to 100 ms at 4x CPU slowdown with a long reply). realtime/apply.ts skips those.
const followed = new Map<string, number>();

/** Marks a reply followed live until the returned function is called. */
export function followLive(messageId: string): () => void {
  followed.set(messageId, (followed.get(messageId) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const count = (followed.get(messageId) ?? 1) - 1;
    if (count > 0) followed.set(messageId, count);
    else followed.delete(messageId);
  };
}

export function isFollowedLive(messageId: string): boolean {
  return followed.has(messageId);
}
