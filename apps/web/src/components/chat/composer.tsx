// Where a message is written. Enter sends, Shift+Enter starts a new line (and Enter during IME
// composition is left to the IME). While a reply is being written the send button becomes Stop.
// The text is saved as a draft per chat as it is typed, so a failed send, a reload or an expired
// session never loses it.
'use client';

import { useQuery } from '@tanstack/react-query';
import { MESSAGE_MAX_CHARS, textProblem } from '@zatten/api/text-rules';
import { ArrowUp, Square } from 'lucide-react';
import { useTranslations } from 'next-intl';
import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { Button } from '~/components/ui/button';
import { lazyModule } from '~/components/ui/lazy-overlay';
import { Tooltip } from '~/components/ui/tooltip';
import type { AttachmentsController } from '~/lib/chat/use-attachments';
import { cn } from '~/lib/cn';
import { type DraftKey, readDraft, writeDraft } from '~/lib/drafts';
import { useIdlePreload } from '~/lib/hooks/use-idle-preload';
import { useTRPC } from '~/lib/trpc/react';
import { AttachButton } from './attach-button';

// The chips of added files and the picker's file types (composer-idle.ts): a chunk of its own,
// fetched when the page is idle (or a file arrives).
const idle = lazyModule(() => import('./composer-idle'));

export interface ComposerHandle {
  /** Replaces the text (a suggestion, or clearing after a send retried from outside). */
  setText: (text: string) => void;
  focus: () => void;
  /** Sends what is in the field, as pressing Enter would. */
  submit: () => void;
}

