import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api/client';
import type { Recap } from '../api/types';
import { ActivityChart } from '../components/ActivityChart';
import { SetlistButtons } from '../components/host/SetlistButtons';
import { hostToken } from '../stores/session';
import { t, tn, type TextKey } from '../i18n';
import { formatWhen, performerLine } from '../utils/format';
import { shareLink, type ShareOutcome } from '../utils/share';

const shareMessages: Record<ShareOutcome, TextKey | null> = {
  shared: 'recap.shared',
  copied: 'recap.copied',
  cancelled: null,
  failed: 'recap.copyFailed',
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
        <h1>{t(code === 'jam_not_ended' ? 'recap.notOver' : code === 'not_found' ? 'recap.noSuchJam' : 'recap.none')}</h1>
        <p>
          {code === 'jam_not_ended' ? t('recap.appearsWhenEnded') : describeError(failure)}{' '}
          <a href={code === 'not_found' ? '/' : `/jams/${slug}`}>{t(code === 'not_found' ? 'recap.seeJams' : 'recap.backToJam')}</a>.
        </p>
      </div>
    );
  }
  if (!recap) return <p class="muted">{t('recap.loading')}</p>;

  const { jam, numbers, setlist, mostVoted, activity } = recap;
  const token = hostToken();
  const share = async () => {
    const outcome = await shareLink({
      title: t('recap.shareTitle', { jam: jam.name }),
      text: tn('recap.shareText', numbers.songsPlayed, { jam: jam.name }),
      url: `${location.origin}/jams/${jam.slug}/recap`,
    });
    const message = shareMessages[outcome];
    setShared(message ? t(message) : '');
  };
  const figures: [TextKey, number][] = [
    ['recap.people', numbers.people],
    ['recap.suggestions', numbers.suggestions],
    ['recap.votes', numbers.votes],
    ['recap.songsPlayed', numbers.songsPlayed],
    ['recap.players', numbers.players],
  ];

  return (
    <div class="stack recap">
      <header class="jam-head">
        {jam.posterUrl && <img class="poster" src={jam.posterUrl} alt="" width={96} height={96} />}
        <div class="grow">
          <p class="label">{t('recap.title')}</p>
          <h1>{jam.name}</h1>
          <p class="muted small" style={{ margin: 0 }}>
            {formatWhen(jam.startsAt)}
            {jam.venue ? ` · ${jam.venue.name}` : ''}
          </p>
        </div>
      </header>
      <div class="row">
        <button type="button" class="primary" onClick={share}>
          {t('recap.share')}
        </button>
        <a class="button" href={`/jams/${jam.slug}`}>
          {t('recap.jamPage')}
        </a>
        {token && <SetlistButtons jamId={jam.id} slug={jam.slug} token={token} />}
        <span role="status" class="small" data-testid="share-status">
          {shared}
        </span>
      </div>

      <section class="card" aria-labelledby="numbers-title">
        <h2 id="numbers-title">{t('recap.numbers')}</h2>
        <dl class="numbers">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div class="two-col">
        <section class="card" aria-labelledby="setlist-title">
          <h2 id="setlist-title">{t('recap.setlist')}</h2>
          {setlist.length === 0 ? (
            <p class="muted">{t('recap.noSongs')}</p>
          ) : (
            <ol class="setlist">
              {setlist.map((song) => (
                <li key={song.id}>
                  <strong>{song.title}</strong>
                  {song.artist && ` — ${song.artist}`}
                  {song.key && <span class="tag">{t('recap.inKey', { key: song.key })}</span>}
                  {song.performers.length > 0 && <div class="small muted">{performerLine(song.performers)}</div>}
                </li>
              ))}
            </ol>
          )}
        </section>
        <div class="stack">
          <section class="card" aria-labelledby="voted-title">
            <h2 id="voted-title">{t('recap.mostVoted')}</h2>
            {mostVoted.length === 0 ? (
              <p class="muted">{t('recap.nobodyVoted')}</p>
            ) : (
              <ol class="most-voted">
                {mostVoted.map((song) => (
                  <li key={song.id}>
                    {song.title}
                    {song.artist && ` — ${song.artist}`} <span class="muted small">
                      · {tn('item.votes', song.votes)}
                      {song.played ? '' : t('recap.notPlayed')}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section class="card" aria-labelledby="activity-title">
            <h2 id="activity-title">{t('recap.activity')}</h2>
            <ActivityChart buckets={activity.buckets} bucketMinutes={activity.bucketMinutes} />
          </section>
        </div>
      </div>
    </div>
  );
}
