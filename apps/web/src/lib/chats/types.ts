// The rows the UI works with, as the API returns them (snake_case, ISO timestamps).
import type { RouterOutputs } from '@zatten/api';

export type Chat = RouterOutputs['chat']['list']['items'][number];
export type ChatPage = RouterOutputs['chat']['list'];
export type Message = RouterOutputs['message']['list']['items'][number];
export type MessagePage = RouterOutputs['message']['list'];
export type Assistant = RouterOutputs['assistant']['list'][number];

import { isActiveStatus } from '@zatten/db/domain';

export { isActiveStatus, type MessageStatus } from '@zatten/db/domain';

export function isActive(message: Pick<Message, 'status'>): boolean {
  return isActiveStatus(message.status);
}
