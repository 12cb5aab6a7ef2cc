import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { item } from '../test/fixtures';
import { SuggestForm } from './SuggestForm';

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('SuggestForm', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says how many suggestions are left, and stops at none', () => {
    const { rerender } = render(<SuggestForm jamId="j1" token="t" suggestionsLeft={2} onAdded={vi.fn()} />);
    expect(screen.getByText('2 suggestions left')).toBeTruthy();
    rerender(<SuggestForm jamId="j1" token="t" suggestionsLeft={0} onAdded={vi.fn()} />);
    expect(screen.getByText(/used all your suggestions/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add to the queue' })).toBeNull();
  });

  it('sends a free entry and hands the new item back', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(201, item('i9', { title: 'Hey Jude' })));
    vi.stubGlobal('fetch', fetch);
    const onAdded = vi.fn();
    render(<SuggestForm jamId="j1" token="t" suggestionsLeft={null} onAdded={onAdded} />);
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Hey Jude' } });
    fireEvent.input(screen.getByLabelText('Artist'), { target: { value: 'The Beatles' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add to the queue' }).closest('form')!);
    await waitFor(() => expect(onAdded).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls.find(([u]) => String(u).endsWith('/queue'))!;
    expect(url).toBe('/api/v1/jams/j1/queue');
    expect(JSON.parse(init.body)).toEqual({ title: 'Hey Jude', artist: 'The Beatles' });
  });

  it("shows the server's words when the jam refuses", async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(403, { status: 403, error: 'suggestions_closed', message: 'Suggestions are closed right now' })));
    render(<SuggestForm jamId="j1" token="t" suggestionsLeft={1} onAdded={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'X' } });
    fireEvent.input(screen.getByLabelText('Artist'), { target: { value: 'Y' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add to the queue' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('Suggestions are closed right now');
  });
});
