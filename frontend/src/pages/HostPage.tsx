import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Attendee, Id, Jam, QueueItem } from '../api/types';
import { AttendeesPanel } from '../components/host/AttendeesPanel';
import { HostItemActions } from '../components/host/HostItemActions';
import { LineupPanel } from '../components/host/LineupPanel';
import { PosterPanel } from '../components/host/PosterPanel';
import { SetlistButtons } from '../components/host/SetlistButtons';
import { SlotsDialog } from '../components/host/SlotsDialog';
import { JamHeader } from '../components/JamHeader';
import { NowPlayingSummary } from '../components/NowPlayingSummary';
import { LoginForm } from '../components/LoginForm';
import { QueueItemView } from '../components/QueueItemView';
import { QueueList } from '../components/QueueList';
import { ShareDialog } from '../components/ShareDialog';
import { SheetDialog } from '../components/SheetDialog';
import { showError, showToast } from '../components/Toast';
import { t } from '../i18n';
import { playedCounts } from '../stores/lineup';
import { placeAt } from '../stores/queue';
import { cohostFor, host, hostToken, type CoHostSession } from '../stores/session';
import { useJamStore } from '../stores/useJamStore';
import { KEYS } from '../utils/music';
import { useWakeLock } from '../utils/wakeLock';

export default function HostPage({ slug }: { slug: string }) {
  if (host.value) return <HostConsole slug={slug} />;
  // A co-host runs this one jam's queue and now-playing; the host console shows them only that.
  const cohost = cohostFor(slug);
  if (cohost) return <HostConsole slug={slug} cohost={cohost} />;
  return (
    <div class="stack">
      <p>{t('host.loginFirst')}</p>
      <LoginForm />
    </div>
  );
}

interface HostMessage {
  type: string;
  data: { attendee?: Attendee; attendeeId?: string };
}

