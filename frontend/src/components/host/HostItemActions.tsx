import type { QueueItem } from '../../api/types';
import { t } from '../../i18n';

export interface ItemActionsProps {
  item: QueueItem;
  index: number;
  count: number;
  onPlay: () => void;
  onPin: () => void;
  onMove: (to: number) => void;
  onSlots: () => void;
  onRemove: () => void;
}

export function HostItemActions({ item, index, count, onPlay, onPin, onMove, onSlots, onRemove }: ItemActionsProps) {
  return (
    <>
      <button type="button" class="primary" onClick={onPlay}>
        {t('actions.play')}
        <span class="sr-only">: {item.title}</span>
      </button>
      <button type="button" aria-pressed={item.pinned} onClick={onPin} aria-label={t('actions.pinLabel', { title: item.title })}>
        {t('actions.pin')}
      </button>
      <button type="button" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('actions.upLabel', { title: item.title })}>
        ↑
      </button>
      <button type="button" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={t('actions.downLabel', { title: item.title })}>
        ↓
      </button>
      <button type="button" onClick={onSlots} aria-label={t('actions.slotsLabel', { title: item.title })}>
        {t('actions.slots')}
      </button>
      <button type="button" class="danger" onClick={onRemove} aria-label={t('actions.removeLabel', { title: item.title })}>
        {t('common.remove')}
      </button>
    </>
  );
}
