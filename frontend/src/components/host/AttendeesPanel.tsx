import { api } from '../../api/client';
import type { Attendee } from '../../api/types';
import { t } from '../../i18n';
import type { JamStore } from '../../stores/jamStore';
import { instrumentName } from '../../utils/format';
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
    const question = t(ban ? 'people.confirmBan' : 'people.confirmRemove', { name: attendee.name });
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
      <h2 id="attendees-title">{t('people.title', { count: attendees?.length ?? store.state.value!.attendeeCount })}</h2>
      {!attendees ? (
        <p class="muted">{t('common.loading')}</p>
      ) : attendees.length === 0 ? (
        <p class="muted">{t('people.none')}</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {attendees.map((a) => (
            <li key={a.id} class="spread" style={{ borderBottom: '1px solid var(--border)', padding: '0.35rem 0' }}>
              <span class="grow">
                {a.name}
                {a.instruments.length > 0 && <span class="muted small"> · {a.instruments.map(instrumentName).join(', ')}</span>}
              </span>
              <span class="row">
                <button type="button" class="ghost" onClick={() => remove(a, false)} aria-label={t('people.removeLabel', { name: a.name })}>
                  {t('common.remove')}
                </button>
                <button type="button" class="ghost danger" onClick={() => remove(a, true)} aria-label={t('people.banLabel', { name: a.name })}>
                  {t('people.ban')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
