// Editing a sent message in place: the text in a box where the bubble was. Enter sends the new
// version (Shift+Enter adds a line), Esc or Cancel puts the message back unchanged.
'use client';

import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Button } from '~/components/ui/button';

export function MessageEditor({
  initial,
  onCancel,
  onSubmit,
  sending,
}: {
  initial: string;
  onCancel: () => void;
  onSubmit: (text: string) => void;
  sending: boolean;
}) {
  const t = useTranslations('branch');
  const [text, setText] = useState(initial);
  const box = useRef<HTMLTextAreaElement>(null);
  const sendable = text.trim().length > 0 && text !== initial && !sending;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      // The chat's own Esc (stop a reply) must not fire too.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (sendable) onSubmit(text);
    }
  };

  return (
    <form
      className="flex w-full max-w-[85%] flex-col gap-2 rounded-3xl bg-user-bubble p-3 sm:max-w-[75%]"
      onSubmit={(event) => {
        event.preventDefault();
        if (sendable) onSubmit(text);
      }}
    >
      <textarea
        ref={box}
        aria-label={t('editorLabel')}
        aria-describedby="message-editor-hint"
        value={text}
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        className="w-full resize-none bg-transparent px-1 text-[15px] leading-7 outline-none"
      />
      <div className="flex items-center justify-end gap-2">
        <span id="message-editor-hint" className="mr-auto px-1 text-xs text-muted-foreground">
          {t('editHint')}
        </span>
        <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button type="submit" size="sm" disabled={!sendable}>
          {t('send')}
        </Button>
      </div>
    </form>
  );
}
