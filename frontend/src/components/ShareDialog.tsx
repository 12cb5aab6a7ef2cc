import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Jam } from '../api/types';
import { Dialog } from './Dialog';
import { showError, showToast } from './Toast';

export function ShareDialog({ jam, token, onClose }: { jam: Jam; token: string; onClose: () => void }) {
  const joinUrl = jam.joinUrl || `${location.origin}/j/${jam.joinCode}`;
  const [opening, setOpening] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(joinUrl);
      showToast('Join link copied', 'ok');
    } catch {
      showToast('Copying is not allowed here: select the link and copy it.');
    }
  };

  const openStage = async () => {
    // Open the window first: browsers block pop-ups opened after an await.
    const win = window.open('about:blank', '_blank');
    setOpening(true);
    try {
      const { url } = await api.stageLink(token, jam.id);
      if (win) win.location.href = url;
      else location.assign(url);
    } catch (error) {
      win?.close();
      showError(error);
    } finally {
      setOpening(false);
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
          <button type="button" class="primary" onClick={openStage} disabled={opening}>
            Open stage screen
          </button>
          <a class="button" href={api.qrPngUrl(jam.id)} download={`jam-${jam.slug}-qr.png`}>
            Download QR (PNG)
          </a>
          <a class="button" href={api.qrUrl(jam.id)} download={`jam-${jam.slug}-qr.svg`}>
            SVG
          </a>
        </div>
      </div>
    </Dialog>
  );
}
