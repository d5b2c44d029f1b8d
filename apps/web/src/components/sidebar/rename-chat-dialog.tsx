// Renames a chat: a dialog with the current title selected, Enter saves, Escape cancels.
'use client';

import { CHAT_TITLE_MAX_CHARS, textProblem } from '@zatten/api/text-rules';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '~/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '~/components/ui/dialog';
import { Input } from '~/components/ui/input';
import { Label } from '~/components/ui/label';
import { useRenameChat } from '~/lib/chats/use-chat-actions';

// The server's own rules and limit, so the dialog never offers a title the API would refuse.
const TITLE_MAX = CHAT_TITLE_MAX_CHARS;

export function RenameChatDialog({
  chatId,
  currentTitle,
  open,
  onOpenChange,
}: {
  chatId: string;
  currentTitle: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('chatActions');
  const tc = useTranslations('common');
  const rename = useRenameChat();
  const [title, setTitle] = useState(currentTitle);

  useEffect(() => {
    if (open) setTitle(currentTitle);
  }, [open, currentTitle]);

  const trimmed = title.trim().replace(/[\r\n]+/g, ' ');
  const invalid =
    trimmed.length === 0 || trimmed.length > TITLE_MAX || textProblem(trimmed, 'title') !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    onOpenChange(false);
    if (trimmed === currentTitle) return;
    rename.mutate({ id: chatId, title: trimmed });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc('close')}>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{t('renameTitle')}</DialogTitle>
            <DialogDescription>{t('renameDescription')}</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={`rename-${chatId}`}>{t('titleLabel')}</Label>
            <Input
              id={`rename-${chatId}`}
              value={title}
              maxLength={TITLE_MAX}
              onChange={(event) => setTitle(event.target.value)}
              onFocus={(event) => event.currentTarget.select()}
              aria-invalid={invalid || undefined}
              autoComplete="off"
            />
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              {tc('cancel')}
            </Button>
            <Button type="submit" disabled={invalid}>
              {tc('save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
