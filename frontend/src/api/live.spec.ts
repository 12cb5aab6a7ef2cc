import { describe, expect, it } from 'vitest';
import { decode } from './live';

describe('live', () => {
  it('decodes events the server encoded once as JSON text', () => {
    expect(decode('{"seq":3,"type":"vote.changed"}')).toEqual({ seq: 3, type: 'vote.changed' });
    expect(decode({ seq: 4 })).toEqual({ seq: 4 });
    expect(decode('not json')).toBeNull();
  });
});
