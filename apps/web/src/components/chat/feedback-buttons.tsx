// Thumbs up and down under a finished reply. One rating per person and reply: the pressed thumb
// again clears it, the other thumb changes it. Shown pressed at once; put back if the server
// refuses. The chat's ratings come in one query shared by every reply on screen.
'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ThumbsDown, ThumbsUp } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import { useToast } from '~/components/ui/toaster';
import { Tooltip } from '~/components/ui/tooltip';
import { useTRPC } from '~/lib/trpc/react';

type Rating = 'up' | 'down';

export function FeedbackButtons({ chatId, messageId }: { chatId: string; messageId: string }) {
  const t = useTranslations('feedback');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const options = trpc.feedback.inChat.queryOptions({ chatId }, { staleTime: 60_000 });
  const { data } = useQuery(options);
  const current = data?.[messageId] ?? null;
  const mutation = useMutation(
    trpc.feedback.set.mutationOptions({
      onMutate: async ({ rating }) => {
        await queryClient.cancelQueries({ queryKey: options.queryKey });
        const previous = queryClient.getQueryData(options.queryKey);
        queryClient.setQueryData(options.queryKey, (old) => {
          const next: Record<string, Rating> = { ...(old ?? {}) };
          if (rating) next[messageId] = rating;
          else delete next[messageId];
          return next;
        });
        return { previous };
      },
      onError: (_error, _input, context) => {
        queryClient.setQueryData(options.queryKey, context?.previous);
        toast({ title: t('failed'), tone: 'error' });
      },
    }),
  );
  const rate = (rating: Rating) =>
    mutation.mutate({ messageId, rating: current === rating ? null : rating });
  return (
    <>
      <Tooltip label={t('good')}>
        <Button
          variant="subtle"
          size="icon-sm"
          aria-label={t('good')}
          aria-pressed={current === 'up'}
          data-testid="feedback-up"
          onClick={() => rate('up')}
        >
          <ThumbsUp aria-hidden className={current === 'up' ? 'fill-current' : undefined} />
        </Button>
      </Tooltip>
      <Tooltip label={t('bad')}>
        <Button
          variant="subtle"
          size="icon-sm"
          aria-label={t('bad')}
          aria-pressed={current === 'down'}
          data-testid="feedback-down"
          onClick={() => rate('down')}
        >
          <ThumbsDown aria-hidden className={current === 'down' ? 'fill-current' : undefined} />
        </Button>
      </Tooltip>
    </>
  );
}
