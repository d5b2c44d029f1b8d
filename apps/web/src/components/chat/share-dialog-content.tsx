// The Share dialog's content (share-dialog.tsx): create the link, copy it, or go to the list of
// links. A chunk of its own, fetched once the Share button has mounted.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, Copy } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '~/components/ui/button';
import {
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '~/components/ui/dialog';
import { Input } from '~/components/ui/input';
import { useCopy } from '~/lib/hooks/use-copy';
import { useTRPC } from '~/lib/trpc/react';
import { shareUrl } from './share-url';

export function ShareDialogContent({ chatId }: { chatId: string }) {
  const t = useTranslations('share');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { copied, copy } = useCopy();
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation(
    trpc.share.create.mutationOptions({
      onSuccess: (share) => {
        const link = shareUrl(share.id);
        setUrl(link);
        void copy(link);
        void queryClient.invalidateQueries(trpc.share.list.queryFilter());
      },
    }),
  );
  return (
    <DialogContent closeLabel={tc('close')}>
      <DialogHeader>
        <DialogTitle>{t('title')}</DialogTitle>
        <DialogDescription>{t('description')}</DialogDescription>
      </DialogHeader>
      {url ? (
        <div className="flex items-center gap-2">
          <Input readOnly value={url} aria-label={t('copy')} data-testid="share-url" />
          <Button variant="outline" onClick={() => void copy(url)} className="shrink-0 gap-1.5">
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied ? t('copied') : t('copy')}
          </Button>
        </div>
      ) : null}
      {create.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {t('failed')}
        </p>
      ) : null}
      <DialogFooter className="items-center sm:justify-between">
        <Link
          href="/settings/data"
          className="text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          {t('manage')}
        </Link>
        {url ? null : (
          <Button
            onClick={() => create.mutate({ chatId })}
            disabled={create.isPending}
            data-testid="share-create"
          >
            {create.isPending ? t('creating') : t('create')}
          </Button>
        )}
      </DialogFooter>
    </DialogContent>
  );
}
