// Theme and language for pages outside the dashboard (sign-in): one button with the same
// choices as the user menu.
'use client';

import { Settings2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '~/components/ui/dropdown-menu';
import { LanguageItems, ThemeItems } from './preference-items';

export function PreferencesMenu() {
  const t = useTranslations('userMenu');
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="gap-1.5 text-muted-foreground"
          aria-label={t('preferences')}
        >
          <Settings2 aria-hidden />
          <span aria-hidden className="hidden sm:inline">
            {t('preferences')}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <ThemeItems />
        <DropdownMenuSeparator />
        <LanguageItems />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
