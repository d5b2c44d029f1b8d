// The frame of the console and settings pages: the shared header (sidebar button, title), a
// row of section links, and a scrolling main area with one h1.
'use client';

import type { Route } from 'next';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { ChatHeader } from '~/components/chat/chat-header';
import { cn } from '~/lib/cn';

export interface Section {
  href: Route;
  label: string;
}

export function PageFrame({
  title,
  sections,
  sectionsLabel,
  actions,
  children,
}: {
  title: string;
  sections: Section[];
  sectionsLabel: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const pathname = usePathname();
  return (
    <>
      <ChatHeader actions={actions}>
        <nav aria-label={sectionsLabel} className="flex min-w-0 gap-1 overflow-x-auto">
          {sections.map((section) => {
            const current = pathname === section.href;
            return (
              <Link
                key={section.href}
                href={section.href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'shrink-0 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
                  current && 'bg-muted text-foreground',
                )}
              >
                {section.label}
              </Link>
            );
          })}
        </nav>
      </ChatHeader>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto grid w-full max-w-4xl gap-6 px-4 py-6 sm:px-6">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {children}
        </div>
      </div>
    </>
  );
}

export function Card({
  title,
  description,
  children,
  className,
}: {
  title?: string;
  description?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      className={cn('grid gap-4 rounded-xl border border-border bg-surface p-4 sm:p-5', className)}
    >
      {title ? (
        <div className="grid gap-1">
          <h2 className="text-base font-semibold">{title}</h2>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
