// Number and time wording of the division's screens (Asia/Tokyo, as the city reads its figures).
import type { AppLocale } from '@/i18n'

const intl: Record<AppLocale, string> = { ja: 'ja-JP', en: 'en-GB' }

/** 0.2759 → "27.6%"; null → "—" */
export function formatRate(rate: number | null | undefined, locale: AppLocale): string {
  if (rate === null || rate === undefined) return '—'
  return new Intl.NumberFormat(intl[locale], { style: 'percent', maximumFractionDigits: 1 }).format(rate)
}

/** A rate for a CSV cell: percent with one decimal, as a number Excel can sum. */
export function rateForCsv(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10
}

export function formatNumber(value: number | null | undefined, locale: AppLocale, digits = 2): string {
  if (value === null || value === undefined) return '—'
  return new Intl.NumberFormat(intl[locale], { maximumFractionDigits: digits }).format(value)
}

/** 2026年12月1日 10:15 */
export function formatDateTime(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intl[locale], {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}

/** A date of the server (YYYY-MM-DD, already Tokyo) → 2026年12月1日 */
export function formatDay(day: string, locale: AppLocale): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Intl.DateTimeFormat(intl[locale], {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1)))
}
