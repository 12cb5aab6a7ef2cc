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
import { isIn, wantedFrom, youreUp } from '../stores/lineup';
import { showError, showToast } from '../components/Toast';
import { sortItems, type SortBy } from '../stores/queue';
import { attendeeTokenFor, identityFor, rememberJam } from '../stores/session';
import { useJamStore } from '../stores/useJamStore';
import { plural } from '../utils/format';

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
        <h1>No such jam</h1>
        <p>
          It may have been removed. <a href="/">See the jams</a>.
        </p>
      </div>
    );
  }
  if (!state) return <p class="muted">{store.error.value ?? (store.live.value === 'reconnecting' ? 'Reconnecting…' : 'Loading the jam…')}</p>;

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
      showToast(place && !isIn(place) ? `You're on the bench for “${item.title}”` : `You're in on ${instrument} for “${item.title}”`, 'ok');
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
          You are <strong>{identity.attendee.name}</strong>
          {identity.attendee.instruments.length > 0 && ` (${identity.attendee.instruments.join(', ')})`}
          {me?.performancesLeft != null && ` · ${plural(me.performancesLeft, 'song')} left to play`}
        </p>
      ) : (
        jam.status !== 'ended' && (
          <p class="card">
            You are watching. <a href={`/j/${jam.joinCode}`}>Join this jam</a> to suggest songs, vote and play.
          </p>
        )
      )}

      <WantedSlots wanted={wanted} onTake={(w) => play(w.item, w.instrument)} />

      <section class="card now-playing" aria-labelledby="now-title">
        <div class="spread">
          <span class="label" id="now-title">
            Now playing
          </span>
          {nowPlaying && chordsOn && (
            <label class="check small">
              <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} />
              Follow the chords
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
                Chords
              </button>
            )}
          </>
        ) : (
          <p class="muted" style={{ margin: '0.3rem 0 0' }}>
            {jam.status === 'ended' ? (
              <>
                The jam has ended. <a href={`/jams/${jam.slug}/recap`}>See the recap of the night</a>.
              </>
            ) : (
              'Nothing yet — vote for what comes first.'
            )}
          </p>
        )}
      </section>

      <div class="two-col">
        <section aria-labelledby="queue-title" class="stack">
          <div class="spread">
            <h2 id="queue-title">Up next ({store.queued.value.length})</h2>
            {!votingOn && jam.status !== 'ended' && <span class="small muted">Voting is closed</span>}
          </div>
          <div class="row">
            <span class="row">
              <label for="queue-sort" style={{ margin: 0 }}>
                Sort
              </label>
              <select id="queue-sort" value={sortBy} onChange={(e) => setSortBy((e.target as HTMLSelectElement).value as SortBy)}>
                <option value="queue">Queue order</option>
                <option value="votes">Most votes</option>
                <option value="title">Title</option>
                <option value="artist">Artist</option>
              </select>
            </span>
            {myId && (
              <label class="check">
                <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly((e.target as HTMLInputElement).checked)} />
                My songs
              </label>
            )}
          </div>
          {items.length === 0 ? (
            <p class="muted">{mineOnly ? 'None of your songs are queued.' : 'The queue is empty. Suggest a song!'}</p>
          ) : (
            <QueueList label="Queue">
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
                store.suggest(body, shown, onPending).then(() => showToast(`Added “${shown.title}” to the queue`, 'ok'))
              }
            />
          )}
          {token && !suggestionsOn && jam.status !== 'ended' && <p class="card muted">Suggestions are closed right now.</p>}
          {store.played.value.length > 0 && (
            <section class="card" aria-labelledby="played-title">
              <h2 id="played-title">Played tonight</h2>
              <ol class="small" style={{ paddingLeft: '1.2rem', margin: 0 }}>
                {store.played.value.map((item) => (
                  <li key={item.id} class={item.status === 'skipped' ? 'muted' : ''}>
                    {item.title} — {item.artist}
                    {item.status === 'skipped' ? ' (skipped)' : ''}
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
