// A reply's token usage on demand: a small button whose tooltip (hover or keyboard focus) and
// accessible name give the total with input and output.
'use client';

import { Gauge } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import { Tooltip } from '~/components/ui/tooltip';

interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

function readUsage(value: unknown): Usage | null {
  if (!value || typeof value !== 'object') return null;
  const usage = value as Usage;
  return typeof usage.totalTokens === 'number' ? usage : null;
}

export function ReplyTokens({ usage }: { usage: unknown }) {
  const t = useTranslations('chatAssistant');
  const format = useFormatter();
  const read = readUsage(usage);
  if (!read) return null;
  const label = t('tokens', {
    total: format.number(read.totalTokens ?? 0),
    input: format.number(read.inputTokens ?? 0),
    output: format.number(read.outputTokens ?? 0),
  });
  return (
    <Tooltip label={label}>
      <Button variant="subtle" size="icon-sm" aria-label={label}>
        <Gauge aria-hidden />
      </Button>
    </Tooltip>
  );
}
