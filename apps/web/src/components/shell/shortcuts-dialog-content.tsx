// The list of keyboard shortcuts in its dialog (shortcuts-dialog.tsx). A chunk of its own,
// fetched once the dashboard has mounted.
'use client';

import { useTranslations } from 'next-intl';
import {
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '~/components/ui/dialog';
import { Kbd } from '~/components/ui/kbd';
import { useModKey } from '~/lib/hooks/use-mod-key';

export function ShortcutsDialogContent() {
  const t = useTranslations('shortcuts');
  const tc = useTranslations('common');
  const mod = useModKey();
  const rows: Array<[string, string[]]> = [
    [t('newChat'), [mod, 'Shift', 'O']],
    [t('search'), [mod, 'K']],
    [t('toggleSidebar'), [mod, 'Shift', 'S']],
    [t('focusComposer'), ['Shift', 'Esc']],
    [t('send'), ['Enter']],
    [t('newLine'), ['Shift', 'Enter']],
    [t('stop'), ['Esc']],
    [t('showShortcuts'), [mod, '/']],
  ];
  return (
    <DialogContent closeLabel={tc('close')}>
      <DialogHeader>
        <DialogTitle>{t('title')}</DialogTitle>
        <DialogDescription>{t('description')}</DialogDescription>
      </DialogHeader>
      <dl className="grid gap-1">
        {rows.map(([label, keys]) => (
          <div
            key={label}
            className="flex items-center justify-between gap-4 rounded-md py-1.5 text-sm"
          >
            <dt>{label}</dt>
            <dd className="flex gap-1">
              {keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </DialogContent>
  );
}
