import type { ActivityBucket } from '../api/types';
import { activityBars, busiest } from '../utils/chart';
import { plural } from '../utils/format';

const WIDTH = 600;
const HEIGHT = 160;
const AXIS = 22;
const GAP = 4;

const clock = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Votes per bucket as bars in inline SVG; screen readers get a one-line summary and the figures as a table. */
export function ActivityChart({ buckets, bucketMinutes }: { buckets: ActivityBucket[]; bucketMinutes: number }) {
  if (buckets.length === 0) return <p class="muted">Nobody voted tonight.</p>;
  const bars = activityBars(buckets, WIDTH, HEIGHT, GAP);
  const total = buckets.reduce((sum, b) => sum + b.votes, 0);
  const peak = busiest(buckets);
  const from = clock(buckets[0].at);
  const to = clock(plusMinutes(buckets[buckets.length - 1].at, bucketMinutes));
  const summary =
    `Votes per ${bucketMinutes} minutes from ${from} to ${to}: ${plural(total, 'vote')}` +
    (peak ? `, the most (${peak.votes}) from ${clock(peak.at)}.` : '.');
  return (
    <figure class="chart" data-testid="activity-chart">
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}>
        <line class="baseline" x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
        {bars.map((bar) => (
          <rect key={bar.at} class="bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height} data-votes={bar.votes} />
        ))}
        <text x={0} y={HEIGHT + AXIS - 4} text-anchor="start">
          {from}
        </text>
        <text x={WIDTH} y={HEIGHT + AXIS - 4} text-anchor="end">
          {to}
        </text>
      </svg>
      <figcaption class="small muted" aria-hidden="true">
        {summary}
      </figcaption>
      <table class="sr-only">
        <caption>Votes per {bucketMinutes} minutes</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Votes</th>
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
