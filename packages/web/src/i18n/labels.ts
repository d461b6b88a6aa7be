import type { Lang } from './translate.ts';

/** The name of a bilingual record in the chosen language. */
export function localName(record: { readonly nameZh: string; readonly nameEn: string }, lang: Lang): string {
  return lang === 'zh-CN' ? record.nameZh : record.nameEn || record.nameZh;
}

/** A server timestamp in the chosen language's conventions (not the browser's default locale). */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour12: false });
}
