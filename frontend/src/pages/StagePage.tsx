import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { LiveIndicator } from '../components/LiveIndicator';
import { SheetPanel } from '../components/SheetPanel';
import { t } from '../i18n';
import { hostToken } from '../stores/session';
import { useJamStore } from '../stores/useJamStore';
import { performerLine } from '../utils/format';
import { useWakeLock } from '../utils/wakeLock';

/** The stage token arrives in the link's fragment (never sent to servers); keep it for reloads. */
function stageToken(slug: string): string | null {
  const key = `jm.stage.${slug}`;
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  try {
    if (fromHash) {
      sessionStorage.setItem(key, fromHash);
      history.replaceState(null, '', location.pathname + location.search);
    }
    return fromHash ?? sessionStorage.getItem(key);
  } catch {
    return fromHash;
  }
}

export default function StagePage({ slug }: { slug: string }) {
  const [token] = useState(() => stageToken(slug) ?? hostToken());
  const store = useJamStore(slug, { token: () => token });
  const state = store.state.value;
  useWakeLock();

  if (!state) {
    return (
      <main class="stage">
        <h1>{store.notFound.value
            ? t('common.noSuchJam')
            : (store.error.value ?? (store.live.value === 'reconnecting' ? t('live.reconnecting') : t('common.loading')))}</h1>
      </main>
    );
  }

  const { jam } = state;
  const now = store.nowPlaying.value;
  const next = store.queued.value.slice(0, 3);
  const upNext = next[0];
  const upNextBand = upNext ? performerLine(upNext.performers) : '';
  const readToken = token ?? state.viewerToken;
  const joinUrl = jam.joinUrl || `${location.origin}/j/${jam.joinCode}`;

  return (
    <main class="stage" aria-live="off">
      <section aria-labelledby="stage-now">
        <div class="spread">
          <p class="muted" style={{ margin: 0, fontSize: 'clamp(1rem, 1.5vw, 1.5rem)' }}>
            {jam.name}
          </p>
          <LiveIndicator status={store.status.value} />
        </div>
        {now ? (
          <>
            <p class="muted" id="stage-now" style={{ margin: '1vw 0 0', textTransform: 'uppercase', letterSpacing: '0.1em', color: 'var(--accent)' }}>
              {t('common.nowPlaying')}
            </p>
            <h1 data-testid="stage-title">{now.title}</h1>
            <p class="artist">{now.artist}</p>
            {now.performers.length > 0 && <p class="performers">{performerLine(now.performers)}</p>}
            {state.flags.chord_sheets !== false && (now.hasChords || now.link) && (
              <SheetPanel jamId={jam.id} itemId={now.id} token={readToken} follow={{ playKey: jam.playKey, capo: jam.capo }} />
            )}
          </>
        ) : (
          <>
            <h1 id="stage-now">{jam.status === 'ended' ? t('stage.thanks') : t('stage.soon')}</h1>
            <p class="artist">{jam.status === 'ended' ? '' : t('stage.scan')}</p>
          </>
        )}
        {upNext && (
          <p class="next-lineup" data-testid="stage-next-lineup">
            {t('stage.next', { title: upNext.title })}
            {upNextBand && ` — ${upNextBand}`}
          </p>
        )}
      </section>
      <aside>
        <section class="next" aria-labelledby="stage-next">
          <h2 id="stage-next" style={{ fontSize: 'clamp(1.2rem, 2vw, 2.2rem)' }}>
            {t('stage.nextUp')}
          </h2>
          {next.length === 0 ? (
            <p class="muted">{t('stage.empty')}</p>
          ) : (
            <ol>
              {next.map((item) => (
                <li key={item.id}>
                  <strong>{item.title}</strong>
                  <span class="muted"> — {item.artist}</span>
                  {item.performers.length > 0 && <div class="muted small">{performerLine(item.performers)}</div>}
                </li>
              ))}
            </ol>
          )}
        </section>
        {jam.status !== 'ended' && (
          <section>
            <img class="qr" src={api.qrUrl(jam.id)} alt={t('stage.qrAlt', { url: joinUrl })} />
            <p class="join-hint">
              {t('stage.join')} <strong>{joinUrl.replace(/^https?:\/\//, '')}</strong>
            </p>
          </section>
        )}
      </aside>
    </main>
  );
}
