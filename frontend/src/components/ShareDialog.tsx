import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Jam } from '../api/types';
import { t } from '../i18n';
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
      showToast(t('share.copied'), 'ok');
    } catch {
      showToast(t('common.copyRefused'));
    }
  };

  return (
    <Dialog title={t('dialog.shareTitle')} onClose={onClose}>
      <div class="stack">
        <img class="qr" src={api.qrUrl(jam.id)} alt={t('share.qrAlt', { url: joinUrl })} width={280} height={280} />
        <p style={{ margin: 0 }}>
          {t('share.joinCode')} <strong data-testid="join-code">{jam.joinCode}</strong>
        </p>
        <div class="field">
          <label for="join-url">{t('share.joinLink')}</label>
          <div class="row">
            <input id="join-url" class="grow" readOnly value={joinUrl} onFocus={(e) => (e.target as HTMLInputElement).select()} style={{ width: 'auto' }} />
            <button type="button" onClick={copy}>
              {t('common.copyLink')}
            </button>
          </div>
        </div>
        <div class="row">
          {stageUrl ? (
            <a class="button primary" href={stageUrl} target="_blank" rel="noopener" data-testid="stage-link">
              {t('share.openStage')}
            </a>
          ) : (
            <span class="muted">{t('share.preparingStage')}</span>
          )}
          <a class="button" href={api.qrPngUrl(jam.id)} download={`jam-${jam.slug}-qr.png`}>
            {t('share.qrPng')}
          </a>
          <a class="button" href={api.qrUrl(jam.id)} download={`jam-${jam.slug}-qr.svg`}>
            {t('share.qrSvg')}
          </a>
        </div>
        <CoHostLinks jamId={jam.id} token={token} />
      </div>
    </Dialog>
  );
}
