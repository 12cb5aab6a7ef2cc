import type { Id, QueueItem } from '../api/types';
import { Dialog } from './Dialog';
import { SheetPanel } from './SheetPanel';

interface Props {
  jamId: Id;
  item: QueueItem;
  token: string | null;
  playKey: string | null;
  onClose: () => void;
}

export function SheetDialog({ jamId, item, token, playKey, onClose }: Props) {
  return (
    <Dialog title={`${item.title} — ${item.artist}`} onClose={onClose}>
      <SheetPanel jamId={jamId} itemId={item.id} token={token} playKey={item.status === 'playing' ? playKey : null} />
    </Dialog>
  );
}
