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

  it('asks again with backoff when a catch-up fails for a passing reason, even in a quiet jam', async () => {
    const { store, api, live } = setup();
    await store.start();
    api.events
      .mockRejectedValueOnce(new ApiError(503, 'database_unavailable', 'away', undefined, 2))
      .mockResolvedValueOnce({ events: [voteEvent(11, 'i2', 5)], seq: 11 });
    live().onRegistered(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.events).toHaveBeenCalledTimes(1);
    expect(store.seq).toBe(10);
    await vi.advanceTimersByTimeAsync(1900);
    expect(api.events).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(api.events).toHaveBeenCalledTimes(2);
    expect(store.seq).toBe(11);
    expect(votesOf(store, 'i2')).toBe(5);
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

  it('applies lineup.changed in seq order: the bench, the confirmation and a skipped performer', async () => {
    const { store } = setup();
    await store.start();
    const ana = { attendeeId: 'a1', name: 'Ana', instrument: 'bass', state: 'in' as const };
    const ben = { attendeeId: 'a2', name: 'Ben', instrument: 'bass', state: 'bench' as const };
    store.receive({ seq: 12, type: 'lineup.changed', jamId: 'j1', at: '', data: { itemId: 'i1', performers: [{ ...ben, state: 'in' }], lineupConfirmed: true, skipped: 'a1' } });
    store.receive({ seq: 11, type: 'lineup.changed', jamId: 'j1', at: '', data: { itemId: 'i1', performers: [ana, ben], lineupConfirmed: true } });
    const song = store.state.value!.items.find((it) => it.id === 'i1')!;
    expect(store.seq).toBe(12);
    expect(song.lineupConfirmed).toBe(true);
    expect(song.performers).toEqual([{ ...ben, state: 'in' }]);
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

const me = { attendee: { id: 'a2', name: 'Bo', instruments: ['guitar'] }, votedItemIds: [], suggestionsLeft: 3, performancesLeft: 2 };
const offline = () => new ApiError(0, 'network', 'No connection to the server.');
const away = (retryAfter?: number) => new ApiError(503, 'database_unavailable', 'The database is briefly unavailable', undefined, retryAfter);

function writes() {
  let live: LiveOptions | null = null;
  const api = {
    snapshot: vi.fn().mockResolvedValue(snapshot({ me, queue: [item('i1', { votes: 2 }), item('i2')] })),
    events: vi.fn().mockResolvedValue({ events: [], seq: 10 }),
    vote: vi.fn(),
    suggest: vi.fn(),
    signUp: vi.fn(),
    withdraw: vi.fn(),
  };
  const connect = vi.fn((options: LiveOptions) => {
    live = options;
    return { close: vi.fn() };
  });
  const store = new JamStore('friday-blues', { token: () => 'attendee-token', api, connect, random: () => 0.5 });
  return { store, api, live: () => live! };
}

const itemOf = (store: JamStore, id: string) => store.state.value!.items.find((it) => it.id === id);

describe('JamStore writes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('votes at once, then takes the count from the answer', async () => {
    const { store, api } = writes();
    await store.start();
    api.vote.mockResolvedValue({ voted: true, votes: 5 });
    const done = store.vote('i1');
    expect(itemOf(store, 'i1')!.votes).toBe(3);
    expect(store.me.value!.votedItemIds).toEqual(['i1']);
    await done;
    expect(api.vote).toHaveBeenCalledWith('attendee-token', 'j1', 'i1', true);
    expect(itemOf(store, 'i1')!.votes).toBe(5);
    expect(store.me.value!.votedItemIds).toEqual(['i1']);
    expect(store.pendingIds.value.size).toBe(0);
  });

  it('rolls a refused vote back and rejects with the server’s words', async () => {
    const { store, api } = writes();
    await store.start();
    api.vote.mockRejectedValue(new ApiError(409, 'vote_closed', 'Voting is locked for this jam'));
    await expect(store.vote('i1')).rejects.toThrow('Voting is locked for this jam');
    expect(itemOf(store, 'i1')!.votes).toBe(2);
    expect(store.me.value!.votedItemIds).toEqual([]);
    expect(api.vote).toHaveBeenCalledTimes(1);
  });

  it('keeps a vote through a passing fault: pending, reconnecting, retried after a second', async () => {
    const { store, api, live } = writes();
    await store.start();
    live().onStatus('live');
    api.vote.mockRejectedValueOnce(offline()).mockResolvedValueOnce({ voted: true, votes: 3 });
    const done = store.vote('i1');
    await vi.advanceTimersByTimeAsync(10);
    expect(itemOf(store, 'i1')!.votes).toBe(3);
    expect(store.pendingIds.value.has('i1')).toBe(true);
    expect(store.status.value).toBe('reconnecting');
    expect(api.vote).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(api.vote).toHaveBeenCalledTimes(2);
    expect(store.pendingIds.value.size).toBe(0);
    expect(store.status.value).toBe('live');
    expect(itemOf(store, 'i1')!.votes).toBe(3);
  });

  it('backs off 1 s, 2 s, 4 s between retries and honours Retry-After', async () => {
    const { store, api } = writes();
    await store.start();
    api.vote
      .mockRejectedValueOnce(away())
      .mockRejectedValueOnce(away())
      .mockRejectedValueOnce(away(10))
      .mockResolvedValueOnce({ voted: true, votes: 3 });
    const done = store.vote('i1');
    await vi.advanceTimersByTimeAsync(999);
    expect(api.vote).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(api.vote).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.vote).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(9000);
    expect(api.vote).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1001);
    await done;
    expect(api.vote).toHaveBeenCalledTimes(4);
  });

  it('sends only the latest intent: a vote undone while offline goes out as the unvote', async () => {
    const { store, api } = writes();
    await store.start();
    api.vote.mockRejectedValueOnce(offline()).mockResolvedValueOnce({ voted: false, votes: 2 });
    const first = store.vote('i1');
    await vi.advanceTimersByTimeAsync(10);
    const second = store.unvote('i1');
    expect(itemOf(store, 'i1')!.votes).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([first, second]);
    expect(api.vote).toHaveBeenCalledTimes(2);
    expect(api.vote.mock.calls[1][3]).toBe(false);
    expect(store.me.value!.votedItemIds).toEqual([]);
  });

  it('sends a tap made while the previous one is on its way once that one is answered', async () => {
    const { store, api } = writes();
    await store.start();
    let answer!: (value: unknown) => void;
    api.vote.mockImplementationOnce(() => new Promise((r) => (answer = r))).mockResolvedValueOnce({ voted: false, votes: 2 });
    const first = store.vote('i1');
    const second = store.unvote('i1');
    expect(itemOf(store, 'i1')!.votes).toBe(2);
    answer({ voted: true, votes: 3 });
    await Promise.all([first, second]);
    expect(api.vote.mock.calls.map((c) => c[3])).toEqual([true, false]);
    expect(itemOf(store, 'i1')!.votes).toBe(2);
    expect(store.me.value!.votedItemIds).toEqual([]);
  });

  it('retries at once when the live connection is back', async () => {
    const { store, api, live } = writes();
    await store.start();
    api.vote.mockRejectedValueOnce(offline()).mockRejectedValueOnce(offline()).mockResolvedValueOnce({ voted: true, votes: 3 });
    void store.vote('i1');
    await vi.advanceTimersByTimeAsync(1001);
    expect(api.vote).toHaveBeenCalledTimes(2);
    live().onRegistered(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(api.vote).toHaveBeenCalledTimes(3);
    expect(store.pendingIds.value.size).toBe(0);
  });

  it('lets the event stream win, with a pending tap still shown on top', async () => {
    const { store, api } = writes();
    await store.start();
    api.vote.mockRejectedValue(offline());
    void store.vote('i1').catch(() => {});
    await vi.advanceTimersByTimeAsync(10);
    store.receive(voteEvent(11, 'i1', 7));
    store.receive(voteEvent(12, 'i2', 4));
    expect(itemOf(store, 'i1')!.votes).toBe(8);
    expect(itemOf(store, 'i2')!.votes).toBe(4);
    expect(store.pendingIds.value.has('i1')).toBe(true);
    store.stop();
  });

  it('shows a suggestion as a draft at once and swaps it for the server’s item', async () => {
    const { store, api } = writes();
    await store.start();
    api.suggest.mockResolvedValue(item('i9', { title: 'Hey Jude', artist: 'The Beatles' }));
    const done = store.suggest({ title: 'Hey Jude', artist: 'The Beatles' }, { title: 'Hey Jude', artist: 'The Beatles' });
    const draft = store.queued.value.find((it) => it.title === 'Hey Jude')!;
    expect(store.isDraft(draft)).toBe(true);
    expect(store.pendingIds.value.has(draft.id)).toBe(true);
    expect(store.me.value!.suggestionsLeft).toBe(2);
    await expect(done).resolves.toMatchObject({ id: 'i9' });
    expect(api.suggest).toHaveBeenCalledWith('attendee-token', 'j1', { title: 'Hey Jude', artist: 'The Beatles' });
    expect(store.queued.value.filter((it) => it.title === 'Hey Jude').map((it) => it.id)).toEqual(['i9']);
    expect(store.me.value!.suggestionsLeft).toBe(2);
  });

  it('drops a refused suggestion and rejects with the server’s words', async () => {
    const { store, api } = writes();
    await store.start();
    api.suggest.mockRejectedValue(new ApiError(403, 'suggestions_closed', 'Suggestions are closed right now'));
    await expect(store.suggest({ title: 'X', artist: 'Y' }, { title: 'X', artist: 'Y' })).rejects.toThrow('Suggestions are closed right now');
    expect(store.queued.value.map((it) => it.id)).toEqual(['i1', 'i2']);
    expect(store.me.value!.suggestionsLeft).toBe(3);
  });

  it('takes already_queued for a retried suggestion as success', async () => {
    const { store, api } = writes();
    await store.start();
    const onPending = vi.fn();
    api.suggest.mockRejectedValueOnce(away(1)).mockRejectedValueOnce(new ApiError(409, 'already_queued', 'already in the queue'));
    api.events.mockResolvedValueOnce({ events: [{ seq: 11, type: 'queue.added', jamId: 'j1', at: '', data: { item: item('i9', { title: 'X', artist: 'Y' }) } }], seq: 11 });
    const done = store.suggest({ title: 'X', artist: 'Y' }, { title: 'X', artist: 'Y' }, onPending);
    await vi.advanceTimersByTimeAsync(10);
    expect(onPending).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1300);
    await expect(done).resolves.toBeNull();
    expect(store.queued.value.map((it) => it.id)).toEqual(['i1', 'i2', 'i9']);
    expect(store.me.value!.suggestionsLeft).toBe(2);
  });

  it('does not take already_queued as success on a first attempt', async () => {
    const { store, api } = writes();
    await store.start();
    api.suggest.mockRejectedValue(new ApiError(409, 'already_queued', '"X" is already in the queue: vote for it instead'));
    await expect(store.suggest({ title: 'X', artist: 'Y' }, { title: 'X', artist: 'Y' })).rejects.toThrow(/vote for it instead/);
  });

  it('signs up at once, and the answer’s performers win', async () => {
    const { store, api } = writes();
    await store.start();
    const performers = [{ attendeeId: 'a2', name: 'Bo', instrument: 'guitar', state: 'in' as const }];
    api.signUp.mockResolvedValue({ performers });
    const done = store.signUp('i2', 'guitar');
    expect(itemOf(store, 'i2')!.performers).toEqual(performers);
    expect(store.me.value!.performancesLeft).toBe(1);
    await done;
    expect(api.signUp).toHaveBeenCalledWith('attendee-token', 'j1', 'i2', 'guitar');
    expect(itemOf(store, 'i2')!.performers).toEqual(performers);
    expect(store.me.value!.performancesLeft).toBe(1);
  });

  it('rolls a refused sign-up back', async () => {
    const { store, api } = writes();
    await store.start();
    api.signUp.mockRejectedValue(new ApiError(409, 'slot_taken', 'Someone already plays guitar on this song'));
    await expect(store.signUp('i2', 'guitar')).rejects.toThrow('Someone already plays guitar on this song');
    expect(itemOf(store, 'i2')!.performers).toEqual([]);
    expect(store.me.value!.performancesLeft).toBe(2);
  });

  it('keeps a withdrawal through a passing fault and retries it', async () => {
    const { store, api } = writes();
    api.snapshot.mockResolvedValue(
      snapshot({ me, queue: [item('i1'), item('i2', { performers: [{ attendeeId: 'a2', name: 'Bo', instrument: 'guitar' }] })] }),
    );
    await store.start();
    api.withdraw.mockRejectedValueOnce(new ApiError(502, 'http_502', 'Bad gateway')).mockResolvedValueOnce({ performers: [] });
    const done = store.withdraw('i2', 'guitar');
    await vi.advanceTimersByTimeAsync(10);
    expect(itemOf(store, 'i2')!.performers).toEqual([]);
    expect(store.pendingIds.value.has('i2')).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(api.withdraw).toHaveBeenCalledTimes(2);
    expect(store.me.value!.performancesLeft).toBe(3);
    expect(store.pendingIds.value.size).toBe(0);
  });
});

describe('JamStore first load', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries the snapshot while the server is away, without an error, then follows the live stream', async () => {
    const { store, api, connect } = setup();
    api.snapshot.mockRejectedValueOnce(new ApiError(503, 'database_unavailable', 'away', undefined, 2)).mockRejectedValueOnce(new ApiError(0, 'network', 'no'));
    await store.start();
    expect(store.error.value).toBeNull();
    expect(store.live.value).toBe('reconnecting');
    expect(connect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.snapshot).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2500);
    expect(api.snapshot).toHaveBeenCalledTimes(3);
    expect(store.seq).toBe(10);
    expect(connect).toHaveBeenCalledTimes(1);
    store.stop();
  });

  it('still reports a refusal in words', async () => {
    const { store, api } = setup();
    api.snapshot.mockRejectedValueOnce(new ApiError(403, 'forbidden', 'You were removed from this jam'));
    await store.start();
    expect(store.error.value).toBe('You were removed from this jam');
  });
});
