// Pages that do not exist: a plain explanation and a way back.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ZattenMark } from '~/components/brand/logo';
import { Button } from '~/components/ui/button';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <ZattenMark className="size-10" />
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <p className="max-w-sm text-sm text-muted-foreground">{t('description')}</p>
      <Button asChild>
        <Link href="/">{t('home')}</Link>
      </Button>
    </main>
  );
}
