import { Chord, ChordLyricsPair, ChordProParser, Tag } from 'chordsheetjs';
import { FLAT_KEYS, keyOfChord, noteIndex, transposeKey } from './music';

export type SheetLine =
  | { kind: 'section'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'blank' }
  /** ChordPro: chords attached to syllables. */
  | { kind: 'pairs'; pairs: { chord: string; lyrics: string }[] }
  /** Chords over lyrics: a chord row (columns kept) and the lyric row under it, if any. */
  | { kind: 'over'; chords: string; lyrics: string | null }
  | { kind: 'lyrics'; text: string };

export interface RenderedSheet {
  /** The key the text is written in: its {key} directive, else the song's key, else its first chord. */
  key: string | null;
  lines: SheetLine[];
}

const CHORDPRO_HINT = /\{\s*(title|t|key|start_of_\w+|soc|sov|c|comment|artist|subtitle)\s*[:}]|\[[A-G][^\]\s]{0,8}\][^\s\]]/i;
const SECTION = /^\s*\[([^\]]{1,40})\]\s*$/;
const CHORD_ROW_EXTRAS = /^(\||\|\||x\d+|\(|\)|-+|\/|N\.?C\.?|%)$/i;

export function isChordPro(text: string): boolean {
  return CHORDPRO_HINT.test(text);
}

const CHORD_SHAPE = /^[A-G](#|b)?(maj|min|m|M|dim|aug|sus|add|no|[0-9]|\+|-|°|ø|#|b|\(|\))*(\/[A-G](#|b)?)?$/;

function parseChord(token: string): Chord | null {
  const core = token.replace(/^\(|\)$/g, '');
  if (!CHORD_SHAPE.test(core)) return null;
  return Chord.parse(core);
}

/** A line of only chords (and bar marks), as Ultimate Guitar writes them over the lyrics. */
export function isChordRow(line: string): boolean {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return false;
  let chords = 0;
  for (const token of tokens) {
    if (parseChord(token)) chords++;
    else if (!CHORD_ROW_EXTRAS.test(token)) return false;
  }
  return chords > 0;
}

const TO_FLAT: Record<string, string> = { 'C#': 'Db', 'D#': 'Eb', 'F#': 'Gb', 'G#': 'Ab', 'A#': 'Bb' };
const TO_SHARP: Record<string, string> = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };

/** Spells every note name of a chord with flats or with sharps. */
function respell(chord: string, flats: boolean): string {
  return flats
    ? chord.replace(/[A-G]#/g, (note) => TO_FLAT[note] ?? note)
    : chord.replace(/[A-G]b/g, (note) => TO_SHARP[note] ?? note);
}

/** One chord moved by some semitones; text that is not a chord (N.C., x2) stays as it is. */
export function transposeChord(chord: string, semitones: number, flats = false): string {
  const trimmed = chord.trim();
  if (!trimmed || semitones === 0) return chord;
  const parsed = parseChord(trimmed);
  if (!parsed) return chord;
  const moved = respell(parsed.transpose(semitones).toString(), flats);
  const wrapped = trimmed.startsWith('(') ? `(${moved}${trimmed.endsWith(')') ? ')' : ''}` : moved;
  return chord.replace(trimmed, wrapped).padEnd(chord.length);
}

/** Transposes a chord row, keeping every chord at its column (or just after a longer neighbour). */
export function transposeRow(row: string, semitones: number, flats = false): string {
  if (semitones === 0) return row;
  let out = '';
  for (const match of row.matchAll(/\S+/g)) {
    const column = Math.max(match.index ?? 0, out.length === 0 ? 0 : out.length + 1);
    out = out.padEnd(column) + transposeChord(match[0], semitones, flats);
  }
  return out;
}

function firstChordOf(row: string): string | null {
  for (const token of row.trim().split(/\s+/)) {
    const chord = parseChord(token);
    if (chord) return keyOfChord(token.replace(/^\(/, ''));
  }
  return null;
}

function renderChordsOverLyrics(text: string, semitones: number, flats: boolean): { lines: SheetLine[]; first: string | null } {
  const rows = text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  const lines: SheetLine[] = [];
  let first: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].replace(/\s+$/, '');
    const section = SECTION.exec(row);
    if (!row) {
      if (lines.length > 0 && lines[lines.length - 1].kind !== 'blank') lines.push({ kind: 'blank' });
    } else if (section) {
      lines.push({ kind: 'section', text: section[1].trim() });
    } else if (isChordRow(row)) {
      first ??= firstChordOf(row);
      const next = rows[i + 1]?.replace(/\s+$/, '') ?? '';
      const hasLyrics = next !== '' && !SECTION.test(next) && !isChordRow(next);
      lines.push({ kind: 'over', chords: transposeRow(row, semitones, flats), lyrics: hasLyrics ? next : null });
      if (hasLyrics) i++;
    } else {
      lines.push({ kind: 'lyrics', text: row });
    }
  }
  while (lines.length > 0 && lines[lines.length - 1].kind === 'blank') lines.pop();
  return { lines, first };
}

