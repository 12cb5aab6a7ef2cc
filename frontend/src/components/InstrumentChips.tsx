import { INSTRUMENTS } from '../config';
import { instrumentName } from '../utils/format';

interface Props {
  legend: string;
  value: string[];
  onChange: (value: string[]) => void;
  options?: readonly string[];
}

/** Toggle chips for instruments: each is a button with aria-pressed, so screen readers hear the state. */
export function InstrumentChips({ legend, value, onChange, options = INSTRUMENTS }: Props) {
  const toggle = (instrument: string) =>
    onChange(value.includes(instrument) ? value.filter((v) => v !== instrument) : [...value, instrument]);
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="chips">
        {options.map((instrument) => (
          <button
            type="button"
            class="chip"
            key={instrument}
            aria-pressed={value.includes(instrument)}
            onClick={() => toggle(instrument)}
          >
            {instrumentName(instrument)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
