import type { Id, Performer, PerformerState, QueueItem } from '../api/types';
import { isTextKey, t } from '../i18n';
import { instrumentName } from '../utils/format';

/**
 * Line-ups as the server decides them (backend `LineupRepository`): a song has one slot per instrument in
 * `openSlots`; an instrument not listed has no limit. A sign-up takes a free slot (`in`) or waits on the
 * bench. The fair order puts who has played fewest songs tonight first (when the jam prefers new players),
 * then who signed up first.
 */

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const isIn = (p: Performer): boolean => p.state !== 'bench';

/** The song's slots for an instrument; 0 means anyone may play it. */
export function slotsFor(item: QueueItem, instrument: string): number {
  return item.openSlots.filter((slot) => same(slot, instrument)).length;
}

/** What a sign-up would get now: the server decides, this is what to show until it answers. */
export function stateOnSignUp(item: QueueItem, instrument: string): PerformerState {
  const slots = slotsFor(item, instrument);
  const taken = item.performers.filter((p) => same(p.instrument, instrument) && isIn(p)).length;
  return slots === 0 || taken < slots ? 'in' : 'bench';
}

/** The instruments whose slot nobody holds yet. */
export function openSlots(item: QueueItem): string[] {
  return item.openSlots.filter((slot, index) => {
    const before = item.openSlots.slice(0, index).filter((s) => same(s, slot)).length;
    const taken = item.performers.filter((p) => same(p.instrument, slot) && isIn(p)).length;
    return taken <= before;
  });
}

export interface Played {
  songs: number;
  /** Songs per instrument, lower case. */
  instruments: Record<string, number>;
}

/** What each person has played tonight: the played songs whose line-up they were in. */
export function playedCounts(items: QueueItem[]): Map<Id, Played> {
  const counts = new Map<Id, Played>();
  for (const item of items) {
    if (item.status !== 'played') continue;
    const seen = new Set<Id>();
    for (const p of item.performers.filter(isIn)) {
      const entry = counts.get(p.attendeeId) ?? { songs: 0, instruments: {} };
      if (!seen.has(p.attendeeId)) entry.songs += 1;
      seen.add(p.attendeeId);
      const instrument = p.instrument.toLowerCase();
      entry.instruments[instrument] = (entry.instruments[instrument] ?? 0) + 1;
      counts.set(p.attendeeId, entry);
    }
  }
  return counts;
}

export interface Volunteer {
  performer: Performer;
  played: number;
  /** Place in the fair order, from 1. */
  rank: number;
  /** What confirming the line-up would make of this sign-up. */
  proposed: PerformerState;
}

export interface InstrumentLineup {
  instrument: string;
  /** 0: no limit. */
  slots: number;
  volunteers: Volunteer[];
}

function byId(a: Id, b: Id): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** A song's volunteers per instrument in the fair order, with what confirming would decide. */
export function fairLineup(item: QueueItem, played: Map<Id, Played>, preferNewPlayers: boolean): InstrumentLineup[] {
  const groups = new Map<string, Performer[]>();
  for (const p of item.performers) {
    const key = p.instrument.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((performers) => {
    const instrument = performers[0].instrument;
    const slots = slotsFor(item, instrument);
    const playedBy = (p: Performer) => played.get(p.attendeeId)?.songs ?? 0;
    const sorted = performers.slice().sort((a, b) => {
      if (preferNewPlayers && playedBy(a) !== playedBy(b)) return playedBy(a) - playedBy(b);
      // Not answered yet: last. ISO times from one server compare as text.
      const at = (a.signedUpAt ?? '~').localeCompare(b.signedUpAt ?? '~');
      return at || byId(a.attendeeId, b.attendeeId);
    });
    return {
      instrument,
      slots,
      volunteers: sorted.map((performer, index) => ({
        performer,
        played: playedBy(performer),
        rank: index + 1,
        proposed: slots === 0 || index < slots ? 'in' : 'bench',
      })),
    };
  });
}

/** More volunteers than slots for some instrument: the host has a line-up to confirm. */
export function isContested(item: QueueItem): boolean {
  const instruments = new Set(item.performers.map((p) => p.instrument.toLowerCase()));
  return [...instruments].some((instrument) => {
    const slots = slotsFor(item, instrument);
    return slots > 0 && item.performers.filter((p) => same(p.instrument, instrument)).length > slots;
  });
}

/** The person's sign-ups on a song. */
export function placesOf(item: QueueItem, attendeeId: Id | null): Performer[] {
  return attendeeId === null ? [] : item.performers.filter((p) => p.attendeeId === attendeeId);
}

/** "Superstition needs a bass player", "Hey Jude needs a drummer". */
export function needsLine(title: string, instrument: string): string {
  const player = `player.${instrument.toLowerCase()}`;
  return t('lineup.needs', {
    title,
    player: isTextKey(player) ? t(player) : t('player.any', { instrument: instrumentName(instrument) }),
  });
}

export interface Wanted {
  item: QueueItem;
  instrument: string;
}

/** Waiting songs with a free slot for an instrument the person plays and that they are not on yet. */
export function wantedFrom(queued: QueueItem[], attendeeId: Id | null, instruments: string[]): Wanted[] {
  if (attendeeId === null) return [];
  const wanted: Wanted[] = [];
  for (const item of queued) {
    if (placesOf(item, attendeeId).length > 0) continue;
    const open = openSlots(item).find((slot) => instruments.some((i) => same(i, slot)));
    if (open) wanted.push({ item, instrument: open });
  }
  return wanted;
}

export interface YoureUp {
  /** `next`: the song is at the top of the queue; `now`: it is playing. */
  phase: 'next' | 'now';
  item: QueueItem;
  instruments: string[];
}

/** The song the person is in the line-up of that is playing, or else next. */
export function youreUp(nowPlaying: QueueItem | null, queued: QueueItem[], attendeeId: Id | null): YoureUp | null {
  const mine = (item: QueueItem | null | undefined) => (item ? placesOf(item, attendeeId).filter(isIn).map((p) => p.instrument) : []);
  if (nowPlaying && mine(nowPlaying).length > 0) return { phase: 'now', item: nowPlaying, instruments: mine(nowPlaying) };
  const next = queued[0];
  if (next && mine(next).length > 0) return { phase: 'next', item: next, instruments: mine(next) };
  return null;
}

/** Identifies one alert: a song becoming next and the same song starting are two. */
export function alertKey(up: YoureUp | null): string | null {
  return up ? `${up.phase}:${up.item.id}` : null;
}
