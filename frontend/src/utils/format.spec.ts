import { describe, expect, it } from 'vitest';
import { plural } from './format';

describe('plural', () => {
  it('uses the singular for one', () => {
    expect(plural(1, 'vote')).toBe('1 vote');
    expect(plural(3, 'vote')).toBe('3 votes');
  });
});
