// Replies this tab is following live through their stream (use-reply-stream.ts), by message id.
// While a reply is followed, its stream carries its text and its end: the row's progress that
// the server persists about once a second, and announces as a live event, would only be fetched
// and merged into the chat's messages to be ignored, re-rendering the chat view each time (a
// task of 30 to 100 ms at 4x CPU slowdown with a long reply). realtime/apply.ts skips those.
const followed = new Set<string>();

/** Marks a reply followed live until the returned function is called (one follower a tab). */
export function followLive(messageId: string): () => void {
  followed.add(messageId);
  return () => followed.delete(messageId);
}

export const isFollowedLive = (messageId: string) => followed.has(messageId);
