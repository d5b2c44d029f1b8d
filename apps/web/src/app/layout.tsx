// The root layout: language (from the cookie or Accept-Language), theme without a flash, the
// auth provider for the configured mode, and the client providers.
import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AuthProvider } from '~/components/auth/auth-provider';
import { ServiceWorkerRegistration } from '~/components/pwa/service-worker';
import { Providers } from '~/components/shell/providers';
import { env } from '~/env';
import type { Locale } from '~/i18n/config';
import { themeScript } from '~/lib/theme';
import { getServerConfig } from '~/server/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return {
    title: { default: 'Zatten Chat', template: '%s · Zatten' },
    description: t('description'),
    applicationName: 'Zatten Chat',
    appleWebApp: { capable: true, title: 'Zatten', statusBarStyle: 'default' },
    icons: { apple: '/icons/apple-touch-icon.png' },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  viewportFit: 'cover',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fcfcfd' },
    { media: '(prefers-color-scheme: dark)', color: '#16161b' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('common');
  const config = getServerConfig();
  // Set by proxy.ts with the page's Content-Security-Policy.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-dvh">
        {/* The theme before the first paint, then the system's and other tabs' changes. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
        <ServiceWorkerRegistration />
        <AuthProvider
          mode={config.authMode}
          publishableKey={env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}
          locale={locale}
          nonce={nonce}
        >
          <NextIntlClientProvider>
            <Providers closeLabel={t('close')}>{children}</Providers>
          </NextIntlClientProvider>
        </AuthProvider>
      </body>
    </html>
  );
}
