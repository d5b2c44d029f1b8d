// Follows an assistant reply while it is being written: subscribes to message.stream (the text
// so far, then each token, then the end) and keeps the live text beside the cached row. Any tab
// that shows a reply in progress follows it this way, so a reload or a second tab sees the same
// tokens. When the stream ends, the reply's row is refetched so it catches up even if no live
// update arrives.
'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { MESSAGE_STATUSES } from '@zatten/db/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchMessage, findMessage, invalidateMessages, upsertMessage } from '../chats/cache';
import { isActiveStatus, type Message, type MessageStatus } from '../chats/types';
import { useTRPC } from '../trpc/react';
import { followLive } from './live-replies';

export interface ReplyView {
  content: string;
  status: MessageStatus;
  errorCode: string | null;
  errorMessage: string | null;
  /** The stream is connecting or reconnecting (the text shown may be behind). */
  catchingUp: boolean;
}

interface StreamState {
  content: string | null;
  ended: Omit<ReplyView, 'catchingUp'> | null;
}

const EMPTY: StreamState = { content: null, ended: null };

function asStatus(status: string): MessageStatus {
  return MESSAGE_STATUSES.find((s) => s === status) ?? 'failed';
}

export function useReplyStream(message: Message): ReplyView {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rowActive = isActiveStatus(message.status);
  const [state, setState] = useState<StreamState>(EMPTY);

  // Tokens can arrive hundreds per second; the text is drawn at most once per frame, with
  // whatever arrived since the last one, so a fast stream costs one render per frame, not one
  // per token.
  const pending = useRef('');
  const frame = useRef<number | null>(null);
  const dropPending = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    pending.current = '';
  }, []);
  const flush = useCallback(() => {
    frame.current = null;
    const text = pending.current;
    pending.current = '';
    if (text) setState((current) => ({ ...current, content: (current.content ?? '') + text }));
  }, []);
  useEffect(() => dropPending, [dropPending]);

  // A retry or regenerate reopens the same reply: start again from an empty stream.
  const wasActive = useRef(rowActive);
  useEffect(() => {
    if (rowActive && !wasActive.current) {
      dropPending();
      setState(EMPTY);
    }
    wasActive.current = rowActive;
  }, [rowActive]);

  const following = rowActive && state.ended === null;
  const subscription = useSubscription(
    trpc.message.stream.subscriptionOptions(
      { messageId: message.id },
      {
        enabled: following,
        onData: ({ data: event }) => {
          if (event.type === 'snapshot') {
            dropPending();
            setState({ content: event.content, ended: null });
          } else if (event.type === 'delta') {
            pending.current += event.text;
            frame.current ??= requestAnimationFrame(flush);
          } else {
            // The end carries the whole text: anything still waiting for a frame is in it.
            dropPending();
            const target = { queryClient, trpc };
            const ended = {
              content: event.content,
              status: event.status,
              errorCode: event.errorCode,
              errorMessage: event.errorMessage,
            };
            // The end goes into the cached row, which the chat reads too: the reply shows ended
            // in the same render that frees the composer. (Ended here alone, it showed complete
            // while the chat still counted it as running until the row's fetch or live event
            // came, and Enter did nothing meanwhile.) A reply not in the cache, or whose cached
            // row is newer, ends here.
            const cached = findMessage(target, message.chat_id, message.id) ?? message;
            const taken =
              isActiveStatus(cached.status) &&
              upsertMessage(target, {
                ...cached,
                content: ended.content,
                status: ended.status,
                error_code: ended.errorCode,
                error_message: ended.errorMessage,
              });
            setState(
              taken ? { content: event.content, ended: null } : { content: event.content, ended },
            );
            // The whole row (its other columns) follows.
            fetchMessage(target, message.id).catch(() =>
              invalidateMessages(target, message.chat_id),
            );
          }
        },
      },
    ),
  );

  // Connected and caught up: live events of the row's progress need not be fetched meanwhile.
  const live = following && subscription.status === 'pending' && state.content !== null;
  useEffect(() => (live ? followLive(message.id) : undefined), [live, message.id]);

  if (!rowActive) {
    return {
      content: message.content,
      status: asStatus(message.status),
      errorCode: message.error_code,
      errorMessage: message.error_message,
      catchingUp: false,
    };
  }
  if (state.ended) return { ...state.ended, catchingUp: false };
  const streamed = state.content ?? '';
  const catchingUp = subscription.status === 'connecting' || state.content === null;
  return {
    // The live stream while it is live; catching up, whichever is further along: the stream, or
    // a row persisted meanwhile. (The row's progress, written about once a second, is often
    // ahead of a stream the page has not read yet on a busy main thread: shown, the reply
    // jumped ahead by many blocks at once, all rendered and laid out in one frame, then stood
    // still until the stream caught up with it.)
    content: catchingUp && message.content.length > streamed.length ? message.content : streamed,
    status: asStatus(message.status),
    errorCode: null,
    errorMessage: null,
    catchingUp,
  };
}
