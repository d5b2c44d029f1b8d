// The "more" menu of a chat (in the sidebar and the chat header): rename and delete, each
// opening its dialog, and pin / archive (issue 17), applied at once. Focus returns to the menu
// button when a dialog closes. Only the button is in the first load: the items, their actions and
// the dialogs are a chunk of their own (chat-actions-content.tsx), fetched once a menu has
// mounted; a menu pressed before it arrives opens when it does.
'use client';

import { Ellipsis } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '~/components/ui/button';
import { lazyMenu } from '~/components/ui/dropdown-menu';
import { cn } from '~/lib/cn';

const actions = lazyMenu(() => import('./chat-actions-content'));
const ActionsContent = actions.part((content) => content.ChatActionsContent);
const ActionsDialogs = actions.part((content) => content.ChatActionsDialogs);

export function ChatActionsMenu({
  chatId,
  title,
  className,
  align = 'start',
  pinned,
  archived,
}: {
  chatId: string;
  title: string;
  className?: string;
  align?: 'start' | 'end';
  /** Issue 17: the chat's pin and archive state (the menu offers the opposite). */
  pinned?: boolean;
  archived?: boolean;
}) {
  const t = useTranslations('chatActions');
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // Mounted from the first time one opens, and kept, so a dialog closes (and returns focus) as
  // any dialog does.
  const [dialogs, setDialogs] = useState(false);
  const target = { chatId, title, pinned, archived };
  return (
    <>
      <actions.Menu modal={false}>
        <actions.Trigger asChild>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('menuLabel', { title })}
            className={cn('text-muted-foreground', className)}
          >
            <Ellipsis aria-hidden />
          </Button>
        </actions.Trigger>
        <ActionsContent
          {...target}
          align={align}
          onRename={() => {
            setDialogs(true);
            setRenaming(true);
          }}
          onDelete={() => {
            setDialogs(true);
            setDeleting(true);
          }}
        />
      </actions.Menu>
      {/* The dialogs open from an item, so after the chunk has arrived. */}
      {dialogs ? (
        <ActionsDialogs
          {...target}
          renaming={renaming}
          deleting={deleting}
          setRenaming={setRenaming}
          setDeleting={setDeleting}
        />
      ) : null}
    </>
  );
}
