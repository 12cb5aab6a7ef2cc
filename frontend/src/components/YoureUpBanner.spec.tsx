import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Performer } from '../api/types';
import { youreUp } from '../stores/lineup';
import { item } from '../test/fixtures';
import { buzz } from '../utils/alert';
import { YoureUpBanner } from './YoureUpBanner';

const me: Performer = { attendeeId: 7, name: 'Me', instrument: 'bass', state: 'in' };
const song = item('s1', { title: 'Superstition', artist: 'Stevie Wonder', performers: [me] });

describe('YoureUpBanner', () => {
  afterEach(cleanup);

  it('alerts once when my song becomes next, and again when it starts', () => {
    const onAlert = vi.fn();
    const { rerender } = render(<YoureUpBanner up={null} onAlert={onAlert} />);
    expect(screen.queryByTestId('youre-up')).toBeNull();
    expect(onAlert).not.toHaveBeenCalled();

    rerender(<YoureUpBanner up={youreUp(null, [song], 7)} onAlert={onAlert} />);
    expect(screen.getByRole('alert').textContent).toContain("You're up next");
    expect(screen.getByRole('alert').textContent).toContain('you play bass');
    expect(onAlert).toHaveBeenCalledTimes(1);

    rerender(<YoureUpBanner up={youreUp(null, [{ ...song, votes: 3 }], 7)} onAlert={onAlert} />);
    expect(onAlert).toHaveBeenCalledTimes(1);

    rerender(<YoureUpBanner up={youreUp({ ...song, status: 'playing' }, [], 7)} onAlert={onAlert} />);
    expect(screen.getByRole('alert').textContent).toContain("You're on now");
    expect(onAlert).toHaveBeenCalledTimes(2);
  });

  it('offers sound only as a tap, since browsers refuse sound before one', () => {
    render(<YoureUpBanner up={youreUp(null, [song], 7)} onAlert={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Play a sound when I’m up' }).getAttribute('aria-pressed')).toBe('false');
  });
});

describe('buzz', () => {
  it('vibrates where the browser allows it and does nothing where it does not', () => {
    const vibrate = vi.fn(() => true);
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
    expect(buzz()).toBe(true);
    expect(vibrate).toHaveBeenCalledWith([200, 100, 200]);
    Object.defineProperty(navigator, 'vibrate', { value: undefined, configurable: true });
    expect(buzz()).toBe(false);
  });
});
