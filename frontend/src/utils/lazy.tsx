import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/** A component loaded as its own chunk on first render (pages, the chord-sheet renderer). */
export function lazy<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  fallback: () => JSX.Element | null = () => <p class="muted">{t('common.loading')}</p>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (pending ??= load().then(
      (module) => (loaded = module.default),
      (error) => {
        pending = null;
        throw error;
      },
    ));

  return function Lazy(props: P) {
    const [, setTick] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      start().then(
        () => live && setTick((n) => n + 1),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (failed) return <p class="error">{t('error.chunk')}</p>;
    if (!loaded) return fallback();
    const Loaded = loaded;
    return <Loaded {...props} />;
  };
}
