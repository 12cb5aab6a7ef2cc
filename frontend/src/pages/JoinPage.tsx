import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api/client';
import type { Jam } from '../api/types';
import { InstrumentChips } from '../components/InstrumentChips';
import { t } from '../i18n';
import { navigate } from '../router';
import { identityFor, rememberJam, saveIdentity } from '../stores/session';
import { formatWhen } from '../utils/format';

export default function JoinPage({ joinCode }: { joinCode: string }) {
  const [jam, setJam] = useState<Jam | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [instruments, setInstruments] = useState<string[]>([]);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.snapshot(joinCode).then(
      ({ jam }) => {
        rememberJam(jam);
        // Already joined in this tab: a reload of the QR link keeps who you are.
        if (identityFor(jam.id)) navigate(`/jams/${jam.slug}`, { replace: true });
        else setJam(jam);
      },
      (e) =>
        setLoadError(
          e instanceof ApiError && e.status === 404 ? t('join.noJam') : describeError(e),
        ),
    );
  }, [joinCode]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!jam) return;
    setBusy(true);
    setError(null);
    try {
      const { attendee, token } = await api.join(joinCode, name.trim(), instruments);
      saveIdentity(jam.id, { attendee, token });
      navigate(`/jams/${jam.slug}`, { replace: true });
    } catch (err) {
      const field = err instanceof ApiError ? err.field ?? (err.code === 'name_taken' ? 'name' : undefined) : undefined;
      setError({ message: describeError(err), field });
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <div class="card">
        <h1>{t('join.cantOpen')}</h1>
        <p>{loadError}</p>
        <a href="/">{t('common.seeJams')}</a>
      </div>
    );
  }
  if (!jam) return <p class="muted">{t('common.loading')}</p>;

  return (
    <form class="card" onSubmit={submit} aria-labelledby="join-title">
      <p class="muted small" style={{ margin: 0 }}>
        {formatWhen(jam.startsAt)}
        {jam.venue ? ` · ${jam.venue.name}` : ''}
      </p>
      <h1 id="join-title">{t('join.title', { name: jam.name })}</h1>
      {jam.status === 'ended' ? (
        <p>{t('join.ended')}</p>
      ) : (
        <>
          <div class="field">
            <label for="join-name">{t('join.name')}</label>
            <input
              id="join-name"
              required
              maxLength={40}
              autoComplete="nickname"
              value={name}
              aria-invalid={error?.field === 'name'}
              aria-describedby={error?.field === 'name' ? 'join-error' : undefined}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
            <small>{t('join.nameHint')}</small>
          </div>
          <InstrumentChips legend={t('join.instruments')} value={instruments} onChange={setInstruments} />
          {error && (
            <p class="error" id="join-error" role="alert">
              {error.message}
            </p>
          )}
          <div class="row">
            <button class="primary" type="submit" disabled={busy || !name.trim()}>
              {busy ? t('join.busy') : t('join.submit')}
            </button>
            <a href={`/jams/${jam.slug}`}>{t('join.watch')}</a>
          </div>
        </>
      )}
    </form>
  );
}
