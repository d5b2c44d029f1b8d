// Theme and language choices, as radio groups inside a menu (the user menu, or the settings
// menu beside Clerk's user button). Both apply at once; the language re-renders the page.
'use client';

import { Languages, Monitor, Moon, Sun } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import {
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
} from '~/components/ui/dropdown-menu';
import { setLocale } from '~/i18n/actions';
import { locales } from '~/i18n/config';
import { setThemeChoice, useThemeChoice } from '~/lib/hooks/use-theme-choice';
import { toThemeChoice } from '~/lib/theme';

const LANGUAGE_NAMES: Record<(typeof locales)[number], string> = {
  'pt-BR': 'Português (Brasil)',
  en: 'English',
};

export function ThemeItems() {
  const t = useTranslations('settings');
  const theme = useThemeChoice();
  return (
    <>
      <DropdownMenuLabel>{t('theme')}</DropdownMenuLabel>
      <DropdownMenuRadioGroup
        value={theme}
        onValueChange={(value) => setThemeChoice(toThemeChoice(value))}
      >
        <DropdownMenuRadioItem value="light">
          <Sun aria-hidden />
          {t('light')}
        </DropdownMenuRadioItem>
        <DropdownMenuRadioItem value="dark">
          <Moon aria-hidden />
          {t('dark')}
        </DropdownMenuRadioItem>
        <DropdownMenuRadioItem value="system">
          <Monitor aria-hidden />
          {t('system')}
        </DropdownMenuRadioItem>
      </DropdownMenuRadioGroup>
    </>
  );
}

export function LanguageItems() {
  const t = useTranslations('settings');
  const locale = useLocale();
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <>
      <DropdownMenuLabel>{t('language')}</DropdownMenuLabel>
      <DropdownMenuRadioGroup
        value={locale}
        onValueChange={(next) =>
          startTransition(async () => {
            await setLocale(next);
            router.refresh();
          })
        }
      >
        {locales.map((option) => (
          <DropdownMenuRadioItem key={option} value={option} lang={option}>
            <Languages aria-hidden />
            {LANGUAGE_NAMES[option]}
          </DropdownMenuRadioItem>
        ))}
      </DropdownMenuRadioGroup>
    </>
  );
}
