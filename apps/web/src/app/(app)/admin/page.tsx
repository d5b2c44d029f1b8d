// The admin console's overview: installation health and people.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminOverview } from '~/components/admin/admin-overview';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.overview');
  return { title: t('title') };
}

export default function Page() {
  return <AdminOverview />;
}
