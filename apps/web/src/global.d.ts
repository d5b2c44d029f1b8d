// Type-checked translations: every `t('key')` must name a key of the English catalogue, and the
// Portuguese catalogue must have exactly the same keys (see src/i18n/catalogue-parity.ts).
import type en from '../messages/en.json';
import type { Locale } from './i18n/config';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
