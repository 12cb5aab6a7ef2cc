import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Jam } from '../api/types';
import { Dialog } from './Dialog';
import { CoHostLinks } from './host/CoHostLinks';
import { showError, showToast } from './Toast';

export function ShareDialog({ jam, token, onClose }: { jam: Jam; token: string; onClose: () => void }) {
  const joinUrl = jam.joinUrl || `${location.origin}/j/${jam.joinCode}`;
  const [stageUrl, setStageUrl] = useState<string | null>(null);

  useEffect(() => {
    // Opened from this device: keep this origin (PUBLIC_URL may name another host); the token rides in the fragment.
    api.stageLink(token, jam.id).then(({ url }) => {
      const link = new URL(url, location.href);
      setStageUrl(link.pathname + link.search + link.hash);
    }, showError);
  }, [jam.id, token]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(joinUrl);
      showToast('Join link copied', 'ok');
    } catch {
      showToast('Copying is not allowed here: select the link and copy it.');
    }
  };

  return (
    <Dialog title="Share the jam" onClose={onClose}>
      <div class="stack">
        <img class="qr" src={api.qrUrl(jam.id)} alt={`QR code that opens ${joinUrl}`} width={280} height={280} />
        <p style={{ margin: 0 }}>
          Join code: <strong data-testid="join-code">{jam.joinCode}</strong>
        </p>
        <div class="field">
          <label for="join-url">Join link</label>
          <div class="row">
            <input id="join-url" class="grow" readOnly value={joinUrl} onFocus={(e) => (e.target as HTMLInputElement).select()} style={{ width: 'auto' }} />
            <button type="button" onClick={copy}>
              Copy link
            </button>
          </div>
        </div>
        <div class="row">
          {stageUrl ? (
            <a class="button primary" href={stageUrl} target="_blank" rel="noopener" data-testid="stage-link">
              Open stage screen
            </a>
          ) : (
            <span class="muted">Preparing the stage link…</span>
          )}
          <a class="button" href={api.qrPngUrl(jam.id)} download={`jam-${jam.slug}-qr.png`}>
            Download QR (PNG)
          </a>
          <a class="button" href={api.qrUrl(jam.id)} download={`jam-${jam.slug}-qr.svg`}>
            Download QR (SVG)
          </a>
        </div>
        <CoHostLinks jamId={jam.id} token={token} />
      </div>
    </Dialog>
  );
}