function HostConsole({ slug, cohost }: { slug: string; cohost?: CoHostSession }) {
  const [attendees, setAttendees] = useState<Attendee[] | null>(null);
  const tokenOf = cohost ? () => cohostFor(slug)?.token ?? null : hostToken;
  const store = useJamStore(slug, {
    token: tokenOf,
    onHostMessage: (body) => {
      const message = body as HostMessage;
      if (message.type === 'attendee.joined' && message.data.attendee) {
        const joined = message.data.attendee;
        setAttendees((list) => (list ? [...list.filter((a) => a.id !== joined.id), joined] : list));
      } else if (message.type === 'attendee.removed') {
        setAttendees((list) => (list ? list.filter((a) => a.id !== message.data.attendeeId) : list));
      }
    },
  });
  const state = store.state.value;
  const jamId = state?.jam.id;
  useWakeLock();
  const [sharing, setSharing] = useState(false);
  const [sheetItem, setSheetItem] = useState<QueueItem | null>(null);
  const [slotsItem, setSlotsItem] = useState<QueueItem | null>(null);
  const [dragId, setDragId] = useState<Id | null>(null);
  const [dropId, setDropId] = useState<Id | null>(null);

  useEffect(() => {
    const token = hostToken();
    if (jamId && token && !cohost) api.attendees(token, jamId).then(setAttendees, () => setAttendees([]));
  }, [jamId]);

  if (store.notFound.value) return <p class="card">{t('host.noJam')}</p>;
  if (!state) return <p class="muted">{store.error.value ?? (store.live.value === 'reconnecting' ? t('live.reconnecting') : t('common.loadingJam'))}</p>;
  const token = tokenOf();
  if (!token) return <LoginForm />;

  const { jam } = state;
  const queued = store.queued.value;
  const nowPlaying = store.nowPlaying.value;

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) showToast(done, 'ok');
    } catch (error) {
      showError(error);
    }
  };
  const patchJam = (change: Partial<Jam>) =>
    run(async () => {
      store.applyJam(await api.updateJam(token, jam.id, change));
    });
  const patchItem = (item: QueueItem, change: Partial<QueueItem>) =>
    run(async () => store.upsertItem(await api.updateItem(token, jam.id, item.id, change)));
  const move = (item: QueueItem, target: number) => {
    if (target < 0 || target >= queued.length) return;
    const changes = placeAt(queued, item, target);
    void run(async () => {
      const { items } = await api.reorder(token, jam.id, changes.map((c) => ({ id: c.item.id, position: c.position })));
      store.apply({ type: 'queue.reordered', data: { items } });
    });
  };
  const played = playedCounts(state.items);
  const preferNewPlayers = jam.preferNewPlayers !== false;
  const lineup = (item: QueueItem, skippable: boolean) => (
    <LineupPanel
      item={item}
      played={played}
      preferNewPlayers={preferNewPlayers}
      skippable={skippable}
      onConfirm={() =>
        run(async () => {
          const change = await api.confirmLineup(token, jam.id, item.id);
          store.apply({ type: 'lineup.changed', data: change });
        }, t('host.confirmed', { title: item.title }))
      }
      onSkip={(performer) =>
        run(async () => {
          const change = await api.skipPerformer(token, jam.id, item.id, performer.attendeeId);
          store.apply({ type: 'lineup.changed', data: change });
        }, t('host.skipped', { name: performer.name, title: item.title }))
      }
    />
  );
  const togglePin = (item: QueueItem) => {
    const last = Math.max(-10, ...queued.filter((q) => q.pinned).map((q) => q.position));
    void patchItem(item, item.pinned ? { pinned: false } : { pinned: true, position: last + 10 });
  };

  return (
    <div class="stack">
      <JamHeader jam={jam} attendeeCount={state.attendeeCount} live={store.status.value} />
      {cohost && (
        <p class="card small" data-testid="cohost-badge">
          {t('host.cohost')} <strong>{cohost.cohost.name}</strong>. {t('host.cohostText')}
        </p>
      )}
      {!cohost && (
        <div class="row">
          {jam.status === 'scheduled' && (
            <button class="primary" type="button" onClick={() => run(() => api.startJam(token, jam.id).then((j) => store.applyJam(j)), t('host.isLive'))}>
              {t('host.start')}
            </button>
          )}
          {jam.status !== 'ended' && (
            <button
              type="button"
              class="danger"
              onClick={() => {
                if (confirm(t('host.confirmEnd'))) void run(() => api.endJam(token, jam.id).then((j) => store.applyJam(j)), t('host.hasEnded'));
              }}
            >
              {t('host.end')}
            </button>
          )}
          <button type="button" onClick={() => setSharing(true)}>
            {t('host.share')}
          </button>
          <a class="button" href={`/jams/${jam.slug}`}>
            {t('host.attendeeView')}
          </a>
          {jam.status === 'ended' && (
            <a class="button primary" href={`/jams/${jam.slug}/recap`}>
              {t('recap.title')}
            </a>
          )}
          <SetlistButtons jamId={jam.id} slug={jam.slug} token={token} />
        </div>
      )}

      <section class="card now-playing" aria-labelledby="host-now-title">
        <span class="label" id="host-now-title">
          {t('common.nowPlaying')}
        </span>
        {nowPlaying ? (
          <>
            <NowPlayingSummary item={nowPlaying} />
            {lineup(nowPlaying, true)}
          </>
        ) : (
          <p class="muted" style={{ margin: '0.3rem 0 0' }}>
            {t('host.nothing')}
          </p>
        )}
        <div class="row" style={{ marginTop: '0.75rem' }}>
          <button type="button" class="primary" disabled={queued.length === 0 && !nowPlaying} onClick={() => run(() => api.next(token, jam.id))}>
            {nowPlaying ? t('host.next') : t('host.playTop')}
          </button>
          <button type="button" disabled={!nowPlaying} onClick={() => run(() => api.skip(token, jam.id))}>
            {t('host.skip')}
          </button>
          {!cohost && (
            <>
            <span class="row">
              <label for="band-key" style={{ margin: 0 }}>
                {t('host.bandKey')}
              </label>
              <select
                id="band-key"
                value={jam.playKey ?? ''}
                onChange={(e) => patchJam({ playKey: (e.target as HTMLSelectElement).value || null })}
                aria-describedby="key-hint"
              >
                <option value="">{t('host.ownKey')}</option>
                {KEYS.map((k) => (
                  <option value={k} key={k}>
                    {k}
                  </option>
                ))}
              </select>
            </span>
            <span class="row">
              <label for="band-capo" style={{ margin: 0 }}>
                {t('common.capo')}
              </label>
              <select id="band-capo" value={jam.capo ?? 0} onChange={(e) => patchJam({ capo: Number((e.target as HTMLSelectElement).value) })}>
                {Array.from({ length: 12 }, (_, n) => (
                  <option value={n} key={n}>
                    {n === 0 ? t('common.none') : n}
                  </option>
                ))}
              </select>
            </span>
            </>
          )}
        </div>
        {!cohost && (
          <p class="small muted" id="key-hint" style={{ margin: '0.4rem 0 0' }}>
            {t('host.keyHint')}
          </p>
        )}
      </section>

      <div class="two-col">
        <section class="stack" aria-labelledby="host-queue-title">
          <div class="spread">
            <h2 id="host-queue-title">{t('host.queue', { count: queued.length })}</h2>
            {!cohost && (
              <div class="row">
                <label class="check">
                  <input type="checkbox" checked={jam.votingOpen} onChange={(e) => patchJam({ votingOpen: (e.target as HTMLInputElement).checked })} />
                  {t('host.votingOpen')}
                </label>
                <label class="check">
                  <input type="checkbox" checked={jam.suggestionsOpen} onChange={(e) => patchJam({ suggestionsOpen: (e.target as HTMLInputElement).checked })} />
                  {t('host.suggestionsOpen')}
                </label>
              </div>
            )}
          </div>
          <div class="row small">
            <label class="check">
              <input
                type="checkbox"
                checked={preferNewPlayers}
                onChange={(e) => patchJam({ preferNewPlayers: (e.target as HTMLInputElement).checked })}
              />
              {t('host.preferNew')}
            </label>
            <span class="row">
              <label for="max-songs" style={{ margin: 0 }}>
                {t('host.maxSongs')}
              </label>
              <input
                id="max-songs"
                type="number"
                min={0}
                max={100}
                style={{ width: '5rem' }}
                value={jam.maxPerformancesPerAttendee ?? 3}
                onChange={(e) => {
                  const value = (e.target as HTMLInputElement).value;
                  if (/^\d+$/.test(value)) void patchJam({ maxPerformancesPerAttendee: Number(value) });
                }}
              />
            </span>
          </div>
          {queued.length === 0 ? (
            <p class="muted">{t('host.noSongs')}</p>
          ) : (
            <QueueList label={t('common.queue')}>
              {queued.map((item, index) => (
                <li
                  key={item.id}
                  data-flip-id={item.id}
                  draggable
                  class={`${dragId === item.id ? 'dragging' : ''}`}
                  onDragStart={(e) => {
                    setDragId(item.id);
                    e.dataTransfer?.setData('text/plain', String(item.id));
                  }}
                  onDragEnd={() => (setDragId(null), setDropId(null))}
                  onDragOver={(e) => {
                    e.preventDefault();
                    setDropId(item.id);
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    const dragged = queued.find((it) => it.id === dragId);
                    if (dragged && dragged.id !== item.id) move(dragged, index);
                    setDragId(null);
                    setDropId(null);
                  }}
                >
                  <div class={dropId === item.id && dragId !== item.id ? 'drop-target' : ''} style={{ borderRadius: '12px' }}>
                    <QueueItemView
                      item={item}
                      rank={index + 1}
                      onChords={item.hasChords || item.link ? () => setSheetItem(item) : undefined}
                      actions={
                        <HostItemActions
                          item={item}
                          index={index}
                          count={queued.length}
                          onPlay={() => run(() => api.nowPlaying(token, jam.id, item.id))}
                          onPin={() => togglePin(item)}
                          onMove={(to) => move(item, to)}
                          onSlots={() => setSlotsItem(item)}
                          onRemove={() => {
                            if (confirm(t('host.confirmRemove', { title: item.title }))) void run(() => api.removeItem(token, jam.id, item.id));
                          }}
                        />
                      }
                      lineup={lineup(item, index === 0)}
                    />
                  </div>
                </li>
              ))}
            </QueueList>
          )}
        </section>
        <div class="stack">
          {!cohost && <AttendeesPanel store={store} token={token} attendees={attendees} setAttendees={setAttendees} />}
          {!cohost && <PosterPanel jam={jam} token={token} store={store} />}
          {store.played.value.length > 0 && (
            <section class="card" aria-labelledby="host-played-title">
              <h2 id="host-played-title">{t('host.played')}</h2>
              <ol class="small" style={{ paddingLeft: '1.2rem', margin: 0 }}>
                {store.played.value.map((item) => (
                  <li key={item.id}>
                    {item.title} — {item.artist}
                    {item.status === 'skipped' ? t('common.skipped') : ''}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
      </div>
      {sharing && <ShareDialog jam={jam} token={token} onClose={() => setSharing(false)} />}
      {sheetItem && <SheetDialog jamId={jam.id} item={sheetItem} token={token} playKey={jam.playKey} onClose={() => setSheetItem(null)} />}
      {slotsItem && (
        <SlotsDialog
          item={slotsItem}
          onClose={() => setSlotsItem(null)}
          onSave={(openSlots) => {
            void patchItem(slotsItem, { openSlots });
            setSlotsItem(null);
          }}
        />
      )}
    </div>
  );
}
