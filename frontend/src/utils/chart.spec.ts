import { describe, expect, it } from 'vitest';
import { activityBars, busiest } from './chart';

const at = (minute: number) => `2030-05-01T20:${String(minute).padStart(2, '0')}:00Z`;

describe('activityBars', () => {
  it('spreads one bar per bucket across the width, the busiest one filling the height', () => {
    const bars = activityBars(
      [
        { at: at(0), votes: 3 },
        { at: at(10), votes: 2 },
        { at: at(20), votes: 0 },
        { at: at(30), votes: 6 },
      ],
      100,
      60,
      4,
    );
    // (100 - 3 gaps of 4) / 4 bars = 22 wide, starting every 26.
    expect(bars.map((b) => [b.x, b.width])).toEqual([
      [0, 22],
      [26, 22],
      [52, 22],
      [78, 22],
    ]);
    expect(bars.map((b) => [b.y, b.height])).toEqual([
      [30, 30],
      [40, 20],
      [60, 0],
      [0, 60],
    ]);
    expect(bars[3]).toMatchObject({ votes: 6, at: at(30) });
  });

  it('leaves room for at least minSlots bars, so one bucket is not one wide block', () => {
    const bars = activityBars([{ at: at(0), votes: 2 }, { at: at(10), votes: 1 }], 100, 10, 4, 4);
    expect(bars.map((b) => [b.x, b.width, b.height])).toEqual([
      [0, 22, 10],
      [26, 22, 5],
    ]);
  });

  it('keeps every bar on the baseline when no bucket has votes, and draws nothing for no buckets', () => {
    expect(activityBars([{ at: at(0), votes: 0 }], 50, 40, 2)).toEqual([{ x: 0, y: 40, width: 50, height: 0, votes: 0, at: at(0) }]);
    expect(activityBars([], 50, 40, 2)).toEqual([]);
  });
});

describe('busiest', () => {
  it('is the first bucket with the most votes', () => {
    expect(busiest([{ at: at(0), votes: 2 }, { at: at(10), votes: 5 }, { at: at(20), votes: 5 }])).toEqual({ at: at(10), votes: 5 });
    expect(busiest([{ at: at(0), votes: 0 }])).toBeNull();
  });
});
