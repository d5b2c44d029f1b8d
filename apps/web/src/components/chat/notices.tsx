// Notices above the composer (notices-content.tsx): no AI configured on this server, and a send
// that did not go through; and in a conversation's place, a chat not found or messages that could
// not be loaded. Their code is a chunk of its own, out of the first load: the chat views fetch it
// as they mount (preloadNotices), so it is there before a send or a load can fail, even because
// the network is gone.
'use client';

import { lazyModule } from '~/components/ui/lazy-overlay';
import type { SendFailureNoticeProps } from './notices-content';

const content = lazyModule(() => import('./notices-content'));

export function preloadNotices(): Promise<unknown> {
  return content.load();
}

export function AiNotConfiguredNotice() {
  const Notice = content.useModule()?.AiNotConfiguredNotice;
  return Notice ? <Notice /> : null;
}

export function SendFailureNotice(props: SendFailureNoticeProps) {
  const Notice = content.useModule()?.SendFailureNotice;
  return Notice ? <Notice {...props} /> : null;
}

export function ChatNotFound() {
  const View = content.useModule()?.ChatNotFound;
  return View ? <View /> : null;
}

export function MessagesLoadFailed(props: { onReload: () => void }) {
  const View = content.useModule()?.MessagesLoadFailed;
  return View ? <View {...props} /> : null;
}
