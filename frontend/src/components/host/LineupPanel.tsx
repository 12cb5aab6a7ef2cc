import type { Id, Performer, QueueItem } from '../../api/types';
import { fairLineup, isContested, isIn, type Played } from '../../stores/lineup';
import { plural } from '../../utils/format';

interface Props {
  item: QueueItem;
  played: Map<Id, Played>;
  preferNewPlayers: boolean;
  /** Offer "not here" for each performer in the line-up (the song is next or playing). */
  skippable: boolean;
  onConfirm: () => void;
  onSkip: (performer: Performer) => void;
}

/**
 * The host's view of a song's line-up: per instrument, the volunteers in the fair order with what each
 * has played tonight; one tap confirms it, one tap skips a performer who is not there.
 */
export function LineupPanel({ item, played, preferNewPlayers, skippable, onConfirm, onSkip }: Props) {
  const contested = isContested(item);
  if (item.performers.length === 0 || (!contested && !skippable)) return null;
  const groups = fairLineup(item, played, preferNewPlayers);
  return (
    <div class="lineup" data-testid="lineup">
      {groups.map((group) => (
        <div key={group.instrument}>
          <span class="small muted">
            {group.instrument}
            {group.slots > 0 && ` · ${plural(group.slots, 'slot')}`}
          </span>
          <ol aria-label={`${group.instrument} for ${item.title}`}>
            {group.volunteers.map((v) => (
              <li key={`${v.performer.attendeeId}`} data-testid="volunteer">
                {v.performer.name} <span class="small muted">· played {v.played}</span>{' '}
                <span class={`tag${isIn(v.performer) ? '' : ' bench'}`}>{isIn(v.performer) ? 'in' : 'bench'}</span>
                {contested && v.proposed !== (v.performer.state ?? 'in') && <span class="small"> → {v.proposed}</span>}
                {skippable && isIn(v.performer) && (
                  <>
                    {' '}
                    <button
                      type="button"
                      class="small"
                      onClick={() => onSkip(v.performer)}
                      aria-label={`Skip ${v.performer.name} (${v.performer.instrument}) on ${item.title}: not here`}
                    >
                      Not here
                    </button>
                  </>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
      <div class="row">
        {contested && (
          <button type="button" class="primary" onClick={onConfirm} aria-label={`Confirm the line-up of ${item.title}`}>
            Confirm line-up
          </button>
        )}
        {item.lineupConfirmed && <span class="tag">line-up confirmed</span>}
        {contested && <span class="small muted">{preferNewPlayers ? 'Fewest songs played first, then first to sign up' : 'First to sign up first'}</span>}
      </div>
    </div>
  );
}
