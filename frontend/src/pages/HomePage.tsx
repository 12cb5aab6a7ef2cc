import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api/client';
import type { JamSummary, Venue } from '../api/types';
import { LoginForm } from '../components/LoginForm';
import { showError } from '../components/Toast';
import { t } from '../i18n';
import { navigate } from '../router';
import { host, hostToken } from '../stores/session';
import { formatWhen, toLocalInput } from '../utils/format';

export default function HomePage() {
  const [jams, setJams] = useState<JamSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const token = host.value?.token ?? null;

  useEffect(() => {
    api.jams(token).then(setJams, (e) =>
      setError(
        e instanceof ApiError && (e.status === 401 || e.status === 403)
          ? t('home.private')
          : describeError(e),
      ),
    );
  }, [token]);

  return (
    <div class="stack">
      <section aria-labelledby="jams-title">
        <h1 id="jams-title">{t('home.title')}</h1>
        {error && <p class="muted">{error}</p>}
        {!jams && !error && <p class="muted">{t('common.loading')}</p>}
        {jams && jams.length === 0 && <p class="muted">{t('home.none')}</p>}
        {jams && jams.length > 0 && (
          <ul class="jam-list">
            {jams.map((jam) => (
              <li key={jam.id}>
                <a href={token ? `/jams/${jam.slug}/host` : `/jams/${jam.slug}`}>
                  <div class="card spread">
                    <div class="grow">
                      <h2>{jam.name}</h2>
                      <p class="muted small" style={{ margin: 0 }}>
                        {formatWhen(jam.startsAt)}
                        {jam.venue ? ` · ${jam.venue.name}` : ''}
                      </p>
                    </div>
                    <span class={`status ${jam.status}`}>{t(`status.${jam.status}`)}</span>
                  </div>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div class="two-col">
        <JoinWithCode />
        {token ? <CreateJam token={token} /> : <LoginForm />}
      </div>
    </div>
  );
}

function JoinWithCode() {
  const [code, setCode] = useState('');
  return (
    <form
      class="card"
      aria-labelledby="join-code-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) navigate(`/j/${encodeURIComponent(code.trim())}`);
      }}
    >
      <h2 id="join-code-title">{t('home.codeTitle')}</h2>
      <div class="field">
        <label for="join-code">{t('home.code')}</label>
        <input
          id="join-code"
          autoCapitalize="characters"
          autoComplete="off"
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
        />
      </div>
      <button class="primary" type="submit" disabled={!code.trim()}>
        {t('home.join')}
      </button>
    </form>
  );
}

function CreateJam({ token }: { token: string }) {
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState(() => toLocalInput(new Date()));
  const [venueId, setVenueId] = useState('');
  const [description, setDescription] = useState('');
  const [maxSuggestions, setMaxSuggestions] = useState('3');
  const [maxPerformances, setMaxPerformances] = useState('3');
  const [venues, setVenues] = useState<Venue[]>([]);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field?: string; message: string } | null>(null);

  useEffect(() => {
    api.venues().then(setVenues, () => setVenues([]));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFieldError(null);
    try {
      const jam = await api.createJam(hostToken() ?? token, {
        name: name.trim(),
        startsAt: new Date(startsAt).toISOString(),
        ...(venueId ? { venueId } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        maxSuggestionsPerAttendee: maxSuggestions ? Number(maxSuggestions) : null,
        maxPerformancesPerAttendee: maxPerformances ? Number(maxPerformances) : null,
      } as never);
      navigate(`/jams/${jam.slug}/host`);
    } catch (err) {
      const field = (err as { field?: string }).field;
      if (field) setFieldError({ field, message: describeError(err) });
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  const errorFor = (field: string) =>
    fieldError?.field === field ? (
      <small class="error" role="alert">
        {fieldError.message}
      </small>
    ) : null;

  return (
    <form class="card" onSubmit={submit} aria-labelledby="create-jam-title">
      <h2 id="create-jam-title">{t('create.title')}</h2>
      <div class="field">
        <label for="jam-name">{t('create.name')}</label>
        <input id="jam-name" required maxLength={120} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        {errorFor('name')}
      </div>
      <div class="field">
        <label for="jam-starts">{t('create.starts')}</label>
        <input
          id="jam-starts"
          type="datetime-local"
          required
          value={startsAt}
          onInput={(e) => setStartsAt((e.target as HTMLInputElement).value)}
        />
        {errorFor('startsAt')}
      </div>
      {venues.length > 0 && (
        <div class="field">
          <label for="jam-venue">{t('create.venue')}</label>
          <select id="jam-venue" value={venueId} onChange={(e) => setVenueId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('create.noVenue')}</option>
            {venues.map((v) => (
              <option value={v.id} key={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="jam-description">{t('create.description')}</label>
        <textarea
          id="jam-description"
          style={{ minHeight: '4rem', fontFamily: 'inherit' }}
          value={description}
          onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <div class="row">
        <div class="field grow">
          <label for="jam-max-suggestions">{t('create.suggestions')}</label>
          <input
            id="jam-max-suggestions"
            type="number"
            min={0}
            inputMode="numeric"
            value={maxSuggestions}
            onInput={(e) => setMaxSuggestions((e.target as HTMLInputElement).value)}
          />
          {errorFor('maxSuggestionsPerAttendee')}
        </div>
        <div class="field grow">
          <label for="jam-max-performances">{t('create.performances')}</label>
          <input
            id="jam-max-performances"
            type="number"
            min={0}
            inputMode="numeric"
            value={maxPerformances}
            onInput={(e) => setMaxPerformances((e.target as HTMLInputElement).value)}
          />
          {errorFor('maxPerformancesPerAttendee')}
        </div>
      </div>
      <button class="primary" type="submit" disabled={busy || !name.trim()}>
        {busy ? t('create.busy') : t('create.submit')}
      </button>
    </form>
  );
}
