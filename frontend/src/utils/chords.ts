import { Chord, ChordLyricsPair, ChordProParser, Comment, Tag, UltimateGuitarParser, type Song } from 'chordsheetjs';
import { keyOfChord, noteIndex } from './music';

export type SheetLine =
  | { kind: 'section'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'blank' }
  | { kind: 'pairs'; pairs: { chord: string; lyrics: string }[] };

export interface RenderedSheet {
  /** The key the text is written in: its {key} directive, else the song's key, else its first chord. */
  key: string | null;
  lines: SheetLine[];
}

const CHORDPRO_HINT = /\{\s*(title|t|key|start_of_\w+|soc|sov|c|comment|artist|subtitle)\s*[:}]|\[[A-G][^\]\s]{0,8}\][^\s\]]/i;

export function isChordPro(text: string): boolean {
  return CHORDPRO_HINT.test(text);
}

export function parseSheet(text: string): Song {
  return isChordPro(text)
    ? new ChordProParser().parse(text)
    : new UltimateGuitarParser({ preserveWhitespace: true }).parse(text);
}

/** One chord moved by some semitones; text that is not a chord (N.C., x2) stays as it is. */
export function transposeChord(chord: string, semitones: number): string {
  const trimmed = chord.trim();
  if (!trimmed || semitones === 0) return chord;
  const parsed = Chord.parse(trimmed);
  if (!parsed) return chord;
  const moved = parsed.transpose(semitones).toString();
  // keep the spacing that places chords over the right syllable
  return chord.replace(trimmed, moved).padEnd(chord.length);
}

const META = new Set(['title', 't', 'subtitle', 'st', 'artist', 'key', 'capo', 'tempo', 'time', 'composer', 'album', 'year']);

/**
 * Parses a chord sheet (ChordPro or Ultimate Guitar "chords over lyrics") into plain lines,
 * chords shifted by `semitones`. The result holds only strings: the caller renders them as text.
 */
export function renderSheet(text: string, semitones: number, fallbackKey: string | null = null): RenderedSheet {
  const song = parseSheet(text);
  let key: string | null = null;
  let firstChord: string | null = null;
  const lines: SheetLine[] = [];

  for (const line of song.lines) {
    const pairs: { chord: string; lyrics: string }[] = [];
    for (const item of line.items) {
      if (item instanceof ChordLyricsPair) {
        const chord = item.chords ?? '';
        if (!firstChord && chord.trim() && noteIndex(chord) !== null) firstChord = keyOfChord(chord);
        pairs.push({ chord: transposeChord(chord, semitones), lyrics: item.lyrics ?? '' });
      } else if (item instanceof Tag) {
        const name = item.name ?? '';
        if (name === 'key' && item.value) key = item.value;
        if (META.has(name) || name.startsWith('end_of_')) continue;
        if (name.startsWith('start_of_') || name === 'sov' || name === 'soc') {
          const label = item.value || name.replace(/^start_of_/, '').replace(/_/g, ' ');
          lines.push({ kind: 'section', text: label.charAt(0).toUpperCase() + label.slice(1) });
        } else if (['comment', 'c', 'comment_italic', 'ci', 'comment_box', 'cb', 'highlight'].includes(name)) {
          if (item.value) lines.push({ kind: 'comment', text: item.value });
        }
      } else if (item instanceof Comment) {
        // ChordPro "#" comments are notes for the editor, not for the band
      }
    }
    if (pairs.length > 0) lines.push({ kind: 'pairs', pairs });
    else if (line.items.length === 0 && lines.length > 0 && lines[lines.length - 1].kind !== 'blank') {
      lines.push({ kind: 'blank' });
    }
  }
  return { key: key ?? fallbackKey ?? firstChord, lines };
}
