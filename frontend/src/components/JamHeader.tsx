import type { LiveStatus } from '../api/live';
import type { Jam } from '../api/types';
import { t, tn } from '../i18n';
import { formatWhen } from '../utils/format';
import { LiveIndicator } from './LiveIndicator';

export function JamHeader({ jam, attendeeCount, live }: { jam: Jam; attendeeCount: number; live: LiveStatus }) {
  return (
    <header class="jam-head">
      {jam.posterUrl && <img class="poster" src={jam.posterUrl} alt="" width={96} height={96} />}
      <div class="grow">
        <h1>{jam.name}</h1>
        <p class="muted small" style={{ margin: '0 0 0.35rem' }}>
          {formatWhen(jam.startsAt)}
          {jam.venue ? ` · ${jam.venue.name}` : ''}
        </p>
        <div class="row small">
          <span class={`status ${jam.status}`}>{t(`status.${jam.status}`)}</span>
          <span class="muted">{tn('header.people', attendeeCount)}</span>
          <LiveIndicator status={live} />
        </div>
        {jam.description && <p class="small" style={{ marginTop: '0.5rem' }}>{jam.description}</p>}
      </div>
    </header>
  );
}
