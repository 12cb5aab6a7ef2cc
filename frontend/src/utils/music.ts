const SHARPS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const FLATS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];
export const FLAT_KEYS = new Set(['F', 'Bb', 'Eb', 'Ab', 'Db', 'Dm', 'Gm', 'Cm', 'Fm', 'Bbm', 'Ebm']);

/** Keys offered to the host as the band's key. */
export const KEYS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

const KEY_PATTERN = /^([A-Ga-g])([#b♯♭]?)(m(?!aj))?/;

/** Semitone index (C = 0) of a key or chord root, or null when it is not one. */
export function noteIndex(name: string | null | undefined): number | null {
  const match = name ? KEY_PATTERN.exec(name.trim()) : null;
  if (!match) return null;
  const base = SHARPS.indexOf(match[1].toUpperCase());
  const accidental = match[2] === '#' || match[2] === '♯' ? 1 : match[2] === 'b' || match[2] === '♭' ? -1 : 0;
  return (base + accidental + 12) % 12;
}

export function isMinor(name: string | null | undefined): boolean {
  const match = name ? KEY_PATTERN.exec(name.trim()) : null;
  return Boolean(match?.[3]);
}

/**
 * Semitones to move from one key to another, in -5..+6 so chords move the short way.
 * A minor key moving to a major one goes by its relative major (Em → A is G → A).
 */
export function semitonesBetween(from: string | null | undefined, to: string | null | undefined): number {
  let a = noteIndex(from);
  const b = noteIndex(to);
  if (a === null || b === null) return 0;
  if (isMinor(from) && !isMinor(to)) a = (a + 3) % 12;
  else if (!isMinor(from) && isMinor(to)) a = (a + 9) % 12;
  const up = (b - a + 12) % 12;
  return up > 6 ? up - 12 : up;
}

/** The key a chord implies: its root, and "m" when minor (Em7 → Em). */
export function keyOfChord(chord: string): string | null {
  const match = KEY_PATTERN.exec(chord.trim());
  return match ? match[1].toUpperCase() + (match[2] ?? '') + (match[3] ? 'm' : '') : null;
}

/** A key moved by some semitones, spelled the way musicians usually spell that key. */
export function transposeKey(key: string | null | undefined, semitones: number): string | null {
  const index = noteIndex(key);
  if (index === null) return null;
  const target = (((index + semitones) % 12) + 12) % 12;
  const minor = isMinor(key);
  const sharp = SHARPS[target] + (minor ? 'm' : '');
  const flat = FLATS[target] + (minor ? 'm' : '');
  return FLAT_KEYS.has(flat) ? flat : sharp;
}
