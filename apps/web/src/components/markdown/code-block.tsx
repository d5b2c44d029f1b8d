// A fenced code block in a reply: the language, a copy button, and highlighted code that
// scrolls sideways rather than wrapping.
'use client';

import { Check, Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useCopy } from '~/lib/hooks/use-copy';

export function CodeBlock({
  language,
  code,
  children,
}: {
  language: string | null;
  code: string;
  children: ReactNode;
}) {
  const t = useTranslations('message');
  const { copied, copy } = useCopy();
  return (
    <div className="not-prose my-4 overflow-hidden rounded-xl border border-border bg-code-background">
      <div className="flex h-9 items-center justify-between bg-code-header pr-1.5 pl-4 text-xs text-muted-foreground">
        <span className="font-mono lowercase">{language ?? t('code')}</span>
        <button
          type="button"
          onClick={() => void copy(code)}
          aria-label={copied ? t('copied') : t('copyCode')}
          className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 font-medium transition-colors hover:bg-accent hover:text-foreground"
        >
          {copied ? (
            <Check aria-hidden className="size-3.5" />
          ) : (
            <Copy aria-hidden className="size-3.5" />
          )}
          <span aria-hidden>{copied ? t('copied') : t('copy')}</span>
        </button>
      </div>
      <pre className="overflow-x-auto p-4 text-[13px]">{children}</pre>
    </div>
  );
}
