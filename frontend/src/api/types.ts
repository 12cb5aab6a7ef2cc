/** Ids are numbers from the server; the client only compares and interpolates them. */
export type Id = string | number;

export type JamStatus = 'scheduled' | 'live' | 'ended';
export type ItemStatus = 'queued' | 'playing' | 'played' | 'skipped';

export interface Venue {
  id: Id;
  name: string;
  address?: string | null;
}

export interface Jam {
  id: Id;
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
  requireApproval?: boolean;
  /** Line-ups put people who have played fewer songs tonight first; off: first come, first served. */
  preferNewPlayers?: boolean;
  playKey: string | null;
  capo: number;
  joinUrl: string;
}

export type JamSummary = Pick<Jam, 'id' | 'slug' | 'joinCode' | 'name' | 'venue' | 'startsAt' | 'status'> &
  Partial<Jam>;

/** `in` holds a slot (or the instrument has no slots); `bench` volunteered when the slots were taken. */
export type PerformerState = 'in' | 'bench';

export interface Performer {
  attendeeId: Id;
  name: string;
  instrument: string;
  /** Absent only on a sign-up shown before the server answered. */
  state?: PerformerState;
  signedUpAt?: string;
}

export interface QueueItem {
  id: Id;
  songId: Id | null;
  title: string;
  artist: string;
  key: string | null;
  link: string | null;
  hasChords: boolean;
  suggestedBy: { id: Id; name: string } | null;
  status: ItemStatus;
  pinned: boolean;
  position: number;
  votes: number;
  performers: Performer[];
  /** One slot per instrument listed; sign-ups beyond it go to the bench. */
  openSlots: string[];
  lineupConfirmed?: boolean;
  createdAt: string;
}

export interface Attendee {
  id: Id;
  name: string;
  instruments: string[];
}

export interface Me {
  attendee: Attendee;
  votedItemIds: Id[];
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
  | EventOf<'queue.removed', { itemId: Id }>
  | EventOf<'vote.changed', { itemId: Id; votes: number }>
  | EventOf<'performers.changed', { itemId: Id; performers: Performer[] }>
  | EventOf<'nowplaying.changed', { items: QueueItem[] }>
  | EventOf<'attendees.count', { count: number }>
  | EventOf<'jam.updated', { jam?: Jam } & Partial<Jam>>
  | EventOf<'queue.reordered', { items: { id: Id; pinned: boolean; position: number }[] }>
  /** Every item at once, e.g. after the host removed an attendee with their songs and votes. */
  | EventOf<'queue.replaced', { items: QueueItem[] }>
  /** The host confirmed the line-up, or skipped a performer who is not there (their slots went to the bench). */
  | EventOf<'lineup.changed', LineupChange>;

export interface LineupChange {
  itemId: Id;
  performers: Performer[];
  lineupConfirmed: boolean;
  skipped?: Id;
  promoted?: { attendeeId: Id; instrument: string }[];
}

export interface EventOf<T extends string, D> {
  seq: number;
  type: T;
  jamId: Id;
  at: string;
  data: D;
}

export interface Song {
  id: Id;
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

/** A co-host link as the host sees it; its code is shown once, when it is created. */
export interface CoHostLink {
  id: Id;
  jamId: Id;
  name: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  redeemedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface CoHostCreated {
  link: CoHostLink;
  /** `{PUBLIC_URL}/cohost#code=…`: the only time the code is shown. */
  url: string;
  /** The QR code of `url`, an SVG document. */
  qrSvg: string;
}

export interface CoHostAnswer {
  token: string;
  expiresAt: string;
  role: 'cohost';
  jamId: Id;
  slug: string;
  cohost: { id: Id; name: string };
}

export interface LoginAnswer {
  token: string;
  expiresAt: string;
  role: 'host';
}

/** The recap of an ended night (GET /jams/{ref}/recap). */
export interface Recap {
  jam: Omit<Jam, 'joinUrl'>;
  /** In the order played; performers are the line-up, not the bench. */
  setlist: { id: Id; title: string; artist: string; key: string | null; votes: number; playedAt: string; performers: { name: string; instrument: string }[] }[];
  mostVoted: { id: Id; title: string; artist: string; votes: number; played: boolean }[];
  numbers: { people: number; suggestions: number; votes: number; songsPlayed: number; players: number };
  activity: { bucketMinutes: number; buckets: ActivityBucket[] };
}

export interface ActivityBucket {
  /** Start of the bucket. */
  at: string;
  votes: number;
}
