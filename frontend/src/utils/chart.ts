import type { ActivityBucket } from '../api/types';

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  votes: number;
  at: string;
}

/**
 * One bar per bucket from the left, `gap` apart, bottoms on the baseline at `height`; the busiest bucket
 * fills the height and the others scale to it. An empty bucket keeps its place with a zero-height bar.
 * The width is shared as if there were at least `minSlots` buckets, so a short night has slim bars too.
 */
export function activityBars(buckets: ActivityBucket[], width: number, height: number, gap: number, minSlots = 1): Bar[] {
  if (buckets.length === 0) return [];
  const max = Math.max(...buckets.map((b) => b.votes));
  const slots = Math.max(buckets.length, minSlots);
  const barWidth = (width - gap * (slots - 1)) / slots;
  return buckets.map((bucket, i) => {
    const barHeight = max === 0 ? 0 : (bucket.votes / max) * height;
    return { x: i * (barWidth + gap), y: height - barHeight, width: barWidth, height: barHeight, votes: bucket.votes, at: bucket.at };
  });
}

/** The bucket with the most votes (the first of equals), or null when there are none. */
export function busiest(buckets: ActivityBucket[]): ActivityBucket | null {
  return buckets.reduce<ActivityBucket | null>((best, b) => (b.votes > (best?.votes ?? 0) ? b : best), null);
}
