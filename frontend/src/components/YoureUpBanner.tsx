import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { alertKey, type YoureUp } from '../stores/lineup';
import { buzz, chime, disableSound, enableSound, soundEnabled } from '../utils/alert';
import { instrumentName, listOf } from '../utils/format';

interface Props {
  up: YoureUp | null;
  /** For tests: what happens when a new alert comes. */
  onAlert?: () => void;
}

function alertNow(): void {
  buzz();
  chime();
}

/**
 * The performer's "you're up" banner: when a song they are in the line-up of becomes next, and again
 * when it starts. Each of those moments buzzes and chimes once (sound only once switched on with a tap).
 */
export function YoureUpBanner({ up, onAlert = alertNow }: Props) {
  const key = alertKey(up);
  const alerted = useRef<string | null>(null);
  const [sound, setSound] = useState(soundEnabled());

  useEffect(() => {
    if (key && key !== alerted.current) onAlert();
    alerted.current = key;
  }, [key]);

  const toggleSound = () => {
    if (sound) disableSound();
    else enableSound();
    setSound(soundEnabled());
  };
  const soundButton = (
    <button type="button" class="small" aria-pressed={sound} onClick={toggleSound}>
      {sound ? t('up.soundOn') : t('up.soundOff')}
    </button>
  );

  if (!up) return <div class="row">{soundButton}</div>;
  return (
    <section class={`youre-up ${up.phase}`} role="alert" data-testid="youre-up">
      <span class="label">{up.phase === 'now' ? t('up.now') : t('up.next')}</span>
      <strong>{up.item.title}</strong>
      <span>
        {up.item.artist ? `${up.item.artist} · ` : ''}
        {t('up.youPlay', { instruments: listOf(up.instruments.map(instrumentName)) })}
        {up.phase === 'next' ? t('up.getReady') : ''}
      </span>
      <div class="row" style={{ marginTop: '0.5rem' }}>
        {soundButton}
      </div>
    </section>
  );
}
