import { dateLocales, isTextKey, locale, t } from '../i18n';

export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(dateLocales(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Value for <input type="datetime-local"> in local time. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An instrument in the reader's language; one the catalogue does not know (typed by someone) as written. */
export function instrumentName(instrument: string): string {
  const key = `instrument.${instrument.toLowerCase()}`;
  return isTextKey(key) ? t(key) : instrument;
}

/** "bass and guitar", "bajo y guitarra". */
export function listOf(words: string[]): string {
  return new Intl.ListFormat(locale.value, { type: 'conjunction' }).format(words);
}

/** Who plays: "Ana (guitar), Ben (bass)"; those on the bench are not in the line-up. */
export function performerLine(performers: { name: string; instrument: string; state?: string }[]): string {
  return performers
    .filter((p) => p.state !== 'bench')
    .map((p) => `${p.name} (${instrumentName(p.instrument)})`)
    .join(', ');
}
