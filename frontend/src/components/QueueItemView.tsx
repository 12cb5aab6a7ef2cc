import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Id, QueueItem } from '../api/types';
import { INSTRUMENTS } from '../config';
import { isIn, openSlots, placesOf } from '../stores/lineup';
import { plural } from '../utils/format';

export interface VoteControl {
  voted: boolean;
  disabled: boolean;
  onToggle: () => void;
}

export interface SignUpControl {
  myId: Id;
  instruments: string[];
  disabled: boolean;
  onSignUp: (instrument: string) => void;
  onWithdraw: (instrument: string) => void;
}

interface Props {
  item: QueueItem;
  rank?: number;
  vote?: VoteControl;
  signUp?: SignUpControl;
  onChords?: () => void;
  /** Host controls, rendered under the song. */
  actions?: ComponentChildren;
  /** The host's line-up of the song, under its controls. */
  lineup?: ComponentChildren;
  mine?: boolean;
  /** A write of ours for this song waits for the server (slow or away): it will be retried. */
  pending?: boolean;
}

/** One song in the queue; all user text is rendered as text nodes. */
export function QueueItemView({ item, rank, vote, signUp, onChords, actions, lineup, mine, pending }: Props) {
  const performing = signUp ? placesOf(item, signUp.myId) : [];
  const open = openSlots(item);
  const choices = signUp ? (signUp.instruments.length ? signUp.instruments : [...INSTRUMENTS]) : [];
  const [instrument, setInstrument] = useState('');
  const chosen = instrument || open.find((s) => choices.includes(s)) || choices[0] || '';
  const benched = performing.length > 0 && !performing.some(isIn);
  const titleId = `item-${item.id}-title`;

  return (
    <article
      class={`queue-item${item.pinned ? ' pinned' : ''}${pending ? ' pending' : ''}`}
      aria-labelledby={titleId}
      aria-busy={pending || undefined}
      data-testid="queue-item"
    >
      <div class="main">
        {rank !== undefined && <span class="rank" aria-hidden="true">{rank}</span>}
        <div class="grow">
          <div class="title" id={titleId}>
            {item.title}
          </div>
          <div class="artist">{item.artist}</div>
          <div class="small muted meta">
            {item.pinned && <span class="tag">pinned</span>}
            {item.suggestedBy && <span>suggested by {item.suggestedBy.name}</span>}
            {mine && <span class="tag mine">yours</span>}
            {pending && (
              <span class="tag pending" data-testid="pending">
                sending…<span class="sr-only"> it will go through when the connection is back</span>
              </span>
            )}
          </div>
        </div>
        {vote ? (
          <button
            type="button"
            class="vote"
            aria-pressed={vote.voted}
            disabled={vote.disabled}
            onClick={vote.onToggle}
            data-testid="vote"
          >
            <span class="count" data-testid="votes">
              {item.votes}
            </span>
            <span class="word">{vote.voted ? 'voted' : 'vote'}</span>
            <span class="sr-only"> for {item.title}</span>
          </button>
        ) : (
          <span class="vote small muted" aria-label={plural(item.votes, 'vote')}>
            <span class="count" data-testid="votes">
              {item.votes}
            </span>
            <span class="word">votes</span>
          </span>
        )}
      </div>
      {(item.performers.length > 0 || open.length > 0) && (
        <ul class="chips" aria-label="Players" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {item.performers.map((p) => (
            <li
              class={`tag${signUp && p.attendeeId === signUp.myId ? ' mine' : ''}${isIn(p) ? '' : ' bench'}`}
              key={`${p.attendeeId}-${p.instrument}`}
            >
              {p.name} · {p.instrument}
              {!isIn(p) && ' (bench)'}
            </li>
          ))}
          {open.map((slot, index) => (
            <li class="tag open" key={`open-${slot}-${index}`}>
              needs {slot}
            </li>
          ))}
        </ul>
      )}
      {performing.length > 0 && (
        <p class={`my-place${benched ? ' bench' : ' in'}`} data-testid="my-place">
          {benched
            ? "You're on the bench for this one"
            : `You're in: ${performing
                .filter(isIn)
                .map((p) => p.instrument)
                .join(', ')}`}
        </p>
      )}
      <div class="item-actions">
        {onChords && (
          <button type="button" onClick={onChords} aria-label={`Chords for ${item.title}`}>
            Chords
          </button>
        )}
        {signUp &&
          performing.map((p) => (
            <button
              type="button"
              key={p.instrument}
              class="danger"
              disabled={signUp.disabled}
              onClick={() => signUp.onWithdraw(p.instrument)}
            >
              Leave {p.instrument}
            </button>
          ))}
        {signUp && performing.length === 0 && choices.length > 0 && (
          <>
            <label class="sr-only" for={`play-${item.id}`}>
              Instrument for {item.title}
            </label>
            <select
              id={`play-${item.id}`}
              value={chosen}
              disabled={signUp.disabled}
              onChange={(e) => setInstrument((e.target as HTMLSelectElement).value)}
            >
              {choices.map((c) => (
                <option value={c} key={c}>
                  {c}
                </option>
              ))}
            </select>
            <button type="button" disabled={signUp.disabled || !chosen} onClick={() => signUp.onSignUp(chosen)}>
              I'll play
            </button>
          </>
        )}
        {actions}
      </div>
      {lineup}
    </article>
  );
}
