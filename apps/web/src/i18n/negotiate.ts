// Picks the interface language from an Accept-Language header: the highest-weighted entry whose
// primary language we speak (any `pt-*` means Brazilian Portuguese, any `en-*` English).
import { defaultLocale, type Locale } from './config';

const BY_LANGUAGE: Record<string, Locale> = { pt: 'pt-BR', en: 'en' };

export function negotiateLocale(acceptLanguage: string | null): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isNaN(weight) ? 0 : weight, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = BY_LANGUAGE[tag.split('-')[0] ?? ''];
    if (locale) return locale;
  }
  return defaultLocale;
}
