// The API keys console (admins).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiKeysConsole } from '~/components/admin/api-keys-console';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.apiKeys');
  return { title: t('title') };
}

export default function Page() {
  return <ApiKeysConsole />;
}
