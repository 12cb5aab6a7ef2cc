import type { QueueItem } from '../../api/types';

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
        Play now<span class="sr-only">: {item.title}</span>
      </button>
      <button type="button" aria-pressed={item.pinned} onClick={onPin} aria-label={`Pin ${item.title}`}>
        Pin
      </button>
      <button type="button" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move ${item.title} up`}>
        ↑
      </button>
      <button type="button" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move ${item.title} down`}>
        ↓
      </button>
      <button type="button" onClick={onSlots} aria-label={`Slots for ${item.title}`}>
        Slots
      </button>
      <button type="button" class="danger" onClick={onRemove} aria-label={`Remove ${item.title}`}>
        Remove
      </button>
    </>
  );
}
