import { useState } from 'preact/hooks';
import { api, describeError } from '../api/client';
import { t } from '../i18n';
import { loginHost, notice } from '../stores/session';

/** The host's access-code form; used on the home page and wherever a host page needs a login. */
export function LoginForm({ onDone }: { onDone?: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      loginHost(await api.login(code.trim()));
      notice.value = null;
      onDone?.();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} class="card" id="host-login" aria-labelledby="host-login-title">
      <h2 id="host-login-title">{t('login.title')}</h2>
      <div class="field">
        <label for="access-code">{t('login.code')}</label>
        <input
          id="access-code"
          type="password"
          autoComplete="current-password"
          required
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          aria-describedby={error ? 'login-error' : undefined}
        />
      </div>
      {error && (
        <p class="error" id="login-error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy || !code.trim()}>
        {busy ? t('login.busy') : t('login.submit')}
      </button>
    </form>
  );
}
