// The languages the interface speaks: Brazilian Portuguese by default, and English. The choice
// follows Accept-Language until the person picks one, which is then kept in a cookie.
export const locales = ['pt-BR', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'pt-BR';
export const LOCALE_COOKIE = 'zatten_locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
