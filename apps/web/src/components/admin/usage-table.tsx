// A usage table: one row per person or assistant with replies and tokens, shared by the personal
// usage page and the admin usage page.
'use client';

import { useFormatter, useTranslations } from 'next-intl';

export interface UsageRow {
  key: string;
  label: string;
  replies: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export function UsageTable({
  caption,
  rowHeader,
  rows,
}: {
  caption: string;
  rowHeader: string;
  rows: UsageRow[];
}) {
  const t = useTranslations('usage');
  const format = useFormatter();
  const n = (value: number) => format.number(value);
  if (!rows.length) return <p className="text-sm text-muted-foreground">{t('none')}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              {rowHeader}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              {t('replies')}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              {t('input')}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              {t('output')}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              {t('total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-border">
              <th scope="row" className="px-2 py-1.5 text-left font-medium">
                {row.label}
              </th>
              <td className="px-2 py-1.5 text-right tabular-nums">{n(row.replies)}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{n(row.inputTokens)}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{n(row.outputTokens)}</td>
              <td className="px-2 py-1.5 text-right font-medium tabular-nums">
                {n(row.totalTokens)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** This month and the eleven before it, as YYYY-MM, newest first. */
export function recentMonths(now = new Date()): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

export function MonthSelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (month: string) => void;
}) {
  const t = useTranslations('usage');
  const format = useFormatter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="font-medium">{t('month')}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-lg border border-input bg-surface px-2 text-sm focus-visible:outline-2 focus-visible:outline-ring"
      >
        {recentMonths().map((month) => (
          <option key={month} value={month}>
            {format.dateTime(new Date(`${month}-15T00:00:00Z`), {
              month: 'long',
              year: 'numeric',
              timeZone: 'UTC',
            })}
          </option>
        ))}
      </select>
    </label>
  );
}
