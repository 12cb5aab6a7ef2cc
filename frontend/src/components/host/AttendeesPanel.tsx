import { api } from '../../api/client';
import type { Attendee } from '../../api/types';
import type { JamStore } from '../../stores/jamStore';
import { showError } from '../Toast';

export function AttendeesPanel({
  store,
  token,
  attendees,
  setAttendees,
}: {
  store: JamStore;
  token: string;
  attendees: Attendee[] | null;
  setAttendees: (fn: (list: Attendee[] | null) => Attendee[] | null) => void;
}) {
  const jamId = store.state.value!.jam.id;
  const remove = async (attendee: Attendee, ban: boolean) => {
    const question = ban ? `Remove ${attendee.name} and keep them out of this jam?` : `Remove ${attendee.name} from the jam?`;
    if (!confirm(question)) return;
    try {
      await api.removeAttendee(token, jamId, attendee.id, ban);
      setAttendees((list) => (list ? list.filter((a) => a.id !== attendee.id) : list));
    } catch (error) {
      showError(error);
    }
  };
  return (
    <section class="card" aria-labelledby="attendees-title">
      <h2 id="attendees-title">People ({attendees?.length ?? store.state.value!.attendeeCount})</h2>
      {!attendees ? (
        <p class="muted">Loading…</p>
      ) : attendees.length === 0 ? (
        <p class="muted">Nobody has joined yet. Share the QR code!</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {attendees.map((a) => (
            <li key={a.id} class="spread" style={{ borderBottom: '1px solid var(--border)', padding: '0.35rem 0' }}>
              <span class="grow">
                {a.name}
                {a.instruments.length > 0 && <span class="muted small"> · {a.instruments.join(', ')}</span>}
              </span>
              <span class="row">
                <button type="button" class="ghost" onClick={() => remove(a, false)} aria-label={`Remove ${a.name}`}>
                  Remove
                </button>
                <button type="button" class="ghost danger" onClick={() => remove(a, true)} aria-label={`Ban ${a.name}`}>
                  Ban
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
