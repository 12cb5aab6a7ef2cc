import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../../api/client';
import type { CoHostCreated, CoHostLink, Id } from '../../api/types';
import { t } from '../../i18n';
import { EXPIRY_CHOICES, describeLink, expiryLabel, isActive, svgDataUrl } from '../../utils/cohost';
import { showError, showToast } from '../Toast';

/** The share dialog's co-host part: create a link (shown once, with its QR code), see who has one, revoke it. */
export function CoHostLinks({ jamId, token }: { jamId: Id; token: string }) {
  const [links, setLinks] = useState<CoHostLink[] | null>(null);
  const [name, setName] = useState('');
  const [hours, setHours] = useState(12);
  const [created, setCreated] = useState<CoHostCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => api.cohosts(token, jamId).then(setLinks, showError);
  useEffect(() => {
    void load();
  }, [jamId, token]);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.createCohost(token, jamId, name.trim(), hours);
      setCreated(answer);
      setName('');
      setLinks((list) => [answer.link, ...(list ?? [])]);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  // No confirmation: a revoked co-host only needs a new link, and a leaked link must be cut off in one tap.
  const revoke = async (link: CoHostLink) => {
    try {
      await api.revokeCohost(token, jamId, link.id);
      if (created?.link.id === link.id) setCreated(null);
      showToast(t('cohosts.noLonger', { name: link.name }), 'ok');
      await load();
    } catch (err) {
      showError(err);
    }
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      showToast(t('cohosts.copied'), 'ok');
    } catch {
      showToast(t('common.copyRefused'));
    }
  };

  return (
    <section class="stack" aria-labelledby="cohosts-title">
      <h3 id="cohosts-title" style={{ margin: 0 }}>
        {t('cohosts.title')}
      </h3>
      <p class="small muted" style={{ margin: 0 }}>
        {t('cohosts.intro')}
      </p>
      <form class="row" onSubmit={create} style={{ alignItems: 'flex-end' }}>
        <div class="field grow" style={{ margin: 0 }}>
          <label for="cohost-name">{t('cohosts.name')}</label>
          <input
            id="cohost-name"
            maxLength={40}
            required
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
            aria-describedby={error ? 'cohost-error' : undefined}
          />
        </div>
        <div class="field" style={{ margin: 0 }}>
          <label for="cohost-expiry">{t('cohosts.expires')}</label>
          <select id="cohost-expiry" value={hours} onChange={(e) => setHours(Number((e.target as HTMLSelectElement).value))}>
            {EXPIRY_CHOICES.map((h) => (
              <option value={h} key={h}>
                {expiryLabel(h)}
              </option>
            ))}
          </select>
        </div>
        <button class="primary" type="submit" disabled={busy || !name.trim()}>
          {t('cohosts.create')}
        </button>
      </form>
      {error && (
        <p class="error" id="cohost-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div class="card stack" data-testid="cohost-new">
          <img class="qr" src={svgDataUrl(created.qrSvg)} alt={t('cohosts.qrAlt', { name: created.link.name })} width={220} height={220} />
          <p class="small" style={{ margin: 0 }}>
            {t('cohosts.let')} <strong>{created.link.name}</strong> {t('cohosts.scan')}
          </p>
          <div class="row">
            <input
              class="grow"
              readOnly
              aria-label={t('cohosts.urlLabel', { name: created.link.name })}
              value={created.url}
              data-testid="cohost-url"
              onFocus={(e) => (e.target as HTMLInputElement).select()}
              style={{ width: 'auto' }}
            />
            <button type="button" onClick={() => copy(created.url)}>
              {t('common.copyLink')}
            </button>
          </div>
        </div>
      )}
      {links && links.length > 0 && (
        <ul class="jam-list" aria-label={t('cohosts.list')}>
          {links.map((link) => (
            <li key={link.id} class="spread" data-testid="cohost-link">
              <span>
                <strong>{link.name}</strong>{' '}
                <span class="small muted" data-testid="cohost-status">
                  {describeLink(link)}
                  {link.redeemedAt ? t('cohosts.opened') : t('cohosts.notOpened')}
                </span>
              </span>
              {isActive(link) && (
                <button type="button" class="danger" aria-label={t('cohosts.revokeLabel', { name: link.name })} onClick={() => revoke(link)}>
                  {t('cohosts.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
