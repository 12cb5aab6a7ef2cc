import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Jam } from '../../api/types';
import { t } from '../../i18n';
import type { JamStore } from '../../stores/jamStore';
import { showError, showToast } from '../Toast';

export function PosterPanel({ jam, token, store }: { jam: Jam; token: string; store: JamStore }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enabled = store.flags.value.uploads !== false;

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  if (!enabled) return null;

  const choose = (e: Event) => {
    const chosen = (e.target as HTMLInputElement).files?.[0] ?? null;
    setFile(chosen);
    setPreview(chosen ? URL.createObjectURL(chosen) : null);
  };
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const { posterUrl } = await api.uploadPoster(token, jam.id, file);
      store.applyJam({ posterUrl });
      setFile(null);
      setPreview(null);
      showToast(t('poster.updated'), 'ok');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="poster-title">
      <h2 id="poster-title">{t('poster.title')}</h2>
      {(preview || jam.posterUrl) && (
        <img src={preview ?? jam.posterUrl!} alt={preview ? t('poster.preview') : t('poster.current')} style={{ maxHeight: '200px', borderRadius: '8px' }} />
      )}
      <div class="field">
        <label for="poster-file">{t('poster.file')}</label>
        <input id="poster-file" type="file" accept="image/png,image/jpeg,image/webp,image/gif" onChange={choose} />
      </div>
      <button type="button" class="primary" disabled={!file || busy} onClick={upload}>
        {busy ? t('poster.busy') : t('poster.upload')}
      </button>
    </section>
  );
}