export function Composer({
  draftKey,
  onSend,
  onStop,
  replying,
  stopping,
  disabled,
  disabledReason,
  autoFocus,
  className,
  ref,
  attachments,
}: {
  draftKey: DraftKey;
  /** Returns whether the text was accepted (then the field is cleared). */
  onSend: (text: string) => Promise<boolean> | boolean;
  onStop?: () => void;
  replying?: boolean;
  stopping?: boolean;
  disabled?: boolean;
  disabledReason?: string;
  autoFocus?: boolean;
  className?: string;
  ref?: Ref<ComposerHandle>;
  /** Files to send with the message (issue 16); without it, the composer takes text only. */
  attachments?: AttachmentsController;
}) {
  const t = useTranslations('composer');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const trpc = useTRPC();
  const ta = useTranslations('attachments');
  const picker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  useIdlePreload(idle.load);
  const files = idle.useModule(false);
  const AttachmentChips = files?.AttachmentChips;
  const hasFiles = (attachments?.items.length ?? 0) > 0;
  useEffect(() => {
    if (hasFiles) idle.load().catch(() => undefined);
  }, [hasFiles]);
  // Drafts belong to the signed-in person; until we know who that is, nothing is stored.
  const owner = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 })).data?.id;

  // Load the draft of this chat (after hydration: sessionStorage is not on the server). Text
  // typed before we knew who is signed in is kept, and saved as theirs once we do.
  useEffect(() => {
    const saved = readDraft(owner, draftKey);
    setText((current) => {
      if (!saved && current) writeDraft(owner, draftKey, current);
      return saved || current;
    });
  }, [owner, draftKey]);

  useEffect(() => {
    if (autoFocus && window.matchMedia('(pointer: fine)').matches) field.current?.focus();
  }, [autoFocus]);

  const tooLong = text.length > MESSAGE_MAX_CHARS;
  const canSend =
    text.trim().length > 0 &&
    !tooLong &&
    textProblem(text, 'message') === null &&
    !disabled &&
    !replying &&
    !sending &&
    !attachments?.uploading;

  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    if (!attachments || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(false);
    attachments.add(event.dataTransfer.files);
  };
  const onDragOver = (event: DragEvent<HTMLFormElement>) => {
    if (!attachments || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = event.clipboardData.files;
    if (!attachments || files.length === 0) return;
    event.preventDefault();
    attachments.add(files);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const sent = text;
    setSending(true);
    setText('');
    writeDraft(owner, draftKey, '');
    try {
      const accepted = await onSend(sent);
      if (accepted) attachments?.clear();
      if (!accepted) {
        // Put the text back unless something new has been typed meanwhile.
        setText((current) => {
          const next = current || sent;
          writeDraft(owner, draftKey, next);
          return next;
        });
      }
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  useImperativeHandle(ref, () => ({
    setText: (next: string) => {
      setText(next);
      writeDraft(owner, draftKey, next);
    },
    focus: () => field.current?.focus(),
    submit: () => void submit(),
  }));

  return (
    <form
      onSubmit={submit}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn('w-full', className)}
    >
      <div
        className={cn(
          'relative flex flex-col rounded-2xl border border-input bg-surface shadow-sm transition-colors focus-within:border-ring/60 focus-within:shadow-md',
          tooLong && 'border-destructive focus-within:border-destructive',
          dragging && 'border-primary border-dashed',
        )}
      >
        {dragging ? (
          <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center rounded-2xl bg-surface/90 text-sm font-medium text-primary">
            {ta('dropHere')}
          </div>
        ) : null}
        {attachments && AttachmentChips ? <AttachmentChips attachments={attachments} /> : null}
        <label htmlFor={`${hintId}-field`} className="sr-only">
          {t('label')}
        </label>
        <textarea
          id={`${hintId}-field`}
          ref={field}
          data-composer
          value={text}
          rows={1}
          onChange={(event) => {
            setText(event.target.value);
            writeDraft(owner, draftKey, event.target.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={disabled && disabledReason ? disabledReason : t('placeholder')}
          aria-describedby={`${hintId}-hint`}
          aria-invalid={tooLong || undefined}
          enterKeyHint="send"
          className="field-sizing-content max-h-[40dvh] min-h-12 w-full resize-none bg-transparent px-4 pt-3 pb-1 sm:min-h-14 sm:pt-3.5 text-[15px] leading-6 text-foreground outline-none placeholder:text-muted-foreground focus-visible:outline-none"
        />
        <div className="flex items-center justify-between gap-2 px-2 pb-2 sm:px-2.5 sm:pb-2.5">
          {attachments ? (
            <>
              <input
                ref={picker}
                type="file"
                multiple
                hidden
                accept={files?.PICKER_ACCEPT}
                data-testid="attachment-input"
                onChange={(event) => {
                  if (event.target.files) attachments.add(event.target.files);
                  event.target.value = '';
                }}
              />
              <AttachButton
                limits={attachments.limits}
                disabled={disabled}
                onClick={() => picker.current?.click()}
              />
            </>
          ) : null}
          <p
            id={`${hintId}-hint`}
            className={cn(
              'mr-auto px-1.5 text-xs text-muted-foreground',
              tooLong && 'text-destructive',
            )}
          >
            {tooLong ? (
              t('tooLong', { count: text.length - MESSAGE_MAX_CHARS })
            ) : text.length > MESSAGE_MAX_CHARS * 0.9 ? (
              t('remaining', { count: MESSAGE_MAX_CHARS - text.length })
            ) : (
              <span className="hidden sm:inline">{t('hint')}</span>
            )}
          </p>
          {replying && onStop ? (
            <Tooltip label={t('stop')}>
              <Button
                type="button"
                size="icon"
                onClick={onStop}
                disabled={stopping}
                aria-label={t('stop')}
                className="rounded-full"
              >
                <Square aria-hidden className="fill-current !size-3.5" />
              </Button>
            </Tooltip>
          ) : (
            <Tooltip label={t('send')}>
              <Button
                type="submit"
                size="icon"
                disabled={!canSend}
                aria-label={t('send')}
                className="rounded-full"
              >
                <ArrowUp aria-hidden />
              </Button>
            </Tooltip>
          )}
        </div>
      </div>
    </form>
  );
}
