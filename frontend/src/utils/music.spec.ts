import { describe, expect, it } from 'vitest';
import { noteIndex, semitonesBetween, transposeKey } from './music';

describe('music', () => {
  it('reads keys and chord roots', () => {
    expect(noteIndex('C')).toBe(0);
    expect(noteIndex('F#m7')).toBe(6);
    expect(noteIndex('Bb')).toBe(10);
    expect(noteIndex('N.C.')).toBeNull();
  });

  it('moves the short way between keys', () => {
    expect(semitonesBetween('G', 'A')).toBe(2);
    expect(semitonesBetween('A', 'G')).toBe(-2);
    expect(semitonesBetween('C', 'G')).toBe(-5);
    expect(semitonesBetween(null, 'G')).toBe(0);
    expect(semitonesBetween('Em', 'A')).toBe(2);
    expect(semitonesBetween('G', 'Em')).toBe(0);
  });

  it('spells transposed keys as musicians do', () => {
    expect(transposeKey('G', 3)).toBe('Bb');
    expect(transposeKey('E', 2)).toBe('F#');
    expect(transposeKey('Am', 5)).toBe('Dm');
    expect(transposeKey('C', -1)).toBe('B');
  });
});
