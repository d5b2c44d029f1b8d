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
import { Tooltip } from '~/components/ui/tooltip';
import { cn } from '~/lib/cn';
import { type DraftKey, readDraft, writeDraft } from '~/lib/drafts';
import { useTRPC } from '~/lib/trpc/react';

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
}) {
  const t = useTranslations('composer');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const trpc = useTRPC();
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
    !sending;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const sent = text;
    setSending(true);
    setText('');
    writeDraft(owner, draftKey, '');
    try {
      const accepted = await onSend(sent);
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
    <form onSubmit={submit} className={cn('w-full', className)}>
      <div
        className={cn(
          'relative flex flex-col rounded-2xl border border-input bg-surface shadow-sm transition-colors focus-within:border-ring/60 focus-within:shadow-md',
          tooLong && 'border-destructive focus-within:border-destructive',
        )}
      >
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
          placeholder={disabled && disabledReason ? disabledReason : t('placeholder')}
          aria-describedby={`${hintId}-hint`}
          aria-invalid={tooLong || undefined}
          enterKeyHint="send"
          className="field-sizing-content max-h-[40dvh] min-h-12 w-full resize-none bg-transparent px-4 pt-3 pb-1 sm:min-h-14 sm:pt-3.5 text-[15px] leading-6 text-foreground outline-none placeholder:text-muted-foreground focus-visible:outline-none"
        />
        <div className="flex items-center justify-between gap-2 px-2 pb-2 sm:px-2.5 sm:pb-2.5">
          <p
            id={`${hintId}-hint`}
            className={cn('px-1.5 text-xs text-muted-foreground', tooLong && 'text-destructive')}
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
