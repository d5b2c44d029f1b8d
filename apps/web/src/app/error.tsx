// Anything a page fails to render: an apology in the reader's language and a retry, instead of
// a blank screen. The error itself is logged by the server.
'use client';

import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('errorPage');
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <p className="max-w-sm text-sm text-muted-foreground">{t('description')}</p>
      <Button onClick={reset}>{t('retry')}</Button>
    </main>
  );
}
