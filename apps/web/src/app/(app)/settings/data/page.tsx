// Settings → Data: export, import and shared links (issue 17).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DataSettings } from '~/components/account/data-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.nav');
  return { title: t('data') };
}

export default function Page() {
  return <DataSettings />;
}
