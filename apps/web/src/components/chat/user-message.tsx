// A message the person sent: a bubble on the right, plain text with its line breaks kept (it
// is shown as typed, not as Markdown), and a copy button.
'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { Message } from '~/lib/chats/types';
import { MessageActions } from './message-actions';
import { MessageAttachments } from './message-attachments';

/** `children`: more controls beside the copy button (branch/: edit, versions). */
export function UserMessage({ message, children }: { message: Message; children?: ReactNode }) {
  const t = useTranslations('message');
  return (
    <article aria-label={t('fromYou')} className="group flex flex-col items-end gap-1">
      <MessageAttachments chatId={message.chat_id} messageId={message.id} />
      <div
        dir="auto"
        className="max-w-[85%] rounded-3xl bg-user-bubble px-4 py-2.5 text-[15px] leading-7 break-words whitespace-pre-wrap sm:max-w-[75%]"
      >
        {message.content}
      </div>
      <div className="flex items-center gap-0.5">
        {children}
        <MessageActions
          text={message.content}
          className="opacity-100 transition-opacity focus-within:opacity-100 md:opacity-0 md:group-hover:opacity-100"
        />
      </div>
    </article>
  );
}
