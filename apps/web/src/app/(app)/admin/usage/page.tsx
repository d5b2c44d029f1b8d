// Usage per person and per assistant, CSV export and token budgets (admins).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminUsage } from '~/components/admin/admin-usage';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.usage');
  return { title: t('title') };
}

export default function Page() {
  return <AdminUsage />;
}
