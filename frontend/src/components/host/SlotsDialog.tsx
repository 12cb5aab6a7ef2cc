import { useState } from 'preact/hooks';
import type { QueueItem } from '../../api/types';
import { t } from '../../i18n';
import { Dialog } from '../Dialog';
import { InstrumentChips } from '../InstrumentChips';

export function SlotsDialog({ item, onClose, onSave }: { item: QueueItem; onClose: () => void; onSave: (slots: string[]) => void }) {
  const [slots, setSlots] = useState(item.openSlots);
  return (
    <Dialog title={t('slots.title', { title: item.title })} onClose={onClose}>
      <InstrumentChips legend={t('slots.legend')} value={slots} onChange={setSlots} />
      <div class="row">
        <button type="button" class="primary" onClick={() => onSave(slots)}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
