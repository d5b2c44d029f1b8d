// Issue 17: the Share button above a chat. Creating a link copies the branch on screen as it is
// now into a read-only snapshot; the link can be copied at once and is listed (and revoked) in
// Settings → Data. Only the button is in the first load: the dialog's content is a chunk of its
// own (share-dialog-content.tsx), fetched once the button has mounted.
'use client';

import { Share } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '~/components/ui/button';
import { lazyDialog } from '~/components/ui/dialog';

const share = lazyDialog(() => import('./share-dialog-content'));
const ShareContent = share.part((content) => content.ShareDialogContent);

export function ShareButton({ chatId }: { chatId: string }) {
  const t = useTranslations('share');
  // Each opening starts afresh: no link, no error from the last time.
  const [opening, setOpening] = useState(0);
  return (
    <share.Dialog
      onOpenChange={(open) => {
        if (open) setOpening((count) => count + 1);
      }}
    >
      <share.Trigger asChild>
        <Button variant="subtle" size="sm" data-testid="share-chat" className="gap-1.5">
          <Share aria-hidden className="size-4" />
          <span className="hidden sm:inline">{t('share')}</span>
          <span className="sr-only sm:hidden">{t('share')}</span>
        </Button>
      </share.Trigger>
      <ShareContent key={opening} chatId={chatId} />
    </share.Dialog>
  );
}
