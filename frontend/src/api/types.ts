export type JamStatus = 'scheduled' | 'live' | 'ended';
export type ItemStatus = 'queued' | 'playing' | 'played' | 'skipped';

export interface Venue {
  id: string;
  name: string;
  address?: string | null;
}

export interface Jam {
  id: string;
  slug: string;
  joinCode: string;
  name: string;
  venue: Venue | null;
  startsAt: string;
  description?: string | null;
  posterUrl: string | null;
  status: JamStatus;
  maxSuggestionsPerAttendee: number | null;
  maxPerformancesPerAttendee: number | null;
  votingOpen: boolean;
  suggestionsOpen: boolean;
  playKey: string | null;
  capo: number;
  joinUrl: string;
}

export type JamSummary = Pick<Jam, 'id' | 'slug' | 'joinCode' | 'name' | 'venue' | 'startsAt' | 'status'> &
  Partial<Jam>;

export interface Performer {
  attendeeId: string;
  name: string;
  instrument: string;
}

export interface QueueItem {
  id: string;
  songId: string | null;
  title: string;
  artist: string;
  key: string | null;
  link: string | null;
  hasChords: boolean;
  suggestedBy: { id: string; name: string } | null;
  status: ItemStatus;
  pinned: boolean;
  position: number;
  votes: number;
  performers: Performer[];
  openSlots: string[];
  createdAt: string;
}

export interface Attendee {
  id: string;
  name: string;
  instruments: string[];
}

export interface Me {
  attendee: Attendee;
  votedItemIds: string[];
  suggestionsLeft: number | null;
  performancesLeft: number | null;
}

export interface Flags {
  voting: boolean;
  suggestions: boolean;
  performer_signup: boolean;
  chord_sheets: boolean;
  uploads: boolean;
  public_jam_list: boolean;
  [name: string]: boolean;
}

export interface Snapshot {
  jam: Jam;
  queue: QueueItem[];
  attendeeCount: number;
  flags: Flags;
  seq: number;
  viewerToken: string;
  me?: Me;
}

export type JamEvent =
  | EventOf<'queue.added', { item: QueueItem }>
  | EventOf<'queue.updated', { item: QueueItem }>
  | EventOf<'queue.removed', { itemId: string }>
  | EventOf<'vote.changed', { itemId: string; votes: number }>
  | EventOf<'performers.changed', { itemId: string; performers: Performer[] }>
  | EventOf<'nowplaying.changed', { items: QueueItem[] }>
  | EventOf<'attendees.count', { count: number }>
  | EventOf<'jam.updated', { jam: Jam }>
  | EventOf<'queue.reordered', { items: { id: string; pinned: boolean; position: number }[] }>;

export interface EventOf<T extends string, D> {
  seq: number;
  type: T;
  jamId: string;
  at: string;
  data: D;
}

export interface Song {
  id: string;
  title: string;
  artist: string;
  key: string | null;
  link: string | null;
  chordText?: string | null;
  hasChords?: boolean;
}

export interface Sheet {
  title: string;
  artist: string;
  key: string | null;
  link: string | null;
  chordText: string | null;
  searchUrl: string | null;
}

export interface LoginAnswer {
  token: string;
  expiresAt: string;
  role: 'host';
}
