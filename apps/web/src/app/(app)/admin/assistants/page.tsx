// The assistants console (admins).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AssistantsConsole } from '~/components/admin/assistants-console';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.assistants');
  return { title: t('title') };
}

export default function Page() {
  return <AssistantsConsole />;
}
