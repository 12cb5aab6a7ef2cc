import { useEffect } from 'preact/hooks';

/**
 * Keeps the screen on while the page is visible (the stage screen on a TV, the host console on a phone by
 * the stage). Browsers drop a wake lock when the page is hidden, so it is asked for again each time the
 * page becomes visible, and given back when the page hides or the component unmounts. Without the Wake
 * Lock API, or when the browser refuses (low battery), the screen simply follows its own settings.
 */
export function useWakeLock(): void {
  useEffect(() => {
    const wakeLock = navigator.wakeLock;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinel | null = null;
    let requesting = false;
    let mounted = true;

    const acquire = async () => {
      if (sentinel || requesting || document.visibilityState !== 'visible') return;
      requesting = true;
      try {
        const granted = await wakeLock.request('screen');
        if (mounted && document.visibilityState === 'visible') {
          sentinel = granted;
          granted.addEventListener('release', () => {
            if (sentinel === granted) sentinel = null;
          });
        } else {
          await granted.release();
        }
      } catch {
        // refused: the screen follows its own settings
      } finally {
        requesting = false;
      }
    };
    const release = () => {
      const held = sentinel;
      sentinel = null;
      held?.release().catch(() => {});
    };
    const onVisibility = () => (document.visibilityState === 'visible' ? acquire() : release());

    void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      mounted = false;
      document.removeEventListener('visibilitychange', onVisibility);
      release();
    };
  }, []);
}
