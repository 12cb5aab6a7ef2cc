import { describe, expect, it } from 'vitest';
import { isChordPro, isChordRow, renderSheet, transposeChord, transposeRow } from './chords';

const ug = `[Verse 1]
G        D
Hello my friend
Em          C
  goodbye <img src=x onerror=alert(1)>

[Chorus]
C   D   G  x2`;

const chordsOf = (text: string, semitones: number) =>
  renderSheet(text, semitones).lines.flatMap((l) =>
    l.kind === 'pairs' ? l.pairs.map((p) => p.chord.trim()).filter(Boolean) : l.kind === 'over' ? l.chords.trim().split(/\s+/) : [],
  );

describe('chord sheets', () => {
  it('tells ChordPro from chords over lyrics', () => {
    expect(isChordPro('{title: Hey}\n[G]Hello')).toBe(true);
    expect(isChordPro('[G]Hello [D]there')).toBe(true);
    expect(isChordPro(ug)).toBe(false);
  });

  it('recognises chord rows', () => {
    expect(isChordRow('G   D/F#  Em7   Cadd9')).toBe(true);
    expect(isChordRow('| Am | F | x2')).toBe(true);
    expect(isChordRow('Hello my friend')).toBe(false);
    expect(isChordRow('A day in the life')).toBe(false);
  });

  it('reads Ultimate Guitar chords over lyrics with sections, keeping the lyrics whole', () => {
    const sheet = renderSheet(ug, 0);
    expect(sheet.lines[0]).toEqual({ kind: 'section', text: 'Verse 1' });
    expect(sheet.lines[1]).toEqual({ kind: 'over', chords: 'G        D', lyrics: 'Hello my friend' });
    expect(sheet.lines[2]).toMatchObject({ lyrics: '  goodbye <img src=x onerror=alert(1)>' });
    expect(sheet.lines.at(-1)).toEqual({ kind: 'over', chords: 'C   D   G  x2', lyrics: null });
    expect(sheet.key).toBe('G');
  });

  it('transposes every chord and keeps their columns', () => {
    expect(chordsOf(ug, 2)).toEqual(['A', 'E', 'F#m', 'D', 'D', 'E', 'A', 'x2']);
    expect(transposeRow('Em7          G', 2)).toBe('F#m7         A');
    expect(transposeRow('G G', 1)).toBe('G# G#');
    expect(chordsOf('G  D\nHey', 3)).toEqual(['Bb', 'F']);
    expect(chordsOf('E  B\nHey', 2)).toEqual(['F#', 'C#']);
    expect(chordsOf('{key: G}\n[G]Hello [D/F#]my friend', -2)).toEqual(['F', 'C/E']);
  });

  it('reads the key from a ChordPro directive, else the first chord', () => {
    expect(renderSheet('{key: D}\n[G]Hi', 0).key).toBe('D');
    expect(renderSheet('Em7  G\nToday', 0).key).toBe('Em');
    expect(renderSheet('Em7  G\nToday', 0, 'G').key).toBe('G');
  });

  it('leaves text that is not a chord alone', () => {
    expect(transposeChord('N.C.', 3)).toBe('N.C.');
    expect(transposeChord('G    ', 2)).toBe('A    ');
    expect(transposeChord('(Am)', 2)).toBe('(Bm)');
  });
});

const song = `{title: Hey Jude}
{artist: The Beatles}
{key: F}
{capo: 1}
# transcribed from the record
{start_of_verse: Verse 1}
[F]Hey Jude, don't [C]make it [C7/E]bad
{end_of_verse}

{soc}
Na na na [Eb]na, na na [Bb]na
{eoc}
{c: Fade out}
{start_of_tab}
e|--[1]--3--|
{end_of_tab}`;

describe('ChordPro', () => {
  it('shows sections and comments, hides metadata and comment lines', () => {
    const sheet = renderSheet(song, 0);
    expect(sheet.key).toBe('F');
    expect(sheet.lines).toEqual([
      { kind: 'section', text: 'Verse 1' },
      {
        kind: 'pairs',
        pairs: [
          { chord: 'F', lyrics: "Hey Jude, don't " },
          { chord: 'C', lyrics: 'make it ' },
          { chord: 'C7/E', lyrics: 'bad' },
        ],
      },
      { kind: 'blank' },
      { kind: 'section', text: 'Chorus' },
      {
        kind: 'pairs',
        pairs: [
          { chord: '', lyrics: 'Na na na ' },
          { chord: 'Eb', lyrics: 'na, na na ' },
          { chord: 'Bb', lyrics: 'na' },
        ],
      },
      { kind: 'comment', text: 'Fade out' },
      { kind: 'section', text: 'Tab' },
      { kind: 'lyrics', text: 'e|--[1]--3--|' },
    ]);
  });

  it('reads directives written without a colon and in capitals', () => {
    expect(renderSheet('{Key G}\n{start_of_chorus}\n[G]Hi', 0).lines[0]).toEqual({ kind: 'section', text: 'Chorus' });
    expect(renderSheet('{Key G}\n[G]Hi', 0).key).toBe('G');
    expect(renderSheet('{textfont-piano: Courier}\n{meta: artist X}\n[G]Hi', 0).lines).toHaveLength(1);
  });

  it('transposes up into a sharp key, spelling flats as sharps', () => {
    expect(chordsOf(song, 1)).toEqual(['F#', 'C#', 'C#7/F', 'E', 'B']);
  });

  it('transposes down into a flat key, spelling sharps as flats', () => {
    expect(chordsOf('{key: A}\n[A]One [F#m7]two [C#m/G#]three', -2)).toEqual(['G', 'Em7', 'Bm/F#']);
    expect(chordsOf('{key: A}\n[A]One [F#m7]two [C#m/G#]three', -4)).toEqual(['F', 'Dm7', 'Am/E']);
    expect(chordsOf('{key: Bb}\n[Bb]One [Ebmaj7]two', 12)).toEqual(['Bb', 'Ebmaj7']);
  });

  it('keeps annotations that are not chords', () => {
    expect(chordsOf('[G]Hi [*riff]there [N.C.]now', 2)).toEqual(['A', '*riff', 'N.C.']);
  });
});