const META = new Set(['title', 't', 'subtitle', 'st', 'artist', 'key', 'capo', 'tempo', 'time', 'composer', 'album', 'year']);
const COMMENTS = new Set(['comment', 'c', 'comment_italic', 'ci', 'comment_box', 'cb', 'highlight']);

function renderChordPro(text: string, semitones: number, flats: boolean): { lines: SheetLine[]; first: string | null; key: string | null } {
  const song = new ChordProParser().parse(text);
  const lines: SheetLine[] = [];
  let first: string | null = null;
  let key: string | null = null;
  for (const line of song.lines) {
    const pairs: { chord: string; lyrics: string }[] = [];
    for (const item of line.items) {
      if (item instanceof ChordLyricsPair) {
        const chord = item.chords ?? '';
        if (!first && chord.trim() && noteIndex(chord) !== null) first = keyOfChord(chord);
        pairs.push({ chord: transposeChord(chord, semitones, flats), lyrics: item.lyrics ?? '' });
      } else if (item instanceof Tag) {
        const name = item.name ?? '';
        if (name === 'key' && item.value) key = item.value;
        if (META.has(name) || name.startsWith('end_of_') || name === 'eoc' || name === 'eov') continue;
        if (name.startsWith('start_of_') || name === 'sov' || name === 'soc') {
          const label = item.value || (name === 'soc' ? 'chorus' : name === 'sov' ? 'verse' : name.replace(/^start_of_/, '').replace(/_/g, ' '));
          lines.push({ kind: 'section', text: label.charAt(0).toUpperCase() + label.slice(1) });
        } else if (COMMENTS.has(name) && item.value) {
          lines.push({ kind: 'comment', text: item.value });
        }
      }
    }
    if (pairs.length > 0) lines.push({ kind: 'pairs', pairs });
    else if (line.items.length === 0 && lines.length > 0 && lines[lines.length - 1].kind !== 'blank') {
      lines.push({ kind: 'blank' });
    }
  }
  return { lines, first, key };
}

/**
 * Parses a chord sheet (ChordPro, or Ultimate Guitar's chords over lyrics) into plain lines with
 * every chord moved by `semitones`. Only strings come out: the caller renders them as text.
 */
export function renderSheet(text: string, semitones: number, fallbackKey: string | null = null): RenderedSheet {
  const chordPro = isChordPro(text);
  // Spell moved chords the way the target key is written (Bb in F, A# in F#).
  let flats = false;
  if (semitones !== 0) {
    const original = chordPro ? renderChordPro(text, 0, false) : renderChordsOverLyrics(text, 0, false);
    const key = ('key' in original ? (original.key as string | null) : null) ?? fallbackKey ?? original.first;
    const target = transposeKey(key, semitones);
    flats = target !== null && FLAT_KEYS.has(target);
  }
  if (chordPro) {
    const { lines, first, key } = renderChordPro(text, semitones, flats);
    return { key: key ?? fallbackKey ?? first, lines };
  }
  const { lines, first } = renderChordsOverLyrics(text, semitones, flats);
  return { key: fallbackKey ?? first, lines };
}
