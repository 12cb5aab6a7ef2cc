import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Attendee, Id, Jam, QueueItem } from '../api/types';
import { Dialog } from '../components/Dialog';
import { InstrumentChips } from '../components/InstrumentChips';
import { JamHeader } from '../components/JamHeader';
import { LoginForm } from '../components/LoginForm';
import { QueueItemView } from '../components/QueueItemView';
import { QueueList } from '../components/QueueList';
import { ShareDialog } from '../components/ShareDialog';
import { SheetDialog } from '../components/SheetDialog';
import { showError, showToast } from '../components/Toast';
import type { JamStore } from '../stores/jamStore';
import { placeAt } from '../stores/queue';
import { host, hostToken } from '../stores/session';
import { useJamStore } from '../stores/useJamStore';
import { performerLine } from '../utils/format';
import { KEYS } from '../utils/music';

export default function HostPage({ slug }: { slug: string }) {
  if (!host.value) {
    return (
      <div class="stack">
        <p>Log in as the host to run this jam.</p>
        <LoginForm />
      </div>
    );
  }
  return <HostConsole slug={slug} />;
}

interface HostMessage {
  type: string;
  data: { attendee?: Attendee; attendeeId?: string };
}

function HostConsole({ slug }: { slug: string }) {
  const [attendees, setAttendees] = useState<Attendee[] | null>(null);
  const store = useJamStore(slug, {
    token: hostToken,
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
  const [sharing, setSharing] = useState(false);
  const [sheetItem, setSheetItem] = useState<QueueItem | null>(null);
  const [slotsItem, setSlotsItem] = useState<QueueItem | null>(null);
  const [dragId, setDragId] = useState<Id | null>(null);
  const [dropId, setDropId] = useState<Id | null>(null);

  useEffect(() => {
    const token = hostToken();
    if (jamId && token) api.attendees(token, jamId).then(setAttendees, () => setAttendees([]));
  }, [jamId]);

  if (store.notFound.value) return <p class="card">No jam with this address.</p>;
  if (!state) return <p class="muted">{store.error.value ?? 'Loading the jam…'}</p>;
  const token = hostToken();
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
      const updated = await api.updateJam(token, jam.id, change);
      store.update((s) => ({ ...s, jam: updated }));
    });
  const patchItem = (item: QueueItem, change: Partial<QueueItem>) =>
    run(async () => store.upsertItem(await api.updateItem(token, jam.id, item.id, change)));
  const move = (item: QueueItem, target: number) => {
    if (target < 0 || target >= queued.length) return;
    void run(async () => {
      for (const change of placeAt(queued, item, target)) {
        store.upsertItem(await api.updateItem(token, jam.id, change.item.id, { pinned: true, position: change.position }));
      }
    });
  };
  const togglePin = (item: QueueItem) => {
    const last = Math.max(-10, ...queued.filter((q) => q.pinned).map((q) => q.position));
    void patchItem(item, item.pinned ? { pinned: false } : { pinned: true, position: last + 10 });
  };

  return (
    <div class="stack">
      <JamHeader jam={jam} attendeeCount={state.attendeeCount} live={store.live.value} />
      <div class="row">
        {jam.status === 'scheduled' && (
          <button class="primary" type="button" onClick={() => run(() => api.startJam(token, jam.id).then((j) => store.update((s) => ({ ...s, jam: j }))), 'The jam is live')}>
            Start the jam
          </button>
        )}
        {jam.status !== 'ended' && (
          <button
            type="button"
            class="danger"
            onClick={() => {
              if (confirm('End the jam for everyone?')) void run(() => api.endJam(token, jam.id).then((j) => store.update((s) => ({ ...s, jam: j }))), 'The jam has ended');
            }}
          >
            End the jam
          </button>
        )}
        <button type="button" onClick={() => setSharing(true)}>
          Share / QR code
        </button>
        <a class="button" href={`/jams/${jam.slug}`}>
          Attendee view
        </a>
        <SetlistButtons jamId={jam.id} slug={jam.slug} token={token} />
      </div>

      <section class="card now-playing" aria-labelledby="host-now-title">
        <span class="label" id="host-now-title">
          Now playing
        </span>
        {nowPlaying ? (
          <>
            <h2 style={{ fontSize: '1.4rem', margin: '0.3rem 0 0' }} data-testid="now-playing-title">
              {nowPlaying.title}
            </h2>
            <p class="muted" style={{ margin: 0 }}>
              {nowPlaying.artist}
            </p>
            {nowPlaying.performers.length > 0 && <p class="small">{performerLine(nowPlaying.performers)}</p>}
          </>
        ) : (
          <p class="muted" style={{ margin: '0.3rem 0 0' }}>
            Nothing playing.
          </p>
        )}
        <div class="row" style={{ marginTop: '0.75rem' }}>
          <button type="button" class="primary" disabled={queued.length === 0 && !nowPlaying} onClick={() => run(() => api.next(token, jam.id))}>
            {nowPlaying ? 'Done, next song' : 'Play the top song'}
          </button>
          <button type="button" disabled={!nowPlaying} onClick={() => run(() => api.skip(token, jam.id))}>
            Skip
          </button>
          <span class="row">
            <label for="band-key" style={{ margin: 0 }}>
              Band key
            </label>
            <select
              id="band-key"
              value={jam.playKey ?? ''}
              onChange={(e) => patchJam({ playKey: (e.target as HTMLSelectElement).value || null })}
              aria-describedby="key-hint"
            >
              <option value="">song's own key</option>
              {KEYS.map((k) => (
                <option value={k} key={k}>
                  {k}
                </option>
              ))}
            </select>
          </span>
          <span class="row">
            <label for="band-capo" style={{ margin: 0 }}>
              Capo
            </label>
            <select id="band-capo" value={jam.capo ?? 0} onChange={(e) => patchJam({ capo: Number((e.target as HTMLSelectElement).value) })}>
              {Array.from({ length: 12 }, (_, n) => (
                <option value={n} key={n}>
                  {n === 0 ? 'none' : n}
                </option>
              ))}
            </select>
          </span>
        </div>
        <p class="small muted" id="key-hint" style={{ margin: '0.4rem 0 0' }}>
          The stage screen and everyone following the chords see the song in this key.
        </p>
      </section>

      <div class="two-col">
        <section class="stack" aria-labelledby="host-queue-title">
          <div class="spread">
            <h2 id="host-queue-title">Queue ({queued.length})</h2>
            <div class="row">
              <label class="check">
                <input type="checkbox" checked={jam.votingOpen} onChange={(e) => patchJam({ votingOpen: (e.target as HTMLInputElement).checked })} />
                Voting open
              </label>
              <label class="check">
                <input type="checkbox" checked={jam.suggestionsOpen} onChange={(e) => patchJam({ suggestionsOpen: (e.target as HTMLInputElement).checked })} />
                Suggestions open
              </label>
            </div>
          </div>
          {queued.length === 0 ? (
            <p class="muted">No songs queued yet.</p>
          ) : (
            <QueueList label="Queue">
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
                            if (confirm(`Remove “${item.title}” from the queue?`)) void run(() => api.removeItem(token, jam.id, item.id));
                          }}
                        />
                      }
                    />
                  </div>
                </li>
              ))}
            </QueueList>
          )}
        </section>
        <div class="stack">
          <AttendeesPanel store={store} token={token} attendees={attendees} setAttendees={setAttendees} />
          <PosterPanel jam={jam} token={token} store={store} />
          {store.played.value.length > 0 && (
            <section class="card" aria-labelledby="host-played-title">
              <h2 id="host-played-title">Played</h2>
              <ol class="small" style={{ paddingLeft: '1.2rem', margin: 0 }}>
                {store.played.value.map((item) => (
                  <li key={item.id}>
                    {item.title} — {item.artist}
                    {item.status === 'skipped' ? ' (skipped)' : ''}
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

interface ItemActionsProps {
  item: QueueItem;
  index: number;
  count: number;
  onPlay: () => void;
  onPin: () => void;
  onMove: (to: number) => void;
  onSlots: () => void;
  onRemove: () => void;
}

function HostItemActions({ item, index, count, onPlay, onPin, onMove, onSlots, onRemove }: ItemActionsProps) {
  return (
    <>
      <button type="button" class="primary" onClick={onPlay}>
        Play now<span class="sr-only">: {item.title}</span>
      </button>
      <button type="button" aria-pressed={item.pinned} onClick={onPin} aria-label={`Pin ${item.title}`}>
        Pin
      </button>
      <button type="button" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move ${item.title} up`}>
        ↑
      </button>
      <button type="button" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move ${item.title} down`}>
        ↓
      </button>
      <button type="button" onClick={onSlots} aria-label={`Slots for ${item.title}`}>
        Slots
      </button>
      <button type="button" class="danger" onClick={onRemove} aria-label={`Remove ${item.title}`}>
        Remove
      </button>
    </>
  );
}

function SlotsDialog({ item, onClose, onSave }: { item: QueueItem; onClose: () => void; onSave: (slots: string[]) => void }) {
  const [slots, setSlots] = useState(item.openSlots);
  return (
    <Dialog title={`Players wanted: ${item.title}`} onClose={onClose}>
      <InstrumentChips legend="Which instruments should people sign up for?" value={slots} onChange={setSlots} />
      <div class="row">
        <button type="button" class="primary" onClick={() => onSave(slots)}>
          Save
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function AttendeesPanel({
  store,
  token,
  attendees,
  setAttendees,
}: {
  store: JamStore;
  token: string;
  attendees: Attendee[] | null;
  setAttendees: (fn: (list: Attendee[] | null) => Attendee[] | null) => void;
}) {
  const jamId = store.state.value!.jam.id;
  const remove = async (attendee: Attendee, ban: boolean) => {
    const question = ban ? `Remove ${attendee.name} and keep them out of this jam?` : `Remove ${attendee.name} from the jam?`;
    if (!confirm(question)) return;
    try {
      await api.removeAttendee(token, jamId, attendee.id, ban);
      setAttendees((list) => (list ? list.filter((a) => a.id !== attendee.id) : list));
    } catch (error) {
      showError(error);
    }
  };
  return (
    <section class="card" aria-labelledby="attendees-title">
      <h2 id="attendees-title">People ({attendees?.length ?? store.state.value!.attendeeCount})</h2>
      {!attendees ? (
        <p class="muted">Loading…</p>
      ) : attendees.length === 0 ? (
        <p class="muted">Nobody has joined yet. Share the QR code!</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {attendees.map((a) => (
            <li key={a.id} class="spread" style={{ borderBottom: '1px solid var(--border)', padding: '0.35rem 0' }}>
              <span class="grow">
                {a.name}
                {a.instruments.length > 0 && <span class="muted small"> · {a.instruments.join(', ')}</span>}
              </span>
              <span class="row">
                <button type="button" class="ghost" onClick={() => remove(a, false)} aria-label={`Remove ${a.name}`}>
                  Remove
                </button>
                <button type="button" class="ghost danger" onClick={() => remove(a, true)} aria-label={`Ban ${a.name}`}>
                  Ban
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PosterPanel({ jam, token, store }: { jam: Jam; token: string; store: JamStore }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enabled = store.flags.value.uploads !== false;

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  if (!enabled) return null;

  const choose = (e: Event) => {
    const chosen = (e.target as HTMLInputElement).files?.[0] ?? null;
    setFile(chosen);
    setPreview(chosen ? URL.createObjectURL(chosen) : null);
  };
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const { posterUrl } = await api.uploadPoster(token, jam.id, file);
      store.update((s) => ({ ...s, jam: { ...s.jam, posterUrl } }));
      setFile(null);
      setPreview(null);
      showToast('Poster updated', 'ok');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="poster-title">
      <h2 id="poster-title">Poster</h2>
      {(preview || jam.posterUrl) && (
        <img src={preview ?? jam.posterUrl!} alt={preview ? 'Preview of the new poster' : 'Current poster'} style={{ maxHeight: '200px', borderRadius: '8px' }} />
      )}
      <div class="field">
        <label for="poster-file">Image (JPEG, PNG or WebP)</label>
        <input id="poster-file" type="file" accept="image/png,image/jpeg,image/webp" onChange={choose} />
      </div>
      <button type="button" class="primary" disabled={!file || busy} onClick={upload}>
        {busy ? 'Uploading…' : 'Upload poster'}
      </button>
    </section>
  );
}

function SetlistButtons({ jamId, slug, token }: { jamId: Id; slug: string; token: string }) {
  const download = async (format: 'csv' | 'json') => {
    try {
      const blob = await api.setlist(token, jamId, format);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `setlist-${slug}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      showError(error);
    }
  };
  return (
    <>
      <button type="button" onClick={() => download('csv')}>
        Setlist (CSV)
      </button>
      <button type="button" onClick={() => download('json')}>
        Setlist (JSON)
      </button>
    </>
  );
}
