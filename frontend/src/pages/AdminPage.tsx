import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api/client';
import type { Flags, JamSummary } from '../api/types';
import { LoginForm } from '../components/LoginForm';
import { showError } from '../components/Toast';
import { isTextKey, t } from '../i18n';
import { host, hostToken } from '../stores/session';
import { formatWhen } from '../utils/format';

/** The flags we know, in the order shown; others (newer than this app) come after, by name. */
const FLAG_ORDER = ['voting', 'suggestions', 'performer_signup', 'chord_sheets', 'uploads', 'public_jam_list'];

const flagWords = (name: string) => {
  const key = `flag.${name}`;
  return isTextKey(key) ? t(key) : name;
};

const flagRank = (name: string) => {
  const rank = FLAG_ORDER.indexOf(name);
  return rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
};

export default function AdminPage() {
  if (!host.value) return <LoginForm />;
  return (
    <div class="stack">
      <h1>{t('title.admin')}</h1>
      <div class="two-col">
        <FlagsPanel />
        <section class="card">
          <h2>{t('admin.api')}</h2>
          <p>
            {t('admin.docs')} <a href="/docs">/docs</a>.
          </p>
        </section>
      </div>
      <AllJams />
    </div>
  );
}

function FlagsPanel() {
  const [flags, setFlags] = useState<Flags | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.flags().then(setFlags, (e) => setError(describeError(e)));
  }, []);

  const toggle = async (name: string, enabled: boolean) => {
    const token = hostToken();
    if (!token || !flags) return;
    setFlags({ ...flags, [name]: enabled });
    try {
      await api.setFlag(token, name, enabled);
    } catch (e) {
      setFlags({ ...flags, [name]: !enabled });
      showError(e);
    }
  };

  return (
    <section class="card" aria-labelledby="flags-title">
      <h2 id="flags-title">{t('admin.flags')}</h2>
      {error && <p class="error">{error}</p>}
      {flags &&
        Object.keys(flags)
          .sort((a, b) => flagRank(a) - flagRank(b) || a.localeCompare(b))
          .map((name) => (
          <div key={name}>
            <label class="check">
              <input type="checkbox" checked={flags[name]} onChange={(e) => toggle(name, (e.target as HTMLInputElement).checked)} />
              {flagWords(name)}
            </label>
          </div>
        ))}
    </section>
  );
}

function AllJams() {
  const [jams, setJams] = useState<JamSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api.jams(hostToken(), true).then(setJams, (e) => setError(describeError(e)));
  useEffect(() => void load(), []);

  const remove = async (jam: JamSummary) => {
    const token = hostToken();
    if (!token || !confirm(t('admin.confirmDelete', { name: jam.name }))) return;
    try {
      await api.deleteJam(token, jam.id);
      void load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <section class="card" aria-labelledby="all-jams-title">
      <h2 id="all-jams-title">{t('admin.allJams')}</h2>
      {error && <p class="error">{error}</p>}
      {jams && jams.length === 0 && <p class="muted">{t('admin.noJams')}</p>}
      {jams && jams.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.jam')}</th>
                <th scope="col">{t('admin.when')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">
                  <span class="sr-only">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jams.map((jam) => (
                <tr key={jam.id}>
                  <td>
                    <a href={`/jams/${jam.slug}/host`}>{jam.name}</a>
                  </td>
                  <td class="small">{formatWhen(jam.startsAt)}</td>
                  <td>
                    <span class={`status ${jam.status}`}>{t(`status.${jam.status}`)}</span>
                  </td>
                  <td>
                    <button type="button" class="danger" onClick={() => remove(jam)} aria-label={t('admin.deleteLabel', { name: jam.name })}>
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
