import { useEffect, useState } from 'preact/hooks';
import type { QueueItem } from '../api/types';
import { JamHeader } from '../components/JamHeader';
import { NowPlayingSummary } from '../components/NowPlayingSummary';
import { QueueItemView, type SignUpControl, type VoteControl } from '../components/QueueItemView';
import { QueueList } from '../components/QueueList';
import { SheetDialog } from '../components/SheetDialog';
import { SheetPanel } from '../components/SheetPanel';
import { SuggestForm } from '../components/SuggestForm';
import { WantedSlots } from '../components/WantedSlots';
import { YoureUpBanner } from '../components/YoureUpBanner';
import { t, tn } from '../i18n';
import { isIn, wantedFrom, youreUp } from '../stores/lineup';
import { showError, showToast } from '../components/Toast';
import { sortItems, type SortBy } from '../stores/queue';
import { attendeeTokenFor, identityFor, rememberJam } from '../stores/session';
import { useJamStore } from '../stores/useJamStore';
import { instrumentName } from '../utils/format';

export default function JamPage({ slug }: { slug: string }) {
  const store = useJamStore(slug, {
    token: () => {
      const jam = store?.jam.value;
      return jam ? (identityFor(jam.id)?.token ?? null) : attendeeTokenFor(slug);
    },
  });
  const state = store.state.value;
  const [sortBy, setSortBy] = useState<SortBy>('queue');
  const [mineOnly, setMineOnly] = useState(false);
  const [sheetItem, setSheetItem] = useState<QueueItem | null>(null);
  const [follow, setFollow] = useState(false);
  const loadedJam = store.jam.value;
  useEffect(() => {
    if (loadedJam) rememberJam(loadedJam);
  }, [loadedJam?.id]);

  if (store.notFound.value) {
    return (
      <div class="card">
        <h1>{t('common.noSuchJam')}</h1>
        <p>
          {t('jam.removed')} <a href="/">{t('common.seeJams')}</a>.
        </p>
      </div>
    );
  }
  if (!state) return <p class="muted">{store.error.value ?? (store.live.value === 'reconnecting' ? t('live.reconnecting') : t('common.loadingJam'))}</p>;

  const { jam, flags } = state;
  const identity = identityFor(jam.id);
  const token = identity?.token ?? null;
  const me = state.me ?? null;
  const myId = me?.attendee.id ?? identity?.attendee.id ?? null;
  const nowPlaying = store.nowPlaying.value;
  const votingOn = flags.voting !== false && jam.votingOpen && jam.status !== 'ended';
  const suggestionsOn = flags.suggestions !== false && jam.suggestionsOpen && jam.status !== 'ended';
  const signUpOn = flags.performer_signup !== false && jam.status !== 'ended';
  const chordsOn = flags.chord_sheets !== false;
  const votedIds = new Set(me?.votedItemIds ?? []);

  const isMine = (item: QueueItem) =>
    Boolean(myId) &&
    (item.suggestedBy?.id === myId || item.performers.some((p) => p.attendeeId === myId) || votedIds.has(item.id));
  let items = store.queued.value;
  if (sortBy !== 'queue') items = sortItems(items, sortBy);
  if (mineOnly) items = items.filter(isMine);

  // A tap is never blocked by the one before: the store sends only the latest intent per song.
  const voteControl = (item: QueueItem): VoteControl | undefined =>
    token && myId && !store.isDraft(item)
      ? {
          voted: votedIds.has(item.id),
          disabled: !votingOn,
          onToggle: () => void (votedIds.has(item.id) ? store.unvote(item.id) : store.vote(item.id)).catch(showError),
        }
      : undefined;

  const play = (item: QueueItem, instrument: string) =>
    void store.signUp(item.id, instrument).then(() => {
      const now = store.state.value?.items.find((it) => it.id === item.id);
      const place = now?.performers.find((p) => p.attendeeId === myId && p.instrument === instrument);
      showToast(
        place && !isIn(place)
          ? t('jam.onBench', { title: item.title })
          : t('jam.inOn', { instrument: instrumentName(instrument), title: item.title }),
        'ok',
      );
    }, showError);
  const myInstruments = me?.attendee.instruments ?? identity?.attendee.instruments ?? [];
  const up = youreUp(nowPlaying, store.queued.value, myId);
  const wanted = token && signUpOn ? wantedFrom(store.queued.value, myId, myInstruments) : [];

  const signUpControl = (item: QueueItem): SignUpControl | undefined =>
    token && myId && signUpOn && !store.isDraft(item)
      ? {
          myId,
          instruments: myInstruments,
          disabled: false,
          onSignUp: (instrument) => play(item, instrument),
          onWithdraw: (instrument) => void store.withdraw(item.id, instrument).catch(showError),
        }
      : undefined;

  return (
    <div class="stack">
      <JamHeader jam={jam} attendeeCount={state.attendeeCount} live={store.status.value} />
      {identity && jam.status !== 'ended' && <YoureUpBanner up={up} />}
      {identity ? (
        <p class="small muted" data-testid="me">
          {t('jam.youAre')} <strong>{identity.attendee.name}</strong>
          {identity.attendee.instruments.length > 0 && ` (${identity.attendee.instruments.map(instrumentName).join(', ')})`}
          {me?.performancesLeft != null && tn('jam.songsLeft', me.performancesLeft)}
        </p>
      ) : (
        jam.status !== 'ended' && (
          <p class="card">
            {t('jam.watching')} <a href={`/j/${jam.joinCode}`}>{t('jam.joinThis')}</a> {t('jam.watchingRest')}
          </p>
        )
      )}

      <WantedSlots wanted={wanted} onTake={(w) => play(w.item, w.instrument)} />

      <section class="card now-playing" aria-labelledby="now-title">
        <div class="spread">
          <span class="label" id="now-title">
            {t('common.nowPlaying')}
          </span>
          {nowPlaying && chordsOn && (
            <label class="check small">
              <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} />
              {t('jam.follow')}
            </label>
          )}
        </div>
        {nowPlaying ? (
          <>
            <NowPlayingSummary item={nowPlaying} />
            {follow && chordsOn && (
              <SheetPanel
                jamId={jam.id}
                itemId={nowPlaying.id}
                token={token ?? state.viewerToken}
                follow={{ playKey: jam.playKey, capo: jam.capo }}
              />
            )}
            {!follow && chordsOn && (
              <button type="button" onClick={() => setSheetItem(nowPlaying)}>
                {t('common.chords')}
              </button>
            )}
          </>
        ) : (
          <p class="muted" style={{ margin: '0.3rem 0 0' }}>
            {jam.status === 'ended' ? (
              <>
                {t('jam.ended')} <a href={`/jams/${jam.slug}/recap`}>{t('jam.seeRecap')}</a>.
              </>
            ) : (
              t('jam.nothingYet')
            )}
          </p>
        )}
      </section>

      <div class="two-col">
        <section aria-labelledby="queue-title" class="stack">
          <div class="spread">
            <h2 id="queue-title">{t('jam.upNext', { count: store.queued.value.length })}</h2>
            {!votingOn && jam.status !== 'ended' && <span class="small muted">{t('jam.votingClosed')}</span>}
          </div>
          <div class="row">
            <span class="row">
              <label for="queue-sort" style={{ margin: 0 }}>
                {t('jam.sort')}
              </label>
              <select id="queue-sort" value={sortBy} onChange={(e) => setSortBy((e.target as HTMLSelectElement).value as SortBy)}>
                <option value="queue">{t('jam.sortQueue')}</option>
                <option value="votes">{t('jam.sortVotes')}</option>
                <option value="title">{t('common.title')}</option>
                <option value="artist">{t('common.artist')}</option>
              </select>
            </span>
            {myId && (
              <label class="check">
                <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly((e.target as HTMLInputElement).checked)} />
                {t('jam.mine')}
              </label>
            )}
          </div>
          {items.length === 0 ? (
            <p class="muted">{mineOnly ? t('jam.noneMine') : t('jam.empty')}</p>
          ) : (
            <QueueList label={t('common.queue')}>
              {items.map((item, index) => (
                <li key={item.id} data-flip-id={item.id}>
                  <QueueItemView
                    item={item}
                    rank={sortBy === 'queue' && !mineOnly ? index + 1 : undefined}
                    vote={voteControl(item)}
                    signUp={signUpControl(item)}
                    onChords={chordsOn && (item.hasChords || item.link) ? () => setSheetItem(item) : undefined}
                    mine={Boolean(myId) && item.suggestedBy?.id === myId}
                    pending={store.pendingIds.value.has(item.id)}
                  />
                </li>
              ))}
            </QueueList>
          )}
        </section>
        <div class="stack">
          {token && suggestionsOn && (
            <SuggestForm
              suggestionsLeft={me?.suggestionsLeft ?? null}
              onSuggest={(body, shown, onPending) =>
                store.suggest(body, shown, onPending).then(() => showToast(t('jam.added', { title: shown.title }), 'ok'))
              }
            />
          )}
          {token && !suggestionsOn && jam.status !== 'ended' && <p class="card muted">{t('jam.suggestionsClosed')}</p>}
          {store.played.value.length > 0 && (
            <section class="card" aria-labelledby="played-title">
              <h2 id="played-title">{t('jam.played')}</h2>
              <ol class="small" style={{ paddingLeft: '1.2rem', margin: 0 }}>
                {store.played.value.map((item) => (
                  <li key={item.id} class={item.status === 'skipped' ? 'muted' : ''}>
                    {item.title} — {item.artist}
                    {item.status === 'skipped' ? t('common.skipped') : ''}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
      </div>
      {sheetItem && (
        <SheetDialog
          jamId={jam.id}
          item={sheetItem}
          token={token ?? state.viewerToken}
          playKey={jam.playKey}
          onClose={() => setSheetItem(null)}
        />
      )}
    </div>
  );
}
