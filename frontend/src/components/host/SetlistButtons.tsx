import { api } from '../../api/client';
import type { Id } from '../../api/types';
import { t } from '../../i18n';
import { showError } from '../Toast';

export function SetlistButtons({ jamId, slug, token }: { jamId: Id; slug: string; token: string }) {
  const download = async (format: 'csv' | 'json') => {
    try {
      const blob = await api.setlist(token, jamId, format);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `setlist-${slug}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      showError(error);
    }
  };
  return (
    <>
      <button type="button" onClick={() => download('csv')}>
        {t('host.setlistCsv')}
      </button>
      <button type="button" onClick={() => download('json')}>
        {t('host.setlistJson')}
      </button>
    </>
  );
}
