import { describe, expect, it } from 'vitest';
import type { Performer } from '../api/types';
import { item } from '../test/fixtures';
import {
  alertKey,
  fairLineup,
  isContested,
  needsLine,
  openSlots,
  playedCounts,
  stateOnSignUp,
  wantedFrom,
  youreUp,
} from './lineup';

const p = (attendeeId: number, name: string, instrument: string, state: 'in' | 'bench' = 'in', minute = 0): Performer => ({
  attendeeId,
  name,
  instrument,
  state,
  signedUpAt: `2026-11-27T20:${String(minute).padStart(2, '0')}:00.000000+00:00`,
});

// Ana (1) has played two songs tonight, Ben (2) one, Cy (3) none.
const night = [
  item('w1', { status: 'played', performers: [p(1, 'Ana', 'bass'), p(1, 'Ana', 'vocals'), p(2, 'Ben', 'guitar')] }),
  item('w2', { status: 'played', performers: [p(1, 'Ana', 'bass'), p(3, 'Cy', 'bass', 'bench')] }),
  item('w3', { status: 'skipped', performers: [p(3, 'Cy', 'drums')] }),
];

describe('played tonight', () => {
  it('counts the played songs each person was in, by instrument, and not the bench or skipped songs', () => {
    const counts = playedCounts(night);
    expect(counts.get(1)).toEqual({ songs: 2, instruments: { bass: 2, vocals: 1 } });
    expect(counts.get(2)).toEqual({ songs: 1, instruments: { guitar: 1 } });
    expect(counts.has(3)).toBe(false);
  });
});

describe('the fair order', () => {
  // Ana signed up first, then Ben, then Cy, for the one bass slot.
  const song = item('s1', {
    title: 'Superstition',
    openSlots: ['bass'],
    performers: [p(1, 'Ana', 'bass', 'in', 1), p(2, 'Ben', 'bass', 'bench', 2), p(3, 'Cy', 'bass', 'bench', 3), p(2, 'Ben', 'guitar', 'in', 2)],
  });

  it('puts who has played least first, then who signed up first, and proposes the slot to the first', () => {
    const [bass, guitar] = fairLineup(song, playedCounts(night), true);
    expect(bass.instrument).toBe('bass');
    expect(bass.slots).toBe(1);
    expect(bass.volunteers.map((v) => [v.performer.name, v.played, v.proposed])).toEqual([
      ['Cy', 0, 'in'],
      ['Ben', 1, 'bench'],
      ['Ana', 2, 'bench'],
    ]);
    expect(guitar.slots).toBe(0);
    expect(guitar.volunteers.map((v) => v.proposed)).toEqual(['in']);
  });

  it('is first come, first served when the host does not prefer new players', () => {
    const [bass] = fairLineup(song, playedCounts(night), false);
    expect(bass.volunteers.map((v) => v.performer.name)).toEqual(['Ana', 'Ben', 'Cy']);
  });

  it('breaks a tie in sign-up time by attendee id, as the server does', () => {
    const tied = item('s2', { openSlots: ['bass'], performers: [p(9, 'Zoe', 'bass', 'in', 5), p(4, 'Dan', 'bass', 'bench', 5)] });
    expect(fairLineup(tied, new Map(), true)[0].volunteers.map((v) => v.performer.name)).toEqual(['Dan', 'Zoe']);
  });

  it('sees a line-up to confirm only when an instrument has more volunteers than slots', () => {
    expect(isContested(song)).toBe(true);
    expect(isContested(item('s3', { openSlots: ['bass'], performers: [p(1, 'Ana', 'bass')] }))).toBe(false);
    expect(isContested(item('s4', { performers: [p(1, 'Ana', 'guitar'), p(2, 'Ben', 'guitar')] }))).toBe(false);
  });
});

describe('slots', () => {
  it('takes a free slot, and the bench once it is taken; an instrument without a slot has no limit', () => {
    const song = item('s1', { openSlots: ['bass'] });
    expect(stateOnSignUp(song, 'bass')).toBe('in');
    const taken = { ...song, performers: [p(1, 'Ana', 'Bass')] };
    expect(stateOnSignUp(taken, 'bass')).toBe('bench');
    expect(stateOnSignUp(taken, 'guitar')).toBe('in');
  });

  it('leaves a slot open while only the bench wants it', () => {
    expect(openSlots(item('s1', { openSlots: ['bass', 'drums'], performers: [p(1, 'Ana', 'bass', 'bench')] }))).toEqual(['bass', 'drums']);
    expect(openSlots(item('s1', { openSlots: ['bass', 'drums'], performers: [p(1, 'Ana', 'bass')] }))).toEqual(['drums']);
  });

  it('tells the people who play an instrument which songs need them, except songs they are on', () => {
    const queued = [
      item('s1', { title: 'Superstition', openSlots: ['bass'] }),
      item('s2', { title: 'Hey Jude', openSlots: ['drums'] }),
      item('s3', { title: 'Wonderwall', openSlots: ['bass'], performers: [p(7, 'Me', 'guitar')] }),
      item('s4', { title: 'Taken', openSlots: ['bass'], performers: [p(1, 'Ana', 'bass')] }),
    ];
    const wanted = wantedFrom(queued, 7, ['Bass']);
    expect(wanted.map((w) => needsLine(w.item.title, w.instrument))).toEqual(['Superstition needs a bass player']);
    expect(wantedFrom(queued, null, ['bass'])).toEqual([]);
    expect(needsLine('Hey Jude', 'drums')).toBe('Hey Jude needs a drummer');
  });
});

describe("you're up", () => {
  const next = item('s1', { title: 'Superstition', performers: [p(7, 'Me', 'bass'), p(8, 'Ben', 'guitar')] });
  const later = item('s2', { performers: [p(7, 'Me', 'vocals')] });

  it('is "next" when a song I am in is at the top of the queue, and "now" once it plays', () => {
    const up = youreUp(null, [next, later], 7);
    expect(up).toMatchObject({ phase: 'next', instruments: ['bass'] });
    expect(up!.item.id).toBe('s1');
    const playing = { ...next, status: 'playing' as const };
    expect(youreUp(playing, [later], 7)).toMatchObject({ phase: 'now', instruments: ['bass'] });
    expect(alertKey(youreUp(null, [next], 7))).not.toBe(alertKey(youreUp(playing, [later], 7)));
  });

  it('is nothing for a song further down, for the bench, or for someone else', () => {
    expect(youreUp(null, [item('x'), next], 7)).toBeNull();
    const benched = item('s1', { performers: [p(7, 'Me', 'bass', 'bench')] });
    expect(youreUp(null, [benched], 7)).toBeNull();
    expect(youreUp(null, [next], 99)).toBeNull();
    expect(alertKey(null)).toBeNull();
  });
});
