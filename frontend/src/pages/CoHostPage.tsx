import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api/client';
import { t } from '../i18n';
import { navigate } from '../router';
import { saveCohost } from '../stores/session';
import { codeFromHash } from '../utils/cohost';

/** Opens a co-host link (`/cohost#code=…`): trades the code for a co-host token, then opens that jam's console. */
export default function CoHostPage() {
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const code = codeFromHash(location.hash);
    // The code has done its job once read: keep it out of the history and of anything shared from this page.
    history.replaceState(null, '', location.pathname);
    if (!code) {
      setError(t('cohost.noCode'));
      return;
    }
    api.redeemCohost(code).then(
      (answer) => {
        saveCohost(answer);
        navigate(`/jams/${answer.slug}/host`, { replace: true });
      },
      (e) => setError(explain(e)),
    );
  }, []);

  if (!error) return <p class="muted">{t('cohost.opening')}</p>;
  return (
    <div class="card" data-testid="cohost-error">
      <h1>{t('cohost.cantOpen')}</h1>
      <p>{error}</p>
      <a href="/">{t('common.seeJams')}</a>
    </div>
  );
}

function explain(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return t('cohost.invalid');
  return describeError(error);
}
