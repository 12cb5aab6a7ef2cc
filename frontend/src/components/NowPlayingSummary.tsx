import type { QueueItem } from '../api/types';
import { performerLine } from '../utils/format';

/** Title, artist and who plays: the now-playing block the attendee view and the host console share. */
export function NowPlayingSummary({ item }: { item: QueueItem }) {
  return (
    <>
      <h2 style={{ fontSize: '1.4rem', margin: '0.3rem 0 0' }} data-testid="now-playing-title">
        {item.title}
      </h2>
      <p class="muted" style={{ margin: 0 }}>
        {item.artist}
      </p>
      {item.performers.length > 0 && <p class="small">{performerLine(item.performers)}</p>}
    </>
  );
}
