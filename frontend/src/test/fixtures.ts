import type { Jam, JamEvent, QueueItem, Snapshot } from '../api/types';

export function jam(over: Partial<Jam> = {}): Jam {
  return {
    id: 'j1',
    slug: 'friday-blues',
    joinCode: 'ABC123',
    name: 'Friday Blues',
    venue: { id: 'v1', name: 'The Cellar' },
    startsAt: '2026-11-27T19:00:00Z',
    description: null,
    posterUrl: null,
    status: 'live',
    maxSuggestionsPerAttendee: 3,
    maxPerformancesPerAttendee: 3,
    votingOpen: true,
    suggestionsOpen: true,
    playKey: null,
    capo: 0,
    joinUrl: 'http://localhost/j/ABC123',
    ...over,
  };
}

export function item(id: string, over: Partial<QueueItem> = {}): QueueItem {
  return {
    id,
    songId: null,
    title: `Song ${id}`,
    artist: 'Artist',
    key: null,
    link: null,
    hasChords: false,
    suggestedBy: { id: 'a1', name: 'Ana' },
    status: 'queued',
    pinned: false,
    position: Number(id.replace(/\D/g, '')) || 0,
    votes: 0,
    performers: [],
    openSlots: [],
    createdAt: '2026-11-27T19:00:00Z',
    ...over,
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    jam: jam(),
    queue: [item('i1'), item('i2')],
    attendeeCount: 2,
    flags: { voting: true, suggestions: true, performer_signup: true, chord_sheets: true, uploads: true, public_jam_list: true },
    seq: 10,
    viewerToken: 'viewer-token',
    ...over,
  };
}

export function voteEvent(seq: number, itemId: string, votes: number): JamEvent {
  return { seq, type: 'vote.changed', jamId: 'j1', at: '', data: { itemId, votes } };
}
