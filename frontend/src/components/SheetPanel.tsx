import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api/client';
import type { Id, Sheet } from '../api/types';
import { t } from '../i18n';
import { lazy } from '../utils/lazy';

const ChordSheet = lazy(() => import('./ChordSheet'), () => <p class="muted">{t('sheet.loading')}</p>);

const cache = new Map<string, Promise<Sheet>>();

function loadSheet(token: string | null, jamId: Id, itemId: Id): Promise<Sheet> {
  const key = `${jamId}/${itemId}`;
  let sheet = cache.get(key);
  if (!sheet) {
    sheet = api.sheet(token, jamId, itemId);
    sheet.catch(() => cache.delete(key));
    cache.set(key, sheet);
  }
  return sheet;
}

interface Props {
  jamId: Id;
  itemId: Id;
  token: string | null;
  /** Follow the host's key and capo (stage screen, "follow now playing"): no reader controls. */
  follow?: { playKey: string | null; capo: number };
  /** The band's key to start from, when the reader keeps the controls. */
  playKey?: string | null;
}

/** The chord sheet of one queued song, with transpose and capo controls. */
export function SheetPanel({ jamId, itemId, token, follow, playKey = null }: Props) {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [transpose, setTranspose] = useState(0);
  const [capo, setCapo] = useState(0);

  useEffect(() => {
    let live = true;
    setSheet(null);
    setError(null);
    loadSheet(token, jamId, itemId).then(
      (s) => live && setSheet(s),
      (e) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [jamId, itemId, token]);

  if (error) return <p class="error">{error}</p>;
  if (!sheet) return <p class="muted">{t('sheet.loading')}</p>;

  const links = (
    <p class="row small">
      {sheet.link && (
        <a href={sheet.link} target="_blank" rel="noopener noreferrer">
          {t('sheet.openUg')}
        </a>
      )}
      {sheet.searchUrl && (
        <a href={sheet.searchUrl} target="_blank" rel="noopener noreferrer">
          {t('sheet.searchUg')}
        </a>
      )}
    </p>
  );

  if (!sheet.chordText) {
    return (
      <div>
        <p class="muted">{t('sheet.none')}</p>
        {links}
      </div>
    );
  }

  return (
    <div>
      {!follow && (
        <div class="sheet-controls" role="group" aria-label={t('sheet.controls')}>
          <button type="button" onClick={() => setTranspose(transpose - 1)} aria-label={t('sheet.down')}>
            −
          </button>
          <output aria-live="polite" aria-label={t('sheet.value')} data-testid="transpose-value">
            {transpose > 0 ? `+${transpose}` : transpose}
          </output>
          <button type="button" onClick={() => setTranspose(transpose + 1)} aria-label={t('sheet.up')}>
            +
          </button>
          <span class="row">
            <label for={`capo-${itemId}`} style={{ margin: 0 }}>
              {t('common.capo')}
            </label>
            <select id={`capo-${itemId}`} value={capo} onChange={(e) => setCapo(Number((e.target as HTMLSelectElement).value))}>
              {Array.from({ length: 12 }, (_, n) => (
                <option value={n} key={n}>
                  {n === 0 ? t('common.none') : n}
                </option>
              ))}
            </select>
          </span>
          {(transpose !== 0 || capo !== 0) && (
            <button type="button" class="link" onClick={() => (setTranspose(0), setCapo(0))}>
              {t('sheet.reset')}
            </button>
          )}
        </div>
      )}
      <ChordSheet
        text={sheet.chordText}
        songKey={sheet.key}
        playKey={follow ? follow.playKey : playKey}
        transpose={follow ? 0 : transpose}
        capo={follow ? follow.capo : capo}
      />
      {links}
    </div>
  );
}
