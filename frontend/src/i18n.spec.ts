import { afterEach, describe, expect, it } from 'vitest';
import { LOCALES, locale, pickLocale, ready, setLocale, t, tn, type Catalogue } from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as object));
// Every file in messages/, so a new language is checked as soon as it exists.
const catalogues: Record<string, Catalogue> = Object.fromEntries(
  Object.entries(import.meta.glob<Record<string, Catalogue>>('./messages/*.ts', { eager: true })).map(([path, module]) => [
    path.replace(/^.*\/(\w+)\.ts$/, '$1'),
    Object.values(module)[0],
  ]),
);
const languages = Object.keys(catalogues);

describe('message catalogues', () => {
  afterEach(() => setLocale('en'));

  // First: the afterEach remembers English from here on.
  it('starts in English in the tests (the browser tests and specs read English text), remembering nothing', async () => {
    await ready;
    expect(locale.value).toBe('en');
    expect(localStorage.getItem('jm.lang')).toBeNull();
    expect(document.documentElement.lang).toBe('en');
  });

  it('has a catalogue file for each language the app offers', () => {
    expect(languages.sort()).toEqual([...LOCALES].sort());
  });

  it.each(languages)('%s has exactly the English keys', (language) => {
    expect(Object.keys(catalogues[language]).sort()).toEqual(Object.keys(catalogues.en).sort());
  });

  it.each(languages)('%s uses the same placeholders as English in every text', (language) => {
    for (const [key, english] of Object.entries(catalogues.en)) {
      const wanted = placeholders(texts(english)[texts(english).length - 1]);
      for (const text of texts(catalogues[language][key as keyof Catalogue])) {
        expect(placeholders(text), `${language} ${key}: ${text}`).toEqual(wanted);
      }
    }
  });

  it.each(languages)('%s has a plural form for every category the language uses, and no empty text', (language) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [key, english] of Object.entries(catalogues.en)) {
      const value = catalogues[language][key as keyof Catalogue];
      expect(typeof value, `${language} ${key}`).toBe(typeof english);
      if (typeof value === 'string') expect(value.trim(), `${language} ${key}`).not.toBe('');
      else expect(Object.keys(value).sort(), `${language} ${key}`).toEqual([...categories].sort());
    }
  });

  it('fills placeholders and picks the plural form by the language rules', async () => {
    expect(t('join.title', { name: 'Friday blues' })).toBe('Join Friday blues');
    expect(tn('suggest.left', 1)).toBe('1 suggestion left');
    expect(tn('suggest.left', 2)).toBe('2 suggestions left');
    await setLocale('es');
    expect(t('join.title', { name: 'Friday blues' })).toBe('Únete a Friday blues');
    expect(tn('item.votes', 1)).toBe('1 voto');
    expect(tn('item.votes', 0)).toBe('0 votos');
    expect(tn('item.votes', 1_000_000)).toBe('1000000 de votos');
  });

  it('follows the browser languages unless one was chosen', () => {
    expect(pickLocale(null, ['es-AR', 'en-US'])).toBe('es');
    expect(pickLocale(null, ['de-DE', 'es'])).toBe('es');
    expect(pickLocale(null, ['de-DE', 'fr'])).toBe('en');
    expect(pickLocale('en', ['es-ES'])).toBe('en');
    expect(pickLocale('xx', ['es-ES'])).toBe('es');
  });

  it('remembers the chosen language and puts it on <html lang>', async () => {
    await setLocale('es');
    expect(localStorage.getItem('jm.lang')).toBe('es');
    expect(document.documentElement.lang).toBe('es');
  });
});
