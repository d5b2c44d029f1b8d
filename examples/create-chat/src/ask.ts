// What a person's app does with their session token: send a message in a chat and print the
// reply as it streams, then the stored outcome.
import { createZattenClient, type Message } from '@zatten/client';

export async function ask(options: {
  url: string;
  getToken: () => Promise<string | null>;
  chatId: string;
  question: string;
  onText?: (text: string) => void;
}): Promise<Message> {
  const zatten = createZattenClient({ url: options.url, getToken: options.getToken });
  const reply = await zatten.sendMessage({ chatId: options.chatId, content: options.question });
  for await (const part of reply) {
    if (part.type === 'delta') options.onText?.(part.text);
    else return part.message;
  }
  throw new Error('the reply stream ended without its final message');
}
