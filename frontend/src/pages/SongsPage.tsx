import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api/client';
import type { Song } from '../api/types';
import { Dialog } from '../components/Dialog';
import { showError, showToast } from '../components/Toast';
import { SEARCH_DEBOUNCE_MS } from '../config';
import { t } from '../i18n';
import { host, hostToken } from '../stores/session';
import { KEYS } from '../utils/music';

export default function SongsPage() {
  const [q, setQ] = useState('');
  const [songs, setSongs] = useState<Song[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Song | 'new' | null>(null);
  const [reload, setReload] = useState(0);
  const isHost = Boolean(host.value);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.songs(q.trim(), controller.signal).then(
        (list) => (setSongs(list), setError(null)),
        (e) => e?.name !== 'AbortError' && setError(describeError(e)),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => (clearTimeout(timer), controller.abort());
  }, [q, reload]);

  const remove = async (song: Song) => {
    const token = hostToken();
    if (!token || !confirm(t('songs.confirmDelete', { title: song.title }))) return;
    try {
      await api.deleteSong(token, song.id);
      setReload((n) => n + 1);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <div class="stack">
      <div class="spread">
        <h1>{t('title.songs')}</h1>
        {isHost && (
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            {t('songs.add')}
          </button>
        )}
      </div>
      <div class="field">
        <label for="song-search">{t('songs.search')}</label>
        <input id="song-search" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </div>
      {error && <p class="error">{error}</p>}
      {!songs && !error && <p class="muted">{t('common.loading')}</p>}
      {songs && songs.length === 0 && <p class="muted">{t('songs.none')}</p>}
      {songs && songs.length > 0 && (
        <ul class="jam-list">
          {songs.map((song) => (
            <li key={song.id} class="card spread">
              <div class="grow">
                <strong>{song.title}</strong>
                <div class="muted small">
                  {song.artist}
                  {song.key ? t('songs.key', { key: song.key }) : ''}
                  {song.hasChords ? t('songs.chords') : ''}
                </div>
              </div>
              <div class="row">
                {song.link && (
                  <a href={song.link} target="_blank" rel="noopener noreferrer">
                    {t('songs.ug')}
                  </a>
                )}
                {isHost && (
                  <>
                    <button type="button" onClick={() => setEditing(song)} aria-label={t('songs.editLabel', { title: song.title })}>
                      {t('songs.edit')}
                    </button>
                    <button type="button" class="danger" onClick={() => remove(song)} aria-label={t('songs.deleteLabel', { title: song.title })}>
                      {t('common.delete')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <SongEditor
          song={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setReload((n) => n + 1);
            showToast(t('songs.saved'), 'ok');
          }}
        />
      )}
    </div>
  );
}

function SongEditor({ song, onClose, onSaved }: { song: Song | null; onClose: () => void; onSaved: () => void }) {
  const [title, setTitle] = useState(song?.title ?? '');
  const [artist, setArtist] = useState(song?.artist ?? '');
  const [key, setKey] = useState(song?.key ?? '');
  const [link, setLink] = useState(song?.link ?? '');
  const [chordText, setChordText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (song) api.song(song.id).then((full) => setChordText(full.chordText ?? ''), () => {});
  }, [song?.id]);

  const save = async (e: Event) => {
    e.preventDefault();
    const token = hostToken();
    if (!token) return;
    setBusy(true);
    setError(null);
    const body = { title: title.trim(), artist: artist.trim(), key: key || null, link: link.trim() || null, chordText: chordText || null };
    try {
      if (song) await api.updateSong(token, song.id, body);
      else await api.createSong(token, body);
      onSaved();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={song ? t('songs.editTitle') : t('songs.add')} onClose={onClose}>
      <form onSubmit={save}>
        <div class="field">
          <label for="song-title">{t('common.title')}</label>
          <input id="song-title" required value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="song-artist">{t('common.artist')}</label>
          <input id="song-artist" required value={artist} onInput={(e) => setArtist((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="song-key">{t('songs.keyLabel')}</label>
          <select id="song-key" value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)}>
            <option value="">{t('songs.keyUnknown')}</option>
            {KEYS.flatMap((k) => [k, `${k}m`]).map((k) => (
              <option value={k} key={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="song-link">{t('common.ugLink')}</label>
          <input id="song-link" type="url" value={link} onInput={(e) => setLink((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="song-chords">{t('common.chordsHint')}</label>
          <textarea id="song-chords" value={chordText} onInput={(e) => setChordText((e.target as HTMLTextAreaElement).value)} />
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy || !title.trim() || !artist.trim()}>
          {t('common.save')}
        </button>
      </form>
    </Dialog>
  );
}
