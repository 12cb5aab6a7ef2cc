import type { LiveStatus } from '../api/live';

const words: Record<LiveStatus, string> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const tone = status === 'live' ? 'live-on' : status === 'offline' ? '' : 'live-wait';
  return (
    <span class={`conn ${tone}`} role="status" aria-live="polite" data-live={status}>
      {words[status]}
    </span>
  );
}
