// The dashboard's home: a new chat.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NewChatView } from '~/components/chat/new-chat-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('newChat');
  return { title: t('pageTitle') };
}

export default function NewChatPage() {
  return <NewChatView />;
}
