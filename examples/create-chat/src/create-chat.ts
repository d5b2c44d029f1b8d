// What another system does: create a chat for one of Zatten's users (by email), then list that
// user's chats to show it. Only the typed client is imported: types come from the AppRouter.
import { createZattenClient, type RouterOutputs } from '@zatten/api/client';

export type PublicChat = RouterOutputs['service']['createChat']['chat'];

export async function createWelcomeChat(options: {
  url: string;
  apiKey: string;
  email: string;
  title: string;
}): Promise<{ created: PublicChat; listed: PublicChat[] }> {
  const zatten = createZattenClient({ url: options.url, apiKey: options.apiKey });
  const { chat } = await zatten.service.createChat.mutate({
    chat: { email: options.email, title: options.title },
    // Safe to retry: the same key never creates a second chat.
    idempotencyKey: `welcome-${options.email}`,
  });
  const page = await zatten.service.listChats.query({ email: options.email, limit: 10 });
  return { created: chat, listed: page.items };
}
