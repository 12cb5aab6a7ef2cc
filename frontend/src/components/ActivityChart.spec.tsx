import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityChart } from './ActivityChart';

describe('ActivityChart', () => {
  afterEach(cleanup);

  it('draws one bar per bucket with a summary and the figures as a table for screen readers', () => {
    const { container } = render(
      <ActivityChart
        bucketMinutes={10}
        buckets={[
          { at: '2030-05-01T20:00:00Z', votes: 3 },
          { at: '2030-05-01T20:10:00Z', votes: 0 },
          { at: '2030-05-01T20:20:00Z', votes: 5 },
        ]}
      />,
    );
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toMatch(/^Votes per 10 minutes from .+ to .+: 8 votes, the most \(5\) from .+\.$/);
    expect([...container.querySelectorAll('rect.bar')].map((r) => r.getAttribute('data-votes'))).toEqual(['3', '0', '5']);
    expect([...container.querySelectorAll('tbody td:last-child')].map((td) => td.textContent)).toEqual(['3', '0', '5']);
  });

  it('labels every few bars with its start time, never past the right edge', () => {
    const buckets = Array.from({ length: 13 }, (_, i) => ({ at: new Date(Date.UTC(2030, 4, 1, 20, i * 10)).toISOString(), votes: i % 3 }));
    const { container } = render(<ActivityChart bucketMinutes={10} buckets={buckets} />);
    const xs = [...container.querySelectorAll('svg text')].map((t) => Number(t.getAttribute('x')));
    const bars = [...container.querySelectorAll('rect.bar')].map((r) => Number(r.getAttribute('x')));
    // 13 bars, a label every 4th: bars 0, 4 and 8; the 12th would run past the 360-wide chart.
    expect(xs).toEqual([bars[0], bars[4], bars[8]]);
  });

  it('says so when nobody voted', () => {
    render(<ActivityChart bucketMinutes={10} buckets={[]} />);
    expect(screen.getByText('Nobody voted tonight.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
