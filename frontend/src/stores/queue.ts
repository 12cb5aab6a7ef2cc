import type { Id, JamEvent, QueueItem } from '../api/types';
import type { Snapshot } from '../api/types';
import type { SuggestBody } from '../api/client';
import { stateOnSignUp } from './lineup';

export type JamState = Omit<Snapshot, 'queue'> & { items: QueueItem[] };

export function fromSnapshot(snapshot: Snapshot): JamState {
  const { queue, ...rest } = snapshot;
  return { ...rest, items: queue };
}

function upsert(items: QueueItem[], item: QueueItem): QueueItem[] {
  const index = items.findIndex((it) => it.id === item.id);
  if (index < 0) return [...items, item];
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

function patch(items: QueueItem[], id: Id, change: Partial<QueueItem>): QueueItem[] {
  return items.map((it) => (it.id === id ? { ...it, ...change } : it));
}

/** Applies one event to the state; pure, ignores seq (the store orders events). */
export function reduce(state: JamState, event: JamEvent): JamState {
  switch (event.type) {
    case 'queue.added':
    case 'queue.updated':
      return { ...state, items: upsert(state.items, event.data.item) };
    case 'queue.removed':
      return { ...state, items: state.items.filter((it) => it.id !== event.data.itemId) };
    case 'vote.changed':
      return { ...state, items: patch(state.items, event.data.itemId, { votes: event.data.votes }) };
    case 'performers.changed':
      return { ...state, items: patch(state.items, event.data.itemId, { performers: event.data.performers }) };
    case 'lineup.changed': {
      const { itemId, performers, lineupConfirmed } = event.data;
      return { ...state, items: patch(state.items, itemId, { performers, lineupConfirmed }) };
    }
    case 'nowplaying.changed':
      return { ...state, items: event.data.items.reduce(upsert, state.items) };
    case 'attendees.count':
      return { ...state, attendeeCount: event.data.count };
    case 'jam.updated': {
      // The whole jam, or only the fields that changed (the poster upload sends {posterUrl}).
      const { jam, ...fields } = event.data;
      return { ...state, jam: { ...state.jam, ...(jam ?? fields) } };
    }
    case 'queue.replaced':
      return { ...state, items: event.data.items };
    case 'queue.reordered': {
      const moves = new Map(event.data.items.map((m) => [m.id, m]));
      return {
        ...state,
        items: state.items.map((it) => {
          const move = moves.get(it.id);
          return move ? { ...it, pinned: move.pinned, position: move.position } : it;
        }),
      };
    }
    default:
      return state;
  }
}

/** Someone acting in this jam, as the queue shows them. */
export interface Person {
  id: Id;
  name: string;
}

/** What a person asked for and the server has not confirmed yet. */
export type Intent =
  | { kind: 'vote'; itemId: Id; on: boolean }
  | { kind: 'play'; itemId: Id; instrument: string; on: boolean; who: Person }
  | { kind: 'suggest'; draftId: string; body: SuggestBody; title: string; artist: string; who: Person | null; at: string };

function event(state: JamState, e: Pick<JamEvent, 'type' | 'data'>): JamEvent {
  return { seq: 0, jamId: state.jam.id, at: '', ...e } as JamEvent;
}

function sameSong(item: QueueItem, intent: Extract<Intent, { kind: 'suggest' }>): boolean {
  if ('songId' in intent.body) return item.songId === intent.body.songId;
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return same(item.title, intent.title) && same(item.artist, intent.artist);
}

const less = (n: number | null) => (n === null ? null : Math.max(0, n - 1));
const more = (n: number | null) => (n === null ? null : n + 1);

/**
 * The state as it will be once the server takes the intent: the change goes through `reduce` as
 * the event the server would send. Returns the same state when the intent is already true there.
 */
export function applyIntent(state: JamState, intent: Intent): JamState {
  const me = state.me;
  if (intent.kind === 'suggest') {
    if (state.items.some((it) => it.status === 'queued' && sameSong(it, intent))) return state;
    const item: QueueItem = {
      id: intent.draftId,
      songId: 'songId' in intent.body ? intent.body.songId : null,
      title: intent.title,
      artist: intent.artist,
      key: null,
      link: null,
      hasChords: false,
      suggestedBy: intent.who,
      status: 'queued',
      pinned: false,
      position: 0,
      votes: 0,
      performers: [],
      openSlots: [],
      createdAt: intent.at,
    };
    const next = reduce(state, event(state, { type: 'queue.added', data: { item } }));
    return me ? { ...next, me: { ...me, suggestionsLeft: less(me.suggestionsLeft) } } : next;
  }
  const item = state.items.find((it) => it.id === intent.itemId);
  if (!item) return state;
  if (intent.kind === 'vote') {
    const voted = me?.votedItemIds.includes(intent.itemId) ?? false;
    if (voted === intent.on) return state;
    const votes = Math.max(0, item.votes + (intent.on ? 1 : -1));
    const next = reduce(state, event(state, { type: 'vote.changed', data: { itemId: item.id, votes } }));
    if (!me) return next;
    const votedItemIds = intent.on ? [...me.votedItemIds, item.id] : me.votedItemIds.filter((id) => id !== item.id);
    return { ...next, me: { ...me, votedItemIds } };
  }
  const mine = (p: { attendeeId: Id; instrument: string }) => p.attendeeId === intent.who.id && p.instrument === intent.instrument;
  if (item.performers.some(mine) === intent.on) return state;
  const performers = intent.on
    ? [...item.performers, { attendeeId: intent.who.id, name: intent.who.name, instrument: intent.instrument, state: stateOnSignUp(item, intent.instrument) }]
    : item.performers.filter((p) => !mine(p));
  const next = reduce(state, event(state, { type: 'performers.changed', data: { itemId: item.id, performers } }));
  if (!me) return next;
  return { ...next, me: { ...me, performancesLeft: intent.on ? less(me.performancesLeft) : more(me.performancesLeft) } };
}

export type SortBy = 'queue' | 'votes' | 'title' | 'artist';

/**
 * The queue order, the same as the server's snapshot: pinned songs first in the host's order
 * (position), then the most voted, then the oldest suggestion.
 */
export function queueOrder(a: QueueItem, b: QueueItem): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.pinned && a.position !== b.position) return a.position - b.position;
  if (a.votes !== b.votes) return b.votes - a.votes;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return String(a.id).localeCompare(String(b.id), undefined, { numeric: true });
}

