import { effect, signal } from '@preact/signals';
import { en } from './messages/en';

type English = typeof en;
export type MessageKey = keyof English;
/** A plural message: one text per `Intl.PluralRules` category the language uses; `other` always. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type PluralKey = { [K in MessageKey]: English[K] extends string ? never : K }[MessageKey];
export type TextKey = Exclude<MessageKey, PluralKey>;
/** What every language provides: a text where English has one, plural forms where English has them. */
export type Catalogue = { [K in MessageKey]: English[K] extends string ? string : PluralForms };
type Params = Record<string, string | number>;

/** English is built in; another language is a chunk of its own, fetched when it is chosen. */
const loaders = {
  en: async () => en,
  es: () => import('./messages/es').then((m) => m.es),
} satisfies Record<string, () => Promise<Catalogue>>;
export type Locale = keyof typeof loaders;
export const LOCALES = Object.keys(loaders) as Locale[];
const loaded: Partial<Record<Locale, Catalogue>> = { en };
/** Each language named in itself, for the switch in the header. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };
const STORAGE_KEY = 'jm.lang';

const isLocale = (tag: string | null | undefined): tag is Locale => !!tag && Object.hasOwn(loaders, tag);
const browserTags = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];

/** The language chosen in the header, else the first of the browser's languages we have, else English. */
export function pickLocale(saved: string | null, tags: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  return tags.map((tag) => tag.toLowerCase().split('-')[0]).find(isLocale) ?? 'en';
}

function savedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: follow the browser
  }
}

export const locale = signal<Locale>('en');

effect(() => {
  if (typeof document !== 'undefined') document.documentElement.lang = locale.value;
});

/** Switches once the language's catalogue is here (stays as it was if that cannot be fetched). */
async function show(next: Locale): Promise<void> {
  loaded[next] ??= await loaders[next]();
  locale.value = next;
}

/** The reader's choice in the header: shown and remembered. */
export async function setLocale(next: Locale): Promise<void> {
  await show(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
}

/** Settles when the first language is ready: the app renders after it, so nobody sees English flash by. */
export const ready: Promise<void> = show(pickLocale(savedLocale(), browserTags())).catch(() => {});

/** For dates: the browser's own tags of the chosen language first (en-GB keeps its day-month order). */
export function dateLocales(): string[] {
  return [...browserTags().filter((tag) => tag.toLowerCase().split('-')[0] === locale.value), locale.value];
}

const catalogue = (): Catalogue => loaded[locale.value] ?? en;

const fill = (text: string, params?: Params) =>
  params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;

/** Whether a key made at run time (an error code, an instrument) has a text in the catalogue. */
export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(en, key) && typeof en[key as MessageKey] === 'string';
}

/** The text of `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: TextKey, params?: Params): string {
  return fill(catalogue()[key], params);
}

/** The plural form of `key` for `count` (also available as `{count}`). */
export function tn(key: PluralKey, count: number, params?: Params): string {
  const forms: PluralForms = catalogue()[key];
  const form = forms[new Intl.PluralRules(locale.value).select(count)] ?? forms.other;
  return fill(form, { count, ...params });
}
