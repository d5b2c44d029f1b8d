// Sign-in: Clerk's when configured (its later steps live under /sign-in/*), otherwise the local
// form. Signed-in visitors go straight to
// the dashboard; a visitor whose session expired is told so.
import { Clock } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClerkSignIn } from '~/components/auth/clerk-sign-in';
import { LocalSignInForm } from '~/components/auth/local-sign-in-form';
import { ZattenLogo } from '~/components/brand/logo';
import { PreferencesMenu } from '~/components/settings/preferences-menu';
import { safeRedirectPath } from '~/lib/safe-redirect';
import { getServerConfig } from '~/server/config';
import { getPageSession } from '~/server/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('pageTitle') };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next =
    typeof params.next === 'string'
      ? safeRedirectPath(params.next, getServerConfig().api.APP_URL)
      : null;
  const expired = params.expired === '1';
  const session = await getPageSession();
  if (session.status === 'signed-in') {
    redirect((next ?? '/') as '/');
  }
  const t = await getTranslations('auth');
  const mode = getServerConfig().authMode;

  return (
    <div className="flex min-h-dvh flex-col bg-[radial-gradient(ellipse_at_top,var(--brand-soft),transparent_60%)]">
      <header className="flex h-16 items-center justify-between px-4 sm:px-6">
        <ZattenLogo />
        <PreferencesMenu />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-12">
        {mode === 'clerk' ? (
          <div className="grid justify-items-center gap-4">
            {expired ? <ExpiredNote text={t('expired')} /> : null}
            <ClerkSignIn next={next} />
          </div>
        ) : (
          <div className="w-full max-w-sm">
            <div className="rounded-2xl border border-border bg-surface p-6 shadow-sm sm:p-8">
              <div className="mb-6 grid gap-1.5">
                <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
                <p className="text-sm text-muted-foreground">{t('subtitle')}</p>
              </div>
              {expired ? <ExpiredNote text={t('expired')} /> : null}
              <LocalSignInForm next={next} />
            </div>
          </div>
        )}
      </main>
    </div>
  );
}

function ExpiredNote({ text }: { text: string }) {
  return (
    <p
      role="status"
      className="mb-5 flex items-center gap-2 rounded-lg bg-warning-soft px-3 py-2 text-sm text-warning-foreground"
    >
      <Clock aria-hidden className="size-4 shrink-0" />
      {text}
    </p>
  );
}