/**
 * The changes that put `item` at `target` in the queue. Only pinned songs keep a place the host
 * chose, so the moved song and every song above it end up pinned, numbered in steps of 10.
 */
export function placeAt(queued: QueueItem[], item: QueueItem, target: number): { item: QueueItem; pinned: true; position: number }[] {
  const order = queued.filter((q) => q.id !== item.id);
  order.splice(Math.max(0, Math.min(target, order.length)), 0, item);
  return order
    .map((q, index) => ({ q, index }))
    .filter(({ q, index }) => index <= target || q.pinned)
    .map(({ q, index }) => ({ item: q, pinned: true as const, position: index * 10 }))
    .filter((change) => !change.item.pinned || change.item.position !== change.position);
}

export function sortItems(items: QueueItem[], by: SortBy): QueueItem[] {
  const copy = items.slice();
  const text = (key: 'title' | 'artist') => (a: QueueItem, b: QueueItem) =>
    a[key].localeCompare(b[key], undefined, { sensitivity: 'base' }) || queueOrder(a, b);
  if (by === 'title' || by === 'artist') return copy.sort(text(by));
  if (by === 'votes') return copy.sort((a, b) => b.votes - a.votes || queueOrder(a, b));
  return copy.sort(queueOrder);
}

export function queuedItems(state: JamState): QueueItem[] {
  return sortItems(
    state.items.filter((it) => it.status === 'queued'),
    'queue',
  );
}

export function nowPlaying(state: JamState): QueueItem | null {
  return state.items.find((it) => it.status === 'playing') ?? null;
}

export function playedItems(state: JamState): QueueItem[] {
  return state.items.filter((it) => it.status === 'played' || it.status === 'skipped');
}
