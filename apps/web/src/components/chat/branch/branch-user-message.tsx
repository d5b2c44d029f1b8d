// A sent message with its branch controls: an edit button that swaps the bubble for an inline
// editor, and the switcher between the message's versions when it has several. The editor is a
// chunk of its own, fetched when the pointer or focus reaches an edit button (or on the press).
'use client';

import { Pencil } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '~/components/ui/button';
import { lazyModule } from '~/components/ui/lazy-overlay';
import { Tooltip } from '~/components/ui/tooltip';
import type { BranchActions } from '~/lib/chat/use-branch-actions';
import type { Message } from '~/lib/chats/types';
import { UserMessage } from '../user-message';
import { VersionSwitcher } from './version-switcher';

const editor = lazyModule(() => import('./message-editor'));
const preloadEditor = () => void editor.load().catch(() => undefined);

/** What the message list knows about the branch on screen. */
export interface BranchView {
  /** Versions of each listed message that has several, oldest first. */
  siblings: Record<string, string[]>;
  actions: BranchActions;
  /** A reply is being written: a new version cannot start until it ends. */
  locked: boolean;
}

export function BranchUserMessage({ message, branch }: { message: Message; branch: BranchView }) {
  const t = useTranslations('branch');
  const [editing, setEditing] = useState(false);
  const [sending, setSending] = useState(false);
  const MessageEditor = editor.useModule(false)?.MessageEditor;

  // Pressed before the editor's code arrived: the bubble stays until it has.
  if (editing && MessageEditor) {
    return (
      <div className="flex flex-col items-end">
        <MessageEditor
          initial={message.content}
          sending={sending}
          onCancel={() => setEditing(false)}
          onSubmit={async (text) => {
            setSending(true);
            const sent = await branch.actions.edit(message.id, text);
            setSending(false);
            if (sent) setEditing(false);
          }}
        />
      </div>
    );
  }

  return (
    <UserMessage message={message}>
      <VersionSwitcher
        versions={branch.siblings[message.id] ?? []}
        current={message.id}
        onSwitch={branch.actions.switchTo}
        disabled={branch.actions.busy}
      />
      <Tooltip label={t('edit')}>
        <Button
          variant="subtle"
          size="icon-sm"
          aria-label={t('edit')}
          disabled={branch.locked || branch.actions.busy}
          onClick={() => {
            preloadEditor();
            setEditing(true);
          }}
          onPointerEnter={preloadEditor}
          onFocus={preloadEditor}
          className="opacity-100 transition-opacity focus-visible:opacity-100 md:opacity-0 md:group-hover:opacity-100"
        >
          <Pencil aria-hidden />
        </Button>
      </Tooltip>
    </UserMessage>
  );
}
