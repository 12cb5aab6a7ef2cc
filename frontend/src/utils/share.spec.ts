import { describe, expect, it, vi } from 'vitest';
import { shareLink } from './share';

const data = { title: 'Recap', text: '3 songs played', url: 'https://jam.example/jams/friday/recap' };

describe('shareLink', () => {
  it('opens the share sheet where there is one, and copies nothing', async () => {
    const share = vi.fn().mockResolvedValue(undefined);
    const writeText = vi.fn();
    expect(await shareLink(data, { share, clipboard: { writeText } as unknown as Clipboard })).toBe('shared');
    expect(share).toHaveBeenCalledWith(data);
    expect(writeText).not.toHaveBeenCalled();
  });

  it('copies the link when the browser has no share sheet', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    expect(await shareLink(data, { clipboard: { writeText } as unknown as Clipboard })).toBe('copied');
    expect(writeText).toHaveBeenCalledWith(data.url);
  });

  it('treats a closed share sheet as no failure, and copies when sharing is refused otherwise', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    const clipboard = { writeText } as unknown as Clipboard;
    const closed = vi.fn().mockRejectedValue(new DOMException('closed', 'AbortError'));
    expect(await shareLink(data, { share: closed, clipboard })).toBe('cancelled');
    expect(writeText).not.toHaveBeenCalled();
    const refused = vi.fn().mockRejectedValue(new DOMException('no', 'NotAllowedError'));
    expect(await shareLink(data, { share: refused, clipboard })).toBe('copied');
  });

  it('fails when copying is not allowed either', async () => {
    const writeText = vi.fn().mockRejectedValue(new DOMException('no', 'NotAllowedError'));
    expect(await shareLink(data, { clipboard: { writeText } as unknown as Clipboard })).toBe('failed');
    expect(await shareLink(data, {})).toBe('failed');
  });
});
