import { useEffect, useMemo } from 'preact/hooks';
import { JamStore, type JamStoreOptions } from './jamStore';

/** One store per jam page: created for the slug, started on mount, stopped on unmount. */
export function useJamStore(key: string, options: JamStoreOptions): JamStore {
  const store = useMemo(() => new JamStore(key, options), [key]);
  useEffect(() => {
    void store.start();
    return () => store.stop();
  }, [store]);
  return store;
}
