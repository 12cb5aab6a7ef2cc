import type { ActivityBucket } from '../api/types';
import { activityBars, busiest } from '../utils/chart';
import { locale, t, tn } from '../i18n';

const WIDTH = 360;
const HEIGHT = 120;
const AXIS = 20;
const GAP = 3;
/** A short night still draws bars as slim as a longer one's. */
const MIN_SLOTS = 8;
/** At most this many time labels under the bars, so they never overlap. */
const LABELS = 4;
/** Room a label such as "10:40 PM" takes; one that would not fit before the right edge is left out. */
const LABEL_WIDTH = 56;

const clock = (iso: string) => new Date(iso).toLocaleTimeString(locale.value, { hour: '2-digit', minute: '2-digit' });
const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Votes per bucket as bars in inline SVG; screen readers get a one-line summary and the figures as a table. */
export function ActivityChart({ buckets, bucketMinutes }: { buckets: ActivityBucket[]; bucketMinutes: number }) {
  if (buckets.length === 0) return <p class="muted">{t('chart.nobodyVoted')}</p>;
  const bars = activityBars(buckets, WIDTH, HEIGHT, GAP, MIN_SLOTS);
  const labelEvery = Math.ceil(Math.max(buckets.length, MIN_SLOTS) / LABELS);
  const total = buckets.reduce((sum, b) => sum + b.votes, 0);
  const peak = busiest(buckets);
  const from = clock(buckets[0].at);
  const to = clock(plusMinutes(buckets[buckets.length - 1].at, bucketMinutes));
  const summary =
    t('chart.summary', { minutes: bucketMinutes, from, to, votes: tn('item.votes', total) }) +
    (peak ? t('chart.peak', { peak: peak.votes, at: clock(peak.at) }) : '.');
  return (
    <figure class="chart" data-testid="activity-chart">
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}>
        <line class="baseline" x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
        {bars.map((bar) => (
          <rect key={bar.at} class="bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height} data-votes={bar.votes} />
        ))}
        {bars
          .filter((bar, i) => i % labelEvery === 0 && bar.x <= WIDTH - LABEL_WIDTH)
          .map((bar) => (
            <text key={bar.at} x={bar.x} y={HEIGHT + AXIS - 5}>
              {clock(bar.at)}
            </text>
          ))}
      </svg>
      <figcaption class="small muted" aria-hidden="true">
        {summary}
      </figcaption>
      <table class="sr-only">
        <caption>{t('chart.caption', { minutes: bucketMinutes })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.from')}</th>
            <th scope="col">{t('chart.votes')}</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.at}>
              <td>{clock(b.at)}</td>
              <td>{b.votes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
