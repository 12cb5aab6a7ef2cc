import type { LiveStatus } from '../api/live';
import { t } from '../i18n';

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const tone = status === 'live' ? 'live-on' : status === 'offline' ? '' : 'live-wait';
  return (
    <span class={`conn ${tone}`} role="status" aria-live="polite" data-live={status}>
      {t(`live.${status}`)}
    </span>
  );
}
