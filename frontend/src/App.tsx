import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Layout } from './components/Layout';
import { locale, t } from './i18n';
import { currentPath, matchRoute, type Route } from './router';
import { lazy } from './utils/lazy';

const pages: Record<Route['name'], ComponentType<any>> = {
  home: lazy(() => import('./pages/HomePage')),
  join: lazy(() => import('./pages/JoinPage')),
  jam: lazy(() => import('./pages/JamPage')),
  host: lazy(() => import('./pages/HostPage')),
  stage: lazy(() => import('./pages/StagePage')),
  recap: lazy(() => import('./pages/RecapPage')),
  songs: lazy(() => import('./pages/SongsPage')),
  admin: lazy(() => import('./pages/AdminPage')),
  cohost: lazy(() => import('./pages/CoHostPage')),
  notFound: lazy(() => import('./pages/NotFoundPage')),
};


/** After a client-side navigation, move focus to the new page so screen readers start there. */
function useFocusOnNavigation(path: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('content')?.focus({ preventScroll: true });
  }, [path]);
}

export function App() {
  const route = matchRoute(currentPath.value);
  const Page = pages[route.name];
  useEffect(() => {
    document.title = `${t(`title.${route.name}`)} · ${t('app.name')}`;
  }, [route.name, locale.value]);
  useFocusOnNavigation(currentPath.value);
  // The stage screen is a TV: no header, no chrome.
  if (route.name === 'stage') return <Page {...route.params} />;
  return (
    <Layout>
      <Page key={currentPath.value} {...route.params} />
    </Layout>
  );
}
