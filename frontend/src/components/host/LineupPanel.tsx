import type { Id, Performer, QueueItem } from '../../api/types';
import { t, tn } from '../../i18n';
import { fairLineup, isContested, isIn, type Played } from '../../stores/lineup';
import { instrumentName } from '../../utils/format';

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
            {instrumentName(group.instrument)}
            {group.slots > 0 && tn('lineupPanel.slots', group.slots)}
          </span>
          <ol aria-label={t('lineupPanel.listLabel', { instrument: instrumentName(group.instrument), title: item.title })}>
            {group.volunteers.map((v) => (
              <li key={`${v.performer.attendeeId}`} data-testid="volunteer">
                {v.performer.name} <span class="small muted">{t('lineupPanel.played', { count: v.played })}</span>{' '}
                <span class={`tag${isIn(v.performer) ? '' : ' bench'}`}>{isIn(v.performer) ? t('lineupPanel.in') : t('lineupPanel.bench')}</span>
                {contested && v.proposed !== (v.performer.state ?? 'in') && <span class="small"> → {v.proposed === 'in' ? t('lineupPanel.in') : t('lineupPanel.bench')}</span>}
                {skippable && isIn(v.performer) && (
                  <>
                    {' '}
                    <button
                      type="button"
                      class="small"
                      onClick={() => onSkip(v.performer)}
                      aria-label={t('lineupPanel.skipLabel', {
                        name: v.performer.name,
                        instrument: instrumentName(v.performer.instrument),
                        title: item.title,
                      })}
                    >
                      {t('lineupPanel.notHere')}
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
          <button type="button" class="primary" onClick={onConfirm} aria-label={t('lineupPanel.confirmLabel', { title: item.title })}>
            {t('lineupPanel.confirm')}
          </button>
        )}
        {item.lineupConfirmed && <span class="tag">{t('lineupPanel.confirmed')}</span>}
        {contested && <span class="small muted">{preferNewPlayers ? t('lineupPanel.fair') : t('lineupPanel.first')}</span>}
      </div>
    </div>
  );
}
