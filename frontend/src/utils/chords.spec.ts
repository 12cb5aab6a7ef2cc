import { describe, expect, it } from 'vitest';
import { isChordPro, renderSheet, transposeChord } from './chords';

const ug = `[Verse 1]
G        D
Hello my friend
Em          C
  goodbye <img src=x onerror=alert(1)>`;

const chordsOf = (text: string, semitones: number) =>
  renderSheet(text, semitones)
    .lines.flatMap((l) => (l.kind === 'pairs' ? l.pairs.map((p) => p.chord.trim()) : []))
    .filter(Boolean);

describe('chord sheets', () => {
  it('tells ChordPro from chords over lyrics', () => {
    expect(isChordPro('{title: Hey}\n[G]Hello')).toBe(true);
    expect(isChordPro('[G]Hello [D]there')).toBe(true);
    expect(isChordPro(ug)).toBe(false);
  });

  it('reads Ultimate Guitar chords over lyrics with sections', () => {
    const sheet = renderSheet(ug, 0);
    expect(sheet.lines[0]).toEqual({ kind: 'section', text: 'Verse 1' });
    expect(chordsOf(ug, 0)).toEqual(['G', 'D', 'Em', 'C']);
    expect(sheet.key).toBe('G');
    expect(renderSheet('Em7  G\nToday', 0).key).toBe('Em');
  });

  it('keeps markup in lyrics as plain strings', () => {
    const lyrics = renderSheet(ug, 0).lines.flatMap((l) => (l.kind === 'pairs' ? l.pairs.map((p) => p.lyrics) : []));
    expect(lyrics.join('')).toContain('<img src=x onerror=alert(1)>');
  });

  it('transposes every chord', () => {
    expect(chordsOf(ug, 2)).toEqual(['A', 'E', 'F#m', 'D']);
    expect(chordsOf('{key: G}\n[G]Hello [D/F#]my friend', -2)).toEqual(['F', 'C/E']);
  });

  it('reads the key directive of ChordPro', () => {
    expect(renderSheet('{key: D}\n[G]Hi', 0).key).toBe('D');
  });

  it('leaves text that is not a chord alone', () => {
    expect(transposeChord('N.C.', 3)).toBe('N.C.');
    expect(transposeChord('G    ', 2)).toBe('A    ');
  });
});
