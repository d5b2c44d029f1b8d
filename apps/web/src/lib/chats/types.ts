// The rows the UI works with, as the API returns them (snake_case, ISO timestamps).
import type { RouterOutputs } from '@zatten/api';

export type Chat = RouterOutputs['chat']['list']['items'][number];
export type ChatPage = RouterOutputs['chat']['list'];
export type Message = RouterOutputs['message']['list']['items'][number];
export type MessagePage = RouterOutputs['message']['list'];
export type Assistant = RouterOutputs['assistant']['list'][number];

export type MessageStatus = 'pending' | 'streaming' | 'complete' | 'failed' | 'cancelled';

export function isActiveStatus(status: string): status is 'pending' | 'streaming' {
  return status === 'pending' || status === 'streaming';
}

export function isActive(message: Pick<Message, 'status'>): boolean {
  return isActiveStatus(message.status);
}
