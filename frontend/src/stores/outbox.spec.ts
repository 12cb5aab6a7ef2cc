import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { retryDelay } from './outbox';

describe('retryDelay', () => {
  const middle = () => 0.5;

  it('doubles from 1 s and stops at 15 s', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => retryDelay(n, null, middle))).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });

  it('spreads retries by ±20 %', () => {
    expect(retryDelay(1, null, () => 0)).toBe(800);
    expect(retryDelay(1, null, () => 1)).toBe(1200);
  });

  it('never retries sooner than the server asked', () => {
    const error = new ApiError(503, 'database_unavailable', 'away', undefined, 5);
    expect(retryDelay(1, error, middle)).toBe(5000);
    expect(retryDelay(5, error, middle)).toBe(15000);
  });
});
