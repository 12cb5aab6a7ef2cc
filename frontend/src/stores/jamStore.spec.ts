import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { LiveOptions } from '../api/live';
import type { JamEvent } from '../api/types';
import { item, snapshot, voteEvent } from '../test/fixtures';
import { JamStore } from './jamStore';

function setup(overrides: { events?: JamEvent[]; eventsError?: ApiError } = {}) {
  let live: LiveOptions | null = null;
  const api = {
    snapshot: vi.fn().mockResolvedValue(snapshot()),
    events: vi.fn().mockImplementation(async () => {
      if (overrides.eventsError) throw overrides.eventsError;
      return { events: overrides.events ?? [], seq: 0 };
    }),
  };
  const connect = vi.fn((options: LiveOptions) => {
    live = options;
    return { close: vi.fn() };
  });
  const store = new JamStore('friday-blues', { token: () => 'attendee-token', api, connect, gapWaitMs: 50 });
  return { store, api, connect, live: () => live! };
}

const votesOf = (store: JamStore, id: string) => store.state.value!.items.find((it) => it.id === id)!.votes;

describe('JamStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads the snapshot with the token and registers jam.<id>', async () => {
    const { store, api, connect } = setup();
    await store.start();
    expect(api.snapshot).toHaveBeenCalledWith('friday-blues', 'attendee-token');
    expect(store.seq).toBe(10);
    expect(connect.mock.calls[0][0].addresses).toEqual(['jam.j1', 'flags']);
    expect(connect.mock.calls[0][0].token()).toBe('attendee-token');
  });

  it('applies the next event at once', async () => {
    const { store } = setup();
    await store.start();
    store.receive(voteEvent(11, 'i2', 4));
    expect(votesOf(store, 'i2')).toBe(4);
    expect(store.seq).toBe(11);
  });

  it('ignores events it already has', async () => {
    const { store } = setup();
    await store.start();
    store.receive(voteEvent(10, 'i2', 99));
    store.receive(voteEvent(11, 'i2', 1));
    store.receive(voteEvent(11, 'i2', 50));
    expect(votesOf(store, 'i2')).toBe(1);
  });

  it('holds an early event until the missing one arrives, then applies both in order', async () => {
    const { store, api } = setup();
    await store.start();
    store.receive(voteEvent(12, 'i1', 2));
    expect(votesOf(store, 'i1')).toBe(0);
    store.receive(voteEvent(11, 'i1', 1));
    expect(votesOf(store, 'i1')).toBe(2);
    expect(store.seq).toBe(12);
    await vi.advanceTimersByTimeAsync(100);
    expect(api.events).not.toHaveBeenCalled();
  });

  it('fills a gap from events?after= when the missing event does not come', async () => {
    const { store, api } = setup({ events: [voteEvent(11, 'i1', 1), voteEvent(12, 'i1', 2)] });
    await store.start();
    store.receive(voteEvent(13, 'i1', 3));
    await vi.advanceTimersByTimeAsync(60);
    expect(api.events).toHaveBeenCalledWith('attendee-token', 'j1', 10);
    expect(store.seq).toBe(13);
    expect(votesOf(store, 'i1')).toBe(3);
  });

  it('reloads the snapshot when the server answers 410 for old events', async () => {
    const { store, api } = setup({ eventsError: new ApiError(410, 'events_expired', 'gone') });
    await store.start();
    api.snapshot.mockResolvedValueOnce(snapshot({ seq: 40, queue: [item('i1', { votes: 7 })] }));
    store.receive(voteEvent(42, 'i1', 9));
    await vi.advanceTimersByTimeAsync(60);
    expect(api.snapshot).toHaveBeenCalledTimes(2);
    expect(store.seq).toBe(40);
    expect(votesOf(store, 'i1')).toBe(7);
  });

  it('catches up after every (re)registration', async () => {
    const { store, api, live } = setup({ events: [voteEvent(11, 'i2', 5)] });
    await store.start();
    live().onRegistered(true);
    await vi.runAllTimersAsync();
    expect(api.events).toHaveBeenCalledWith('attendee-token', 'j1', 10);
    expect(votesOf(store, 'i2')).toBe(5);
  });

  it('follows feature flags from the flags address', async () => {
    const { store, live } = setup();
    await store.start();
    const flags = { ...store.state.value!.flags, voting: false };
    live().onMessage('flags', { type: 'flags.changed', data: { flags } });
    expect(store.flags.value.voting).toBe(false);
    expect(store.seq).toBe(10);
  });

  it('reports the live status from the connection', async () => {
    const { store, live } = setup();
    await store.start();
    live().onStatus('reconnecting');
    expect(store.live.value).toBe('reconnecting');
  });

  it('moves songs between now playing, queue and played on nowplaying.changed', async () => {
    const { store } = setup();
    await store.start();
    store.receive({
      seq: 11,
      type: 'nowplaying.changed',
      jamId: 'j1',
      at: '',
      data: { items: [item('i1', { status: 'playing' })] },
    });
    expect(store.nowPlaying.value?.id).toBe('i1');
    expect(store.queued.value.map((it) => it.id)).toEqual(['i2']);
  });

  it('marks a missing jam as not found', async () => {
    const { store, api } = setup();
    api.snapshot.mockRejectedValueOnce(new ApiError(404, 'not_found', 'No such jam'));
    await store.start();
    expect(store.notFound.value).toBe(true);
    expect(store.state.value).toBeNull();
  });
});
