import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { SuggestForm } from './SuggestForm';

function fill(title: string, artist: string) {
  fireEvent.input(screen.getByLabelText('Title'), { target: { value: title } });
  fireEvent.input(screen.getByLabelText('Artist'), { target: { value: artist } });
  fireEvent.submit(screen.getByRole('button', { name: 'Add to the queue' }).closest('form')!);
}

describe('SuggestForm', () => {
  // The library search while typing finds nothing.
  beforeEach(() => vi.stubGlobal('fetch', vi.fn().mockImplementation(async () => new Response('[]', { status: 200 }))));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says how many suggestions are left, and stops at none', () => {
    const { rerender } = render(<SuggestForm suggestionsLeft={2} onSuggest={vi.fn()} />);
    expect(screen.getByText('2 suggestions left')).toBeTruthy();
    rerender(<SuggestForm suggestionsLeft={0} onSuggest={vi.fn()} />);
    expect(screen.getByText(/used all your suggestions/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add to the queue' })).toBeNull();
  });

  it('hands a free entry to the store and clears the form when it is added', async () => {
    const onSuggest = vi.fn().mockResolvedValue(undefined);
    render(<SuggestForm suggestionsLeft={null} onSuggest={onSuggest} />);
    fill('Hey Jude', 'The Beatles');
    await waitFor(() => expect(onSuggest).toHaveBeenCalled());
    expect(onSuggest.mock.calls[0][0]).toEqual({ title: 'Hey Jude', artist: 'The Beatles' });
    expect(onSuggest.mock.calls[0][1]).toEqual({ title: 'Hey Jude', artist: 'The Beatles' });
    await waitFor(() => expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe(''));
  });

  it("shows the server's words when the jam refuses", async () => {
    const onSuggest = vi.fn().mockRejectedValue(new ApiError(409, 'suggestion_limit', 'You have used your 3 suggestions'));
    render(<SuggestForm suggestionsLeft={1} onSuggest={onSuggest} />);
    fill('X', 'Y');
    expect((await screen.findByRole('alert')).textContent).toBe('You have used your 3 suggestions');
  });

  it('frees the form while a suggestion waits for the server, without an error', async () => {
    let land!: () => void;
    const onSuggest = vi.fn((_body, _shown, onPending: () => void) => {
      onPending();
      return new Promise<void>((resolve) => (land = resolve));
    });
    render(<SuggestForm suggestionsLeft={null} onSuggest={onSuggest} />);
    fill('Hey Jude', 'The Beatles');
    expect((await screen.findByTestId('suggest-waiting')).textContent).toMatch(/Hey Jude.*waiting for the connection/);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
    land();
    await waitFor(() => expect(screen.queryByTestId('suggest-waiting')).toBeNull());
  });
});
