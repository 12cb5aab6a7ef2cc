import { describe, expect, it } from 'vitest';
import { item, snapshot } from '../test/fixtures';
import { fromSnapshot, placeAt, queuedItems, reduce, sortItems } from './queue';

describe('queue order', () => {
  it('puts pinned songs first, then the most voted, then the oldest', () => {
    const items = [
      item('i1', { votes: 1 }),
      item('i2', { votes: 5, createdAt: '2026-11-27T19:05:00Z' }),
      item('i3', { pinned: true, position: 9 }),
      item('i4', { votes: 5, createdAt: '2026-11-27T19:01:00Z' }),
      item('i5', { pinned: true, position: 2 }),
    ];
    expect(sortItems(items, 'queue').map((it) => it.id)).toEqual(['i5', 'i3', 'i4', 'i2', 'i1']);
  });

  it('places a song by pinning it and every song above it', () => {
    const queued = [item('a', { pinned: true, position: 0 }), item('b', { votes: 3 }), item('c', { votes: 1 })];
    const changes = placeAt(queued, queued[2], 1);
    expect(changes.map((c) => [c.item.id, c.position])).toEqual([['c', 10]]);
    const deeper = placeAt(queued, queued[0], 2);
    expect(deeper.map((c) => [c.item.id, c.position])).toEqual([['b', 0], ['c', 10], ['a', 20]]);
  });

  it('sorts by title ignoring case', () => {
    const items = [item('i1', { title: 'b' }), item('i2', { title: 'A' })];
    expect(sortItems(items, 'title').map((it) => it.id)).toEqual(['i2', 'i1']);
  });
});

describe('reduce', () => {
  const state = fromSnapshot(snapshot());

  it('adds, updates and removes items', () => {
    let next = reduce(state, { seq: 11, type: 'queue.added', jamId: 'j1', at: '', data: { item: item('i3') } });
    expect(next.items).toHaveLength(3);
    next = reduce(next, { seq: 12, type: 'queue.updated', jamId: 'j1', at: '', data: { item: item('i3', { title: 'New' }) } });
    expect(next.items.find((it) => it.id === 'i3')!.title).toBe('New');
    next = reduce(next, { seq: 13, type: 'queue.removed', jamId: 'j1', at: '', data: { itemId: 'i1' } });
    expect(next.items.map((it) => it.id)).toEqual(['i2', 'i3']);
    expect(state.items).toHaveLength(2);
  });

  it('takes the whole queue on queue.replaced', () => {
    const next = reduce(state, { seq: 11, type: 'queue.replaced', jamId: 'j1', at: '', data: { items: [item('i7')] } });
    expect(next.items.map((it) => it.id)).toEqual(['i7']);
  });

  it('re-orders on queue.reordered', () => {
    const next = reduce(state, {
      seq: 11,
      type: 'queue.reordered',
      jamId: 'j1',
      at: '',
      data: { items: [{ id: 'i2', pinned: true, position: 0 }] },
    });
    expect(queuedItems(next).map((it) => it.id)).toEqual(['i2', 'i1']);
  });

  it('updates the attendee count and the jam', () => {
    let next = reduce(state, { seq: 11, type: 'attendees.count', jamId: 'j1', at: '', data: { count: 9 } });
    next = reduce(next, { seq: 12, type: 'jam.updated', jamId: 'j1', at: '', data: { jam: { ...state.jam, votingOpen: false } } });
    expect(next.attendeeCount).toBe(9);
    next = reduce(next, { seq: 13, type: 'jam.updated', jamId: 'j1', at: '', data: { posterUrl: '/api/v1/posters/abc' } });
    expect(next.jam.posterUrl).toBe('/api/v1/posters/abc');
    expect(next.jam.name).toBe('Friday Blues');
    expect(next.jam.votingOpen).toBe(false);
  });
});
