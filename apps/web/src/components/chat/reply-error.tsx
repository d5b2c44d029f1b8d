// A failed or stopped reply's note (reply-error-content.tsx): why it failed, in plain words, and
// the one action that can help. Its code (with the AI error codes and their hints) is a chunk of
// its own, out of the first load: a chat view fetches it as it mounts (reply-error-chunk.ts), so
// it is there before a reply can fail; a failed reply opened at once shows its note when it
// arrives.
'use client';

import { replyErrorChunk } from './reply-error-chunk';
import type { ReplyErrorProps } from './reply-error-content';

export function ReplyError(props: ReplyErrorProps) {
  const Content = replyErrorChunk.useModule()?.ReplyErrorContent;
  return Content ? <Content {...props} /> : null;
}
