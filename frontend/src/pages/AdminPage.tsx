import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api/client';
import type { Flags, JamSummary } from '../api/types';
import { LoginForm } from '../components/LoginForm';
import { showError } from '../components/Toast';
import { host, hostToken } from '../stores/session';
import { formatWhen } from '../utils/format';

const FLAG_WORDS: Record<string, string> = {
  voting: 'Voting on songs',
  suggestions: 'Song suggestions',
  performer_signup: 'Signing up to play',
  chord_sheets: 'Chord sheets',
  uploads: 'Poster uploads',
  public_jam_list: 'Public list of jams on the home page',
};

const flagRank = (name: string) => {
  const rank = Object.keys(FLAG_WORDS).indexOf(name);
  return rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
};

export default function AdminPage() {
  if (!host.value) return <LoginForm />;
  return (
    <div class="stack">
      <h1>Admin</h1>
      <div class="two-col">
        <FlagsPanel />
        <section class="card">
          <h2>API</h2>
          <p>
            The API reference lives at <a href="/docs">/docs</a>.
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
      <h2 id="flags-title">Feature flags</h2>
      {error && <p class="error">{error}</p>}
      {flags &&
        Object.keys(flags)
          .sort((a, b) => flagRank(a) - flagRank(b) || a.localeCompare(b))
          .map((name) => (
          <div key={name}>
            <label class="check">
              <input type="checkbox" checked={flags[name]} onChange={(e) => toggle(name, (e.target as HTMLInputElement).checked)} />
              {FLAG_WORDS[name] ?? name}
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
    if (!token || !confirm(`Delete “${jam.name}” and everything in it?`)) return;
    try {
      await api.deleteJam(token, jam.id);
      void load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <section class="card" aria-labelledby="all-jams-title">
      <h2 id="all-jams-title">All jams</h2>
      {error && <p class="error">{error}</p>}
      {jams && jams.length === 0 && <p class="muted">No jams yet.</p>}
      {jams && jams.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <table>
            <thead>
              <tr>
                <th scope="col">Jam</th>
                <th scope="col">When</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
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
                    <span class={`status ${jam.status}`}>{jam.status}</span>
                  </td>
                  <td>
                    <button type="button" class="danger" onClick={() => remove(jam)} aria-label={`Delete ${jam.name}`}>
                      Delete
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
