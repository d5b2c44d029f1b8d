// The title to show for a chat: the placeholder the server stores for an unnamed chat
// ("New chat") is shown in the reader's language instead.
import type { Chat } from './types';

export function chatTitle(chat: Pick<Chat, 'title' | 'title_source'>, untitled: string): string {
  return chat.title_source === 'placeholder' ? untitled : chat.title;
}
