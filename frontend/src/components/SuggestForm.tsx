import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, describeError, type SuggestBody } from '../api/client';
import type { Song } from '../api/types';
import { SEARCH_DEBOUNCE_MS } from '../config';
import { t, tn } from '../i18n';

interface Props {
  /** null = no limit */
  suggestionsLeft: number | null;
  /**
   * Sends the suggestion (the jam store's `suggest`): settles when the server has it or refused it,
   * and calls `onPending` if it has to wait for the server to come back.
   */
  onSuggest: (body: SuggestBody, shown: { title: string; artist: string }, onPending: () => void) => Promise<unknown>;
}

/** Suggest a song: pick one from the library while typing, or enter it freely. */
export function SuggestForm({ suggestionsLeft, onSuggest }: Props) {
  const [title, setTitle] = useState('');
  const [artist, setArtist] = useState('');
  const [link, setLink] = useState('');
  const [chordText, setChordText] = useState('');
  const [picked, setPicked] = useState<Song | null>(null);
  const [matches, setMatches] = useState<Song[]>([]);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState<string | null>(null);
  const searchAbort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (picked || title.trim().length < 2) {
      setMatches([]);
      return;
    }
    const timer = setTimeout(() => {
      searchAbort.current?.abort();
      const controller = new AbortController();
      searchAbort.current = controller;
      api.songs(title.trim(), controller.signal).then(
        (songs) => setMatches(songs.slice(0, 6)),
        () => setMatches([]),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [title, picked]);

  const reset = () => {
    setTitle('');
    setArtist('');
    setLink('');
    setChordText('');
    setPicked(null);
    setMatches([]);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: SuggestBody = picked
      ? { songId: picked.id }
      : {
          title: title.trim(),
          artist: artist.trim(),
          ...(link.trim() ? { link: link.trim() } : {}),
          ...(chordText.trim() ? { chordText } : {}),
        };
    const shown = picked ? { title: picked.title, artist: picked.artist } : { title: title.trim(), artist: artist.trim() };
    // Kept while the server is away: the form is free for the next song, the queue shows it as sending.
    let kept = false;
    const keep = () => {
      kept = true;
      reset();
      setBusy(false);
      setWaiting(shown.title);
    };
    try {
      await onSuggest(body, shown, keep);
      if (!kept) reset();
    } catch (err) {
      setError({ message: describeError(err), field: !kept && err instanceof ApiError ? err.field : undefined });
    } finally {
      setBusy(false);
      if (kept) setWaiting(null);
    }
  };

  const none = suggestionsLeft !== null && suggestionsLeft <= 0;
  const fieldError = (field: string) =>
    error?.field === field ? (
      <small class="error" id={`suggest-${field}-error`}>
        {error.message}
      </small>
    ) : null;

  return (
    <form class="card" onSubmit={submit} aria-labelledby="suggest-title">
      <div class="spread">
        <h2 id="suggest-title">{t('suggest.title')}</h2>
        {suggestionsLeft !== null && (
          <span class="small muted" data-testid="suggestions-left">
            {tn('suggest.left', suggestionsLeft)}
          </span>
        )}
      </div>
      {none ? (
        <p class="muted">{t('suggest.none')}</p>
      ) : picked ? (
        <div class="field">
          <p>
            {t('suggest.fromLibrary')} <strong>{picked.title}</strong> — {picked.artist}
          </p>
          <button type="button" class="link" onClick={() => setPicked(null)}>
            {t('suggest.another')}
          </button>
        </div>
      ) : (
        <>
          <div class="field">
            <label for="suggest-song-title">{t('common.title')}</label>
            <input
              id="suggest-song-title"
              required
              maxLength={200}
              autoComplete="off"
              value={title}
              aria-autocomplete="list"
              aria-controls={matches.length > 0 ? 'song-matches' : undefined}
              aria-invalid={error?.field === 'title'}
              onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
            />
            {fieldError('title')}
            {matches.length > 0 && (
              <ul class="suggestions" id="song-matches" aria-label={t('suggest.matches')}>
                {matches.map((song) => (
                  <li key={song.id}>
                    <button
                      type="button"
                      onClick={() => {
                        setPicked(song);
                        setMatches([]);
                      }}
                    >
                      {song.title} — {song.artist}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div class="field">
            <label for="suggest-artist">{t('common.artist')}</label>
            <input
              id="suggest-artist"
              required
              maxLength={200}
              value={artist}
              aria-invalid={error?.field === 'artist'}
              onInput={(e) => setArtist((e.target as HTMLInputElement).value)}
            />
            {fieldError('artist')}
          </div>
          <details>
            <summary style={{ minHeight: '44px', display: 'flex', alignItems: 'center', cursor: 'pointer' }}>
              {t('suggest.more')}
            </summary>
            <div class="field">
              <label for="suggest-link">{t('common.ugLink')}</label>
              <input
                id="suggest-link"
                type="url"
                inputMode="url"
                placeholder="https://tabs.ultimate-guitar.com/…"
                value={link}
                onInput={(e) => setLink((e.target as HTMLInputElement).value)}
              />
              {fieldError('link')}
            </div>
            <div class="field">
              <label for="suggest-chords">{t('common.chordsHint')}</label>
              <textarea id="suggest-chords" value={chordText} onInput={(e) => setChordText((e.target as HTMLTextAreaElement).value)} />
              {fieldError('chordText')}
            </div>
          </details>
        </>
      )}
      {waiting && (
        <p class="small muted" data-testid="suggest-waiting">
          {t('suggest.waiting', { title: waiting })}
        </p>
      )}
      {error && !error.field && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      {!none && (
        <button class="primary" type="submit" disabled={busy || (!picked && (!title.trim() || !artist.trim()))}>
          {busy ? t('suggest.busy') : t('suggest.submit')}
        </button>
      )}
    </form>
  );
}
