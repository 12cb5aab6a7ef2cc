import { useState } from 'preact/hooks';
import type { QueueItem } from '../../api/types';
import { Dialog } from '../Dialog';
import { InstrumentChips } from '../InstrumentChips';

export function SlotsDialog({ item, onClose, onSave }: { item: QueueItem; onClose: () => void; onSave: (slots: string[]) => void }) {
  const [slots, setSlots] = useState(item.openSlots);
  return (
    <Dialog title={`Players wanted: ${item.title}`} onClose={onClose}>
      <InstrumentChips legend="Which instruments should people sign up for?" value={slots} onChange={setSlots} />
      <div class="row">
        <button type="button" class="primary" onClick={() => onSave(slots)}>
          Save
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
