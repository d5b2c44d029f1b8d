// A shared chat (issue 17): the snapshot a person shared, read on the server with no sign-in and
// rendered whole here, with the same Markdown and math as the app. Not indexed by search engines
// (this meta tag, and the X-Robots-Tag header from next.config.ts). Shows no author identity.
// A revoked or unknown link is a 404; nothing is cached, so a revoke applies at once.
import { readShare, withService } from '@zatten/db';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { ZattenMark } from '~/components/brand/logo';
import { StaticMarkdown } from '~/components/markdown/static-markdown';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

const SHARE_ID = /^[A-Za-z0-9_-]{22,64}$/;

const loadShare = cache(async (id: string) => {
  if (!SHARE_ID.test(id)) return undefined;
  return withService(getApiServices().database, (tx) => readShare(tx, id));
});

export async function generateMetadata({ params }: PageProps<'/s/[shareId]'>): Promise<Metadata> {
  const share = await loadShare((await params).shareId);
  return {
    title: share?.title ?? 'Zatten Chat',
    robots: { index: false, follow: false, nocache: true },
    referrer: 'no-referrer',
  };
}

export default async function SharedChatPage({ params }: PageProps<'/s/[shareId]'>) {
  const share = await loadShare((await params).shareId);
  if (!share) notFound();
  const t = await getTranslations('share');
  const format = await getFormatter();
  return (
    <div className="min-h-dvh bg-background">
      <header className="sticky top-0 z-10 flex h-14 items-center gap-2 border-b border-border/60 bg-background/90 px-4 backdrop-blur">
        <ZattenMark className="size-6" />
        <span className="font-semibold">Zatten Chat</span>
        <Link
          href="/"
          className="ml-auto rounded-full bg-primary px-3.5 py-1.5 text-sm font-medium text-primary-foreground"
        >
          {t('startOwn')}
        </Link>
      </header>
      <main className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight" dir="auto" data-testid="share-title">
          {share.title}
        </h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {t('sharedOn', {
            date: format.dateTime(new Date(share.createdAt), { dateStyle: 'long' }),
          })}
        </p>
        <ol className="mt-8 flex flex-col gap-8">
          {share.messages.map((message, index) =>
            message.role === 'user' ? (
              <li key={index} className="flex justify-end" aria-label={t('youSaid')}>
                <div
                  className="max-w-[85%] whitespace-pre-wrap rounded-3xl bg-muted px-4 py-2.5 text-[15px]"
                  dir="auto"
                >
                  {message.content}
                </div>
              </li>
            ) : (
              <li
                key={index}
                className="flex gap-3.5"
                data-testid="shared-reply"
                aria-label={t('replied', { name: message.assistantName ?? t('assistantFallback') })}
              >
                <ZattenMark className="mt-0.5 hidden size-7 shrink-0 sm:block" />
                <StaticMarkdown text={message.content} className="min-w-0 flex-1 text-[15px]" />
              </li>
            ),
          )}
        </ol>
        <p className="mt-12 border-t border-border pt-4 text-xs text-muted-foreground">
          {t('pageNote')}
        </p>
      </main>
    </div>
  );
}
