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
const CHORD_PARTS = /^([A-G](?:#|b)?)(.*?)(?:\/([A-G](?:#|b)?))?$/;

interface Chord {
  root: string;
  /** Everything between the root and the bass (m7, sus4, add9), kept as written. */
  quality: string;
  bass: string | null;
}

function parseChord(token: string): Chord | null {
  const core = token.replace(/^\(|\)$/g, '');
  if (!CHORD_SHAPE.test(core)) return null;
  const [, root, quality, bass] = CHORD_PARTS.exec(core)!;
  return { root, quality, bass: bass ?? null };
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

const SHARP_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const FLAT_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

/** A note moved by some semitones, spelled with flats or with sharps (E and B stay naturals). */
function moveNote(note: string, semitones: number, flats: boolean): string {
  const target = (((noteIndex(note) ?? 0) + semitones) % 12 + 12) % 12;
  return (flats ? FLAT_NAMES : SHARP_NAMES)[target];
}

/** One chord moved by some semitones; text that is not a chord (N.C., x2) stays as it is. */
export function transposeChord(chord: string, semitones: number, flats = false): string {
  const trimmed = chord.trim();
  if (!trimmed || semitones === 0) return chord;
  const parsed = parseChord(trimmed);
  if (!parsed) return chord;
  const bass = parsed.bass ? `/${moveNote(parsed.bass, semitones, flats)}` : '';
  const moved = moveNote(parsed.root, semitones, flats) + parsed.quality + bass;
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

const COMMENTS = new Set(['comment', 'c', 'comment_italic', 'ci', 'comment_box', 'cb', 'highlight']);
const SECTION_ALIASES: Record<string, string> = { soc: 'chorus', sov: 'verse', sob: 'bridge', sot: 'tab', sog: 'grid' };
const END_ALIASES = new Set(['eoc', 'eov', 'eob', 'eot', 'eog']);
/** A line that is one directive: {name}, {name: value} or {name value}. */
const DIRECTIVE = /^\s*\{\s*([a-z][\w-]*)(?:\s*:\s*|\s+)?([^}]*?)\s*\}\s*$/i;

/** ChordPro lyrics with [chords] before the syllable they belong to, as chord-and-lyrics pairs. */
function chordProPairs(line: string): { chord: string; lyrics: string }[] {
  const pairs: { chord: string; lyrics: string }[] = [];
  const parts = line.split(/\[([^\]]*)\]/);
  if (parts[0]) pairs.push({ chord: '', lyrics: parts[0] });
  for (let i = 1; i < parts.length; i += 2) pairs.push({ chord: parts[i], lyrics: parts[i + 1] ?? '' });
  return pairs;
}

function renderChordPro(text: string, semitones: number, flats: boolean): { lines: SheetLine[]; first: string | null; key: string | null } {
  const lines: SheetLine[] = [];
  let first: string | null = null;
  let key: string | null = null;
  // Tab and grid blocks are monospaced text: their brackets are not chords.
  let verbatim = false;
  const blank = () => {
    if (lines.length > 0 && lines[lines.length - 1].kind !== 'blank') lines.push({ kind: 'blank' });
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const row = raw.replace(/\s+$/, '');
    const directive = DIRECTIVE.exec(row);
    if (directive) {
      const name = directive[1].toLowerCase();
      const value = directive[2];
      if (name === 'key' && value) key = value;
      if (name.startsWith('end_of_') || END_ALIASES.has(name)) {
        verbatim = false;
      } else if (name.startsWith('start_of_') || name in SECTION_ALIASES) {
        const kind = SECTION_ALIASES[name] ?? name.replace(/^start_of_/, '');
        verbatim = kind === 'tab' || kind === 'grid';
        const label = value || kind.replace(/_/g, ' ');
        lines.push({ kind: 'section', text: label.charAt(0).toUpperCase() + label.slice(1) });
      } else if (COMMENTS.has(name) && value) {
        lines.push({ kind: 'comment', text: value });
      }
      // Metadata (title, capo, tempo…) is shown elsewhere; unknown directives are skipped.
    } else if (!row) {
      blank();
    } else if (verbatim) {
      lines.push({ kind: 'lyrics', text: row });
    } else if (/^#/.test(row)) {
      // A ChordPro comment line: for the file's author, not the reader.
    } else {
      const pairs = chordProPairs(row).map(({ chord, lyrics }) => {
        if (!first && chord.trim() && noteIndex(chord) !== null) first = keyOfChord(chord);
        return { chord: transposeChord(chord, semitones, flats), lyrics };
      });
      lines.push({ kind: 'pairs', pairs });
    }
  }
  while (lines.length > 0 && lines[lines.length - 1].kind === 'blank') lines.pop();
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
