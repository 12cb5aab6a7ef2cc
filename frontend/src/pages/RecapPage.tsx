import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api/client';
import type { Recap } from '../api/types';
import { ActivityChart } from '../components/ActivityChart';
import { SetlistButtons } from '../components/host/SetlistButtons';
import { hostToken } from '../stores/session';
import { formatWhen, performerLine, plural } from '../utils/format';
import { shareLink, type ShareOutcome } from '../utils/share';

const shareMessages: Record<ShareOutcome, string> = {
  shared: 'Shared.',
  copied: 'Link copied to the clipboard.',
  cancelled: '',
  failed: 'Copying is not allowed here: copy the address from the address bar.',
};

export default function RecapPage({ slug }: { slug: string }) {
  const [recap, setRecap] = useState<Recap | null>(null);
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const [shared, setShared] = useState('');

  useEffect(() => {
    api.recap(slug).then(setRecap, setFailure);
  }, [slug]);

  if (failure) {
    const code = failure instanceof ApiError ? failure.code : '';
    return (
      <div class="card">
        <h1>{code === 'jam_not_ended' ? 'The night is not over yet' : code === 'not_found' ? 'No such jam' : 'No recap'}</h1>
        <p>
          {code === 'jam_not_ended' ? 'The recap appears once the jam has ended.' : describeError(failure)}{' '}
          <a href={code === 'not_found' ? '/' : `/jams/${slug}`}>{code === 'not_found' ? 'See the jams' : 'Back to the jam'}</a>.
        </p>
      </div>
    );
  }
  if (!recap) return <p class="muted">Loading the recap…</p>;

  const { jam, numbers, setlist, mostVoted, activity } = recap;
  const token = hostToken();
  const share = async () => {
    const outcome = await shareLink({
      title: `${jam.name}: recap`,
      text: `${plural(numbers.songsPlayed, 'song')} played at ${jam.name}`,
      url: `${location.origin}/jams/${jam.slug}/recap`,
    });
    setShared(shareMessages[outcome]);
  };
  const figures: [string, number][] = [
    ['People', numbers.people],
    ['Suggestions', numbers.suggestions],
    ['Votes', numbers.votes],
    ['Songs played', numbers.songsPlayed],
    ['Players', numbers.players],
  ];

  return (
    <div class="stack recap">
      <header class="jam-head">
        {jam.posterUrl && <img class="poster" src={jam.posterUrl} alt="" width={96} height={96} />}
        <div class="grow">
          <p class="label">Recap of the night</p>
          <h1>{jam.name}</h1>
          <p class="muted small" style={{ margin: 0 }}>
            {formatWhen(jam.startsAt)}
            {jam.venue ? ` · ${jam.venue.name}` : ''}
          </p>
        </div>
      </header>
      <div class="row">
        <button type="button" class="primary" onClick={share}>
          Share the recap
        </button>
        <a class="button" href={`/jams/${jam.slug}`}>
          Jam page
        </a>
        {token && <SetlistButtons jamId={jam.id} slug={jam.slug} token={token} />}
        <span role="status" class="small" data-testid="share-status">
          {shared}
        </span>
      </div>

      <section class="card" aria-labelledby="numbers-title">
        <h2 id="numbers-title">The night in numbers</h2>
        <dl class="numbers">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div class="two-col">
        <section class="card" aria-labelledby="setlist-title">
          <h2 id="setlist-title">Setlist</h2>
          {setlist.length === 0 ? (
            <p class="muted">No song was played.</p>
          ) : (
            <ol class="setlist">
              {setlist.map((song) => (
                <li key={song.id}>
                  <strong>{song.title}</strong>
                  {song.artist && ` — ${song.artist}`}
                  {song.key && <span class="tag">in {song.key}</span>}
                  {song.performers.length > 0 && <div class="small muted">{performerLine(song.performers)}</div>}
                </li>
              ))}
            </ol>
          )}
        </section>
        <div class="stack">
          <section class="card" aria-labelledby="voted-title">
            <h2 id="voted-title">Most voted</h2>
            {mostVoted.length === 0 ? (
              <p class="muted">Nobody voted.</p>
            ) : (
              <ol class="most-voted">
                {mostVoted.map((song) => (
                  <li key={song.id}>
                    {song.title}
                    {song.artist && ` — ${song.artist}`} <span class="muted small">
                      · {plural(song.votes, 'vote')}
                      {song.played ? '' : ' (not played)'}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section class="card" aria-labelledby="activity-title">
            <h2 id="activity-title">Votes over the evening</h2>
            <ActivityChart buckets={activity.buckets} bucketMinutes={activity.bucketMinutes} />
          </section>
        </div>
      </div>
    </div>
  );
}
