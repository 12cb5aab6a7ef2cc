import { t } from '../i18n';
import { needsLine, type Wanted } from '../stores/lineup';
import { instrumentName } from '../utils/format';

interface Props {
  wanted: Wanted[];
  onTake: (wanted: Wanted) => void;
}

/** Songs with a slot nobody has taken, for an instrument this person plays: "Superstition needs a bass player". */
export function WantedSlots({ wanted, onTake }: Props) {
  if (wanted.length === 0) return null;
  return (
    <section class="card wanted" aria-labelledby="wanted-title" data-testid="wanted">
      <h2 id="wanted-title">{t('wanted.title')}</h2>
      <ul>
        {wanted.map((w) => (
          <li key={`${w.item.id}-${w.instrument}`}>
            <span>{needsLine(w.item.title, w.instrument)}</span>
            <button type="button" class="primary" onClick={() => onTake(w)}>
              {t('wanted.take', { instrument: instrumentName(w.instrument) })}
              <span class="sr-only">{t('wanted.on', { title: w.item.title })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
