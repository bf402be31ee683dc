import type { CalendarDate } from './types';

/** DD.MM.YYYY as printed on Kazakhstan documents. */
export function formatDate(d: CalendarDate): string {
  return `${String(d.day).padStart(2, '0')}.${String(d.month).padStart(2, '0')}.${d.year}`;
}

/** Parses DD.MM.YYYY (also with spaces or other separators OCR may produce); null if not a real date. */
export function parseDate(text: string): CalendarDate | null {
  const m = /(\d{2})\D?(\d{2})\D?(\d{4})/.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function sameDate(a: CalendarDate | null, b: CalendarDate | null): boolean {
  return !!a && !!b && a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Parses YYYY-MM-DD, as the state registers write dates; null if not a real date. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? parseDate(`${m[3]}.${m[2]}.${m[1]}`) : null;
}

/** Orders two dates: negative when `a` is earlier, 0 when the same day. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return (a.year - b.year) * 10000 + (a.month - b.month) * 100 + (a.day - b.day);
}
