export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'failed';

type Sharer = Partial<Pick<Navigator, 'share' | 'clipboard'>>;

/**
 * Opens the system share sheet where there is one (phones), else copies the link. A share sheet the
 * person closed is not a failure; a share that fails otherwise (e.g. not allowed here) falls back to copying.
 */
export async function shareLink(data: { title: string; text: string; url: string }, nav: Sharer = navigator): Promise<ShareOutcome> {
  if (typeof nav.share === 'function') {
    try {
      await nav.share(data);
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
    }
  }
  try {
    if (!nav.clipboard) return 'failed';
    await nav.clipboard.writeText(data.url);
    return 'copied';
  } catch {
    return 'failed';
  }
}
