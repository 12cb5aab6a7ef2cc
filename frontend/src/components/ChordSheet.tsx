import { useMemo } from 'preact/hooks';
import { t } from '../i18n';
import { renderSheet } from '../utils/chords';
import { semitonesBetween, transposeKey } from '../utils/music';

export interface ChordSheetProps {
  text: string;
  /** The song's key when the text does not say. */
  songKey: string | null;
  /** The band's key: the sheet is moved there first. */
  playKey: string | null;
  /** Extra semitones chosen by the reader. */
  transpose: number;
  capo: number;
}

/** Renders a chord sheet; every chord and lyric is a text node, never HTML. Loaded as its own chunk. */
export default function ChordSheet({ text, songKey, playKey, transpose, capo }: ChordSheetProps) {
  const original = useMemo(() => renderSheet(text, 0, songKey), [text, songKey]);
  const toBand = playKey ? semitonesBetween(original.key, playKey) : 0;
  const shift = toBand + transpose - capo;
  const sheet = useMemo(() => (shift === 0 ? original : renderSheet(text, shift, songKey)), [text, songKey, shift, original]);
  const sounding = transposeKey(original.key, toBand + transpose);
  const shapes = transposeKey(original.key, shift);

  return (
    <div>
      <p class="muted small" data-testid="sheet-key">
        {sounding ? t('sheet.key', { key: sounding }) : t('sheet.keyUnknown')}
        {capo > 0 && shapes ? t('sheet.capo', { capo, shapes }) : ''}
      </p>
      <div class="sheet" data-testid="chord-sheet" tabIndex={0} role="region" aria-label={t('sheet.region')}>
        {sheet.lines.map((line, i) => {
          if (line.kind === 'section') return <div class="section" key={i}>{line.text}</div>;
          if (line.kind === 'comment') return <div class="section muted" key={i}>{line.text}</div>;
          if (line.kind === 'blank') return <div class="line" key={i} aria-hidden="true" />;
          if (line.kind === 'lyrics') return <div class="row-text" key={i}>{line.text}</div>;
          if (line.kind === 'over') {
            return (
              <div class="over" key={i}>
                <div class="chord row-text">{line.chords}</div>
                {line.lyrics !== null && <div class="row-text">{line.lyrics}</div>}
              </div>
            );
          }
          return (
            <div class="line" key={i}>
              {line.pairs.map((pair, j) => (
                <span class="pair" key={j}>
                  <span class="chord">{pair.chord}</span>
                  <span class="lyrics">{pair.lyrics}</span>
                </span>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
