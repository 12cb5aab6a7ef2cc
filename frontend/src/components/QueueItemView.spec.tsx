import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { item } from '../test/fixtures';
import { QueueItemView } from './QueueItemView';

describe('QueueItemView', () => {
  afterEach(cleanup);

  it('renders a title with markup as text', () => {
    const { container } = render(<QueueItemView item={item('i1', { title: '<img src=x onerror=alert(1)>' })} />);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows the vote state and toggles it', () => {
    const onToggle = vi.fn();
    render(<QueueItemView item={item('i1', { title: 'Hey Jude', votes: 3 })} vote={{ voted: true, disabled: false, onToggle }} />);
    const button = screen.getByRole('button', { name: /for Hey Jude/ });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.textContent).toContain('3');
    fireEvent.click(button);
    expect(onToggle).toHaveBeenCalledOnce();
  });

  it('marks a song whose write waits for the server, in words a screen reader says too', () => {
    const { container, rerender } = render(<QueueItemView item={item('i1')} />);
    expect(screen.queryByTestId('pending')).toBeNull();
    rerender(<QueueItemView item={item('i1')} pending />);
    expect(screen.getByTestId('pending').textContent).toMatch(/^sending… it will go through when the connection is back$/);
    expect(container.querySelector('article')!.getAttribute('aria-busy')).toBe('true');
  });

  it('offers my instruments, preferring an open slot, and signs up with the chosen one', () => {
    const onSignUp = vi.fn();
    render(
      <QueueItemView
        item={item('i1', { title: 'Hey Jude', openSlots: ['bass'] })}
        signUp={{ myId: 'me', instruments: ['guitar', 'bass'], disabled: false, onSignUp, onWithdraw: vi.fn() }}
      />,
    );
    const select = screen.getByLabelText('Instrument for Hey Jude') as HTMLSelectElement;
    expect(select.value).toBe('bass');
    fireEvent.click(screen.getByRole('button', { name: "I'll play" }));
    expect(onSignUp).toHaveBeenCalledWith('bass');
  });

  it('lets a performer leave instead of signing up again', () => {
    const onWithdraw = vi.fn();
    render(
      <QueueItemView
        item={item('i1', { performers: [{ attendeeId: 'me', name: 'Ana', instrument: 'guitar' }] })}
        signUp={{ myId: 'me', instruments: ['guitar'], disabled: false, onSignUp: vi.fn(), onWithdraw }}
      />,
    );
    expect(screen.queryByRole('button', { name: "I'll play" })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Leave guitar' }));
    expect(onWithdraw).toHaveBeenCalledWith('guitar');
  });

  it('shows open slots nobody has taken yet', () => {
    render(
      <QueueItemView
        item={item('i1', { openSlots: ['bass', 'drums'], performers: [{ attendeeId: 'b', name: 'Ben', instrument: 'bass' }] })}
      />,
    );
    expect(screen.getByText('needs drums')).toBeTruthy();
    expect(screen.queryByText('needs bass')).toBeNull();
  });

  it("tells me whether I'm in or on the bench for this one", () => {
    const control = { myId: 'me', instruments: ['bass'], disabled: false, onSignUp: vi.fn(), onWithdraw: vi.fn() };
    const { rerender } = render(
      <QueueItemView item={item('i1', { openSlots: ['bass'], performers: [{ attendeeId: 'me', name: 'Me', instrument: 'bass', state: 'in' }] })} signUp={control} />,
    );
    expect(screen.getByTestId('my-place').textContent).toBe("You're in: bass");
    rerender(
      <QueueItemView
        item={item('i1', {
          openSlots: ['bass'],
          performers: [
            { attendeeId: 'b', name: 'Ben', instrument: 'bass', state: 'in' },
            { attendeeId: 'me', name: 'Me', instrument: 'bass', state: 'bench' },
          ],
        })}
        signUp={control}
      />,
    );
    expect(screen.getByTestId('my-place').textContent).toBe("You're on the bench for this one");
    expect(screen.getByText(/Me · bass/).textContent).toContain('(bench)');
    expect(screen.queryByText('needs bass')).toBeNull();
  });

  it('keeps a slot open while only the bench wants it', () => {
    render(<QueueItemView item={item('i1', { openSlots: ['bass'], performers: [{ attendeeId: 'b', name: 'Ben', instrument: 'bass', state: 'bench' }] })} />);
    expect(screen.getByText('needs bass')).toBeTruthy();
  });
});
