import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n';
import { formatWhen, instrumentName, listOf, performerLine } from './format';

describe('format', () => {
  afterEach(() => setLocale('en'));

  it('names instruments in the reader language, and unknown ones as typed', async () => {
    expect(instrumentName('bass')).toBe('bass');
    await setLocale('es');
    expect(instrumentName('bass')).toBe('bajo');
    expect(instrumentName('theremin')).toBe('theremin');
    expect(performerLine([{ name: 'Ana', instrument: 'guitar' }, { name: 'Ben', instrument: 'bass', state: 'bench' }])).toBe('Ana (guitarra)');
    expect(listOf(['bajo', 'guitarra'])).toBe('bajo y guitarra');
  });

  it('writes dates the reader way', async () => {
    const at = '2030-05-03T20:30:00';
    expect(formatWhen(at)).toMatch(/Fri.*May/);
    await setLocale('es');
    expect(formatWhen(at)).toMatch(/vie.*may/);
    expect(formatWhen('not a date')).toBe('');
  });
});
