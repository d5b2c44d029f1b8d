// The new-chat screen (the dashboard's home): a greeting, the choice of assistant, suggestions
// and the composer. The chat is created with the first message, not before, so abandoned
// new-chat screens leave no empty chats behind; if sending fails after the chat was created, the
// next attempt goes to that same chat.
'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { ZattenMark } from '~/components/brand/logo';
import { StarterPrompts } from '~/components/chat-assistant/starter-prompts';
import type { SendFailure } from '~/lib/chat/send-errors';
import { classifySendError } from '~/lib/chat/send-errors';
import { useAttachments } from '~/lib/chat/use-attachments';
import { newOutgoing, type Outgoing, useSendMessage } from '~/lib/chat/use-send-message';
import { seedMessages, upsertChat } from '~/lib/chats/cache';
import type { Chat } from '~/lib/chats/types';
import { clearDraft } from '~/lib/drafts';
import { useIdlePreload } from '~/lib/hooks/use-idle-preload';
import { markSessionExpired } from '~/lib/session-expiry';
import { useTRPC } from '~/lib/trpc/react';
import { AssistantPicker } from './assistant-picker';
import { ChatHeader } from './chat-header';
import { Composer, type ComposerHandle } from './composer';
import { conversationChunk } from './conversation-chunk';
import { markdownChunk } from './markdown-chunk';
import { MESSAGE_PAGE_SIZE } from './message-page';
import { AiNotConfiguredNotice, preloadNotices, SendFailureNotice } from './notices';

const SUGGESTIONS = ['explain', 'write', 'plan', 'code'] as const;

export function NewChatView() {
  const t = useTranslations('newChat');
  const tc = useTranslations('chat');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  // The first reply is on its way as soon as this view sends: have its renderer ready, and the
  // conversation that shows it (the chat it opens would otherwise wait for that chunk).
  useIdlePreload(markdownChunk.load);
  useIdlePreload(conversationChunk.load);
  // The notices are out of the first load, and wanted before a send can fail (even offline).
  useEffect(() => {
    preloadNotices().catch(() => undefined);
  }, []);

  const info = useQuery(
    trpc.system.info.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const me = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const assistants = useQuery(
    trpc.assistant.list.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );
  const [assistantId, setAssistantId] = useState<string | null>(null);
  const chosen =
    assistantId ?? assistants.data?.find((assistant) => assistant.is_default)?.id ?? null;

  const createChat = useMutation(trpc.chat.create.mutationOptions());
  const sendMessage = useSendMessage();
  const attachments = useAttachments();
  const created = useRef<Chat | null>(null);
  const composer = useRef<ComposerHandle>(null);
  const [failure, setFailure] = useState<{ failure: SendFailure; outgoing: Outgoing } | null>(null);

  const onSend = async (text: string): Promise<boolean> => {
    const outgoing =
      failure?.outgoing.content === text
        ? failure.outgoing
        : newOutgoing(text, attachments.readyIds);
    setFailure(null);
    const target = { queryClient, trpc };
    let chat = created.current;
    if (!chat) {
      try {
        chat = await createChat.mutateAsync(chosen ? { assistantId: chosen } : {});
      } catch (error) {
        const reason = classifySendError(error);
        if (reason.kind === 'sessionExpired') markSessionExpired();
        else setFailure({ failure: reason, outgoing });
        return false;
      }
      created.current = chat;
      upsertChat(target, chat);
    }
    const result = await sendMessage(chat.id, outgoing);
    if (!result.ok) {
      if (result.failure.kind === 'sessionExpired') markSessionExpired();
      else setFailure({ failure: result.failure, outgoing });
      return false;
    }
    seedMessages(
      target,
      trpc.message.list.infiniteQueryKey({ chatId: chat.id, limit: MESSAGE_PAGE_SIZE }),
      [result.userMessage, result.assistantMessage],
    );
    upsertChat(target, { ...chat, last_activity_at: result.userMessage.created_at });
    clearDraft(me.data?.id, 'new');
    router.push(`/c/${chat.id}`);
    return true;
  };

  const firstName = me.data?.name?.split(' ')[0];
  const aiConfigured = info.data?.aiConfigured !== false;

  return (
    <>
      <ChatHeader>
        {assistants.data ? (
          <AssistantPicker assistants={assistants.data} value={chosen} onChange={setAssistantId} />
        ) : null}
      </ChatHeader>
      <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
        <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col justify-center gap-6 px-4 py-8 sm:px-6">
          <div className="flex flex-col items-center gap-4 text-center">
            <ZattenMark className="size-12" />
            <h1 className="text-2xl font-semibold tracking-tight text-balance sm:text-3xl">
              {firstName ? t('greetingNamed', { name: firstName }) : t('greeting')}
            </h1>
            <p className="max-w-md text-sm text-muted-foreground text-balance">{t('subtitle')}</p>
          </div>
          <div className="grid gap-2">
            {aiConfigured ? null : <AiNotConfiguredNotice />}
            {failure ? (
              <SendFailureNotice
                failure={failure.failure}
                onDismiss={() => setFailure(null)}
                onRetry={() => composer.current?.submit()}
              />
            ) : null}
            <Composer
              ref={composer}
              draftKey="new"
              onSend={onSend}
              attachments={attachments}
              disabled={!aiConfigured}
              disabledReason={tc('aiDisabledPlaceholder')}
              autoFocus
            />
          </div>
          <StarterPrompts
            prompts={
              assistants.data?.find((a) => a.id === chosen)?.starter_prompts ??
              assistants.data?.[0]?.starter_prompts ??
              []
            }
            disabled={!aiConfigured}
            onPick={(prompt) => {
              composer.current?.setText(prompt);
              composer.current?.focus();
            }}
          />
          <ul aria-label={t('suggestionsLabel')} className="grid gap-2 sm:grid-cols-2">
            {SUGGESTIONS.map((key) => (
              <li key={key}>
                <button
                  type="button"
                  disabled={!aiConfigured}
                  onClick={() => {
                    composer.current?.setText(t(`suggestions.${key}.prompt`));
                    composer.current?.focus();
                  }}
                  className="flex h-full w-full flex-col items-start gap-0.5 rounded-xl border border-border bg-surface px-4 py-3 text-left text-sm transition-colors hover:bg-accent disabled:opacity-50"
                >
                  <span className="font-medium">{t(`suggestions.${key}.title`)}</span>
                  <span className="text-muted-foreground">{t(`suggestions.${key}.detail`)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  );
}
