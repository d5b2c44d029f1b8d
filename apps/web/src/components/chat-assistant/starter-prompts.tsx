// The chosen assistant's starter prompts on the empty chat: a click puts one in the composer.
'use client';

import { useTranslations } from 'next-intl';

export function StarterPrompts({
  prompts,
  disabled,
  onPick,
}: {
  prompts: string[];
  disabled: boolean;
  onPick: (prompt: string) => void;
}) {
  const t = useTranslations('chatAssistant');
  if (!prompts.length) return null;
  return (
    <ul aria-label={t('starterPrompts')} className="flex flex-wrap justify-center gap-2">
      {prompts.map((prompt) => (
        <li key={prompt}>
          <button
            type="button"
            disabled={disabled}
            onClick={() => onPick(prompt)}
            className="rounded-full border border-border bg-surface px-3 py-1.5 text-sm transition-colors hover:bg-accent disabled:opacity-50"
          >
            {prompt}
          </button>
        </li>
      ))}
    </ul>
  );
}
