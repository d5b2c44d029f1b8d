// An open chat, by id. Malformed ids are a 404 here rather than a failed query.
import { notFound } from 'next/navigation';
import { ChatView } from '~/components/chat/chat-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ChatPage({ params }: PageProps<'/c/[chatId]'>) {
  const { chatId } = await params;
  if (!UUID.test(chatId)) notFound();
  // Keyed by chat so switching chats starts from a fresh view (scroll, failures, announcements).
  return <ChatView key={chatId} chatId={chatId} />;
}
