// A file size as people read it: "2.4 MB", "180 kB" (at least 1 kB), in the page's language.
'use client';

import { useFormatter } from 'next-intl';

export function useFormatBytes() {
  const format = useFormatter();
  return (bytes: number) =>
    bytes >= 1024 * 1024
      ? format.number(bytes / (1024 * 1024), {
          style: 'unit',
          unit: 'megabyte',
          maximumFractionDigits: 1,
        })
      : format.number(Math.max(1, Math.round(bytes / 1024)), { style: 'unit', unit: 'kilobyte' });
}
