import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InstrumentChips } from './InstrumentChips';

describe('InstrumentChips', () => {
  afterEach(cleanup);

  it('toggles instruments on and off', () => {
    const onChange = vi.fn();
    const { rerender } = render(<InstrumentChips legend="Plays" value={['bass']} onChange={onChange} />);
    expect(screen.getByRole('button', { name: 'bass' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'drums' }));
    expect(onChange).toHaveBeenLastCalledWith(['bass', 'drums']);
    rerender(<InstrumentChips legend="Plays" value={['bass', 'drums']} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'bass' }));
    expect(onChange).toHaveBeenLastCalledWith(['drums']);
  });
});
