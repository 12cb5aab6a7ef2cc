import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import ChordSheet from './ChordSheet';

const text = `[Chorus]
G          D
<b>Hey</b> Jude`;

const chordRow = () => screen.getByTestId('chord-sheet').querySelector('.chord')!.textContent!.trim();

describe('ChordSheet', () => {
  afterEach(cleanup);

  it('renders lyrics with markup as text', () => {
    const { container } = render(<ChordSheet text={text} songKey={null} playKey={null} transpose={0} capo={0} />);
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText('<b>Hey</b> Jude')).toBeTruthy();
  });

  it('moves the sheet to the band key, then by the reader transpose', () => {
    render(<ChordSheet text={text} songKey={null} playKey="A" transpose={1} capo={0} />);
    expect(chordRow()).toBe('Bb         F');
    expect(screen.getByTestId('sheet-key').textContent).toBe('Key: Bb');
  });

  it('shows capo shapes', () => {
    render(<ChordSheet text={text} songKey="G" playKey={null} transpose={0} capo={2} />);
    expect(chordRow()).toBe('F          C');
    expect(screen.getByTestId('sheet-key').textContent).toBe('Key: G · capo 2, play F shapes');
  });
});

describe('ChordSheet with ChordPro', () => {
  afterEach(cleanup);
  const chords = () => [...screen.getByTestId('chord-sheet').querySelectorAll('.chord')].map((c) => c.textContent?.trim());

  it('plays a ChordPro sheet in E with capo 4 as C shapes', () => {
    render(<ChordSheet text={'{key: E}\n[E]Hey [B7]there [C#m]now'} songKey={null} playKey={null} transpose={0} capo={4} />);
    expect(chords()).toEqual(['C', 'G7', 'Am']);
    expect(screen.getByTestId('sheet-key').textContent).toBe('Key: E · capo 4, play C shapes');
  });

  it('moves a ChordPro sheet down to the band key with flats', () => {
    render(<ChordSheet text={'{key: G}\n[G]Hey [D/F#]there'} songKey={null} playKey="F" transpose={0} capo={0} />);
    expect(chords()).toEqual(['F', 'C/E']);
  });
});
