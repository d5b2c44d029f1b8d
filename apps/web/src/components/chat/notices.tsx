// Notices above the composer (notices-content.tsx): no AI configured on this server, and a send
// that did not go through. Their code is a chunk of its own, out of the first load: the chat
// views fetch it as they mount (preloadNotices), so it is there before a send can fail, even one
// that fails because the network is gone.
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
