// Names of the assistants a chat's replies came from: the ones the person may use now, plus any
// others the replies name (archived or no longer open to them), fetched by id.
'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Assistant, Message } from '~/lib/chats/types';
import { useTRPC } from '~/lib/trpc/react';

export function useAssistantNames(
  assistants: Assistant[] | undefined,
  messages: Message[],
  chatAssistantId: string | undefined,
): Map<string, string> {
  const trpc = useTRPC();
  const known = useMemo(
    () => new Map((assistants ?? []).map((a) => [a.id, a.name] as const)),
    [assistants],
  );
  const missing = useMemo(() => {
    const ids = new Set<string>();
    for (const message of messages) if (message.assistant_id) ids.add(message.assistant_id);
    if (chatAssistantId) ids.add(chatAssistantId);
    return [...ids]
      .filter((id) => !known.has(id))
      .sort()
      .slice(0, 50);
  }, [messages, chatAssistantId, known]);
  const extra = useQuery(
    trpc.assistant.byIds.queryOptions(
      { ids: missing },
      { enabled: assistants !== undefined && missing.length > 0, staleTime: 5 * 60_000 },
    ),
  );
  return useMemo(() => {
    const names = new Map(known);
    for (const a of extra.data ?? []) names.set(a.id, a.name);
    return names;
  }, [known, extra.data]);
}
