// A person's own token usage.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { UsageView } from '~/components/account/usage-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('usage');
  return { title: t('title') };
}

export default function Page() {
  return <UsageView />;
}
