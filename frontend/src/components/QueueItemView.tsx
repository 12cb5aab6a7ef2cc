import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Id, QueueItem } from '../api/types';
import { INSTRUMENTS } from '../config';
import { t, tn } from '../i18n';
import { isIn, openSlots, placesOf } from '../stores/lineup';
import { instrumentName } from '../utils/format';

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
            {item.pinned && <span class="tag">{t('item.pinned')}</span>}
            {item.suggestedBy && <span>{t('item.suggestedBy', { name: item.suggestedBy.name })}</span>}
            {mine && <span class="tag mine">{t('item.yours')}</span>}
            {pending && (
              <span class="tag pending" data-testid="pending">
                {t('item.sending')}
                <span class="sr-only">{t('item.sendingHint')}</span>
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
            <span class="word">{vote.voted ? t('item.voted') : t('item.vote')}</span>
            <span class="sr-only">{t('item.voteFor', { title: item.title })}</span>
          </button>
        ) : (
          <span class="vote small muted" aria-label={tn('item.votes', item.votes)}>
            <span class="count" data-testid="votes">
              {item.votes}
            </span>
            <span class="word">{t('item.votesWord')}</span>
          </span>
        )}
      </div>
      {(item.performers.length > 0 || open.length > 0) && (
        <ul class="chips" aria-label={t('item.players')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {item.performers.map((p) => (
            <li
              class={`tag${signUp && p.attendeeId === signUp.myId ? ' mine' : ''}${isIn(p) ? '' : ' bench'}`}
              key={`${p.attendeeId}-${p.instrument}`}
            >
              {p.name} · {instrumentName(p.instrument)}
              {!isIn(p) && t('item.bench')}
            </li>
          ))}
          {open.map((slot, index) => (
            <li class="tag open" key={`open-${slot}-${index}`}>
              {t('item.needs', { instrument: instrumentName(slot) })}
            </li>
          ))}
        </ul>
      )}
      {performing.length > 0 && (
        <p class={`my-place${benched ? ' bench' : ' in'}`} data-testid="my-place">
          {benched
            ? t('item.onBench')
            : t('item.youreIn', {
                instruments: performing
                  .filter(isIn)
                  .map((p) => instrumentName(p.instrument))
                  .join(', '),
              })}
        </p>
      )}
      <div class="item-actions">
        {onChords && (
          <button type="button" onClick={onChords} aria-label={t('item.chordsFor', { title: item.title })}>
            {t('common.chords')}
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
              {t('item.leave', { instrument: instrumentName(p.instrument) })}
            </button>
          ))}
        {signUp && performing.length === 0 && choices.length > 0 && (
          <>
            <label class="sr-only" for={`play-${item.id}`}>
              {t('item.instrumentFor', { title: item.title })}
            </label>
            <select
              id={`play-${item.id}`}
              value={chosen}
              disabled={signUp.disabled}
              onChange={(e) => setInstrument((e.target as HTMLSelectElement).value)}
            >
              {choices.map((c) => (
                <option value={c} key={c}>
                  {instrumentName(c)}
                </option>
              ))}
            </select>
            <button type="button" disabled={signUp.disabled || !chosen} onClick={() => signUp.onSignUp(chosen)}>
              {t('item.play')}
            </button>
          </>
        )}
        {actions}
      </div>
      {lineup}
    </article>
  );
}
