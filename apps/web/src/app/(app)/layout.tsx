// Every dashboard page needs a signed-in person: without a session the visitor goes to sign-in
// (told when it was an expired one), and comes back afterwards.
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '~/components/shell/app-shell';
import { getServerConfig } from '~/server/config';
import { getPageSession } from '~/server/session';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getPageSession();
  if (session.status === 'expired') redirect('/sign-in?expired=1');
  if (session.status === 'signed-out') redirect('/sign-in');
  return <AppShell authMode={getServerConfig().authMode}>{children}</AppShell>;
}
