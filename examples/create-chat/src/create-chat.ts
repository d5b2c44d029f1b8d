// What another system does: create a chat for one of Zatten's users (by email), then list that
// user's chats to show it. Only the published client is imported, as an app outside this
// repository would (its dist: ESM JavaScript and a self-contained declaration file).
import { createZattenClient, type PublicChat } from '@zatten/client';

export type { PublicChat };

export async function createWelcomeChat(options: {
  url: string;
  apiKey: string;
  email: string;
  title: string;
}): Promise<{ created: PublicChat; replayed: boolean; listed: PublicChat[] }> {
  const zatten = createZattenClient({ url: options.url, apiKey: options.apiKey });
  const { chat, replayed } = await zatten.createChat({
    email: options.email,
    title: options.title,
    // Safe to retry: the same key never creates a second chat.
    idempotencyKey: `welcome-${options.email}`,
  });
  const page = await zatten.trpc.service.listChats.query({ email: options.email, limit: 10 });
  return { created: chat, replayed, listed: page.items };
}
