import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../../api/client';
import type { CoHostCreated, CoHostLink, Id } from '../../api/types';
import { EXPIRY_CHOICES, describeLink, isActive, svgDataUrl } from '../../utils/cohost';
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
      showToast(`${link.name} is no longer a co-host`, 'ok');
      await load();
    } catch (err) {
      showError(err);
    }
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      showToast('Co-host link copied', 'ok');
    } catch {
      showToast('Copying is not allowed here: select the link and copy it.');
    }
  };

  return (
    <section class="stack" aria-labelledby="cohosts-title">
      <h3 id="cohosts-title" style={{ margin: 0 }}>
        Co-hosts
      </h3>
      <p class="small muted" style={{ margin: 0 }}>
        A co-host (a second organiser, the sound engineer) runs this jam's queue and now playing from their own
        phone, but not its settings, other jams or flags.
      </p>
      <form class="row" onSubmit={create} style={{ alignItems: 'flex-end' }}>
        <div class="field grow" style={{ margin: 0 }}>
          <label for="cohost-name">Co-host name</label>
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
          <label for="cohost-expiry">Link expires in</label>
          <select id="cohost-expiry" value={hours} onChange={(e) => setHours(Number((e.target as HTMLSelectElement).value))}>
            {EXPIRY_CHOICES.map((c) => (
              <option value={c.hours} key={c.hours}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button class="primary" type="submit" disabled={busy || !name.trim()}>
          Create co-host link
        </button>
      </form>
      {error && (
        <p class="error" id="cohost-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div class="card stack" data-testid="cohost-new">
          <img class="qr" src={svgDataUrl(created.qrSvg)} alt={`QR code of ${created.link.name}'s co-host link`} width={220} height={220} />
          <p class="small" style={{ margin: 0 }}>
            Let <strong>{created.link.name}</strong> scan this now, or send them the link: it is shown only this once.
          </p>
          <div class="row">
            <input
              class="grow"
              readOnly
              aria-label={`Co-host link for ${created.link.name}`}
              value={created.url}
              data-testid="cohost-url"
              onFocus={(e) => (e.target as HTMLInputElement).select()}
              style={{ width: 'auto' }}
            />
            <button type="button" onClick={() => copy(created.url)}>
              Copy link
            </button>
          </div>
        </div>
      )}
      {links && links.length > 0 && (
        <ul class="jam-list" aria-label="Co-host links">
          {links.map((link) => (
            <li key={link.id} class="spread" data-testid="cohost-link">
              <span>
                <strong>{link.name}</strong>{' '}
                <span class="small muted" data-testid="cohost-status">
                  {describeLink(link)}
                  {link.redeemedAt ? ', opened' : ', not opened yet'}
                </span>
              </span>
              {isActive(link) && (
                <button type="button" class="danger" aria-label={`Revoke ${link.name}`} onClick={() => revoke(link)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
