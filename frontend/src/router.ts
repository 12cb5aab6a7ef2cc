import { signal } from '@preact/signals';

export type RouteName = 'home' | 'join' | 'jam' | 'host' | 'stage' | 'recap' | 'songs' | 'admin' | 'cohost';

export interface Route {
  name: RouteName | 'notFound';
  params: Record<string, string>;
}

const patterns: [RouteName, RegExp, string[]][] = [
  ['home', /^\/$/, []],
  ['join', /^\/j\/([^/]+)\/?$/, ['joinCode']],
  ['jam', /^\/jams\/([^/]+)\/?$/, ['slug']],
  ['host', /^\/jams\/([^/]+)\/host\/?$/, ['slug']],
  ['stage', /^\/jams\/([^/]+)\/stage\/?$/, ['slug']],
  ['recap', /^\/jams\/([^/]+)\/recap\/?$/, ['slug']],
  ['songs', /^\/songs\/?$/, []],
  ['admin', /^\/admin\/?$/, []],
  ['cohost', /^\/cohost\/?$/, []],
];

export function matchRoute(pathname: string): Route {
  for (const [name, pattern, keys] of patterns) {
    const match = pattern.exec(pathname);
    if (match) {
      const params: Record<string, string> = {};
      keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
      return { name, params };
    }
  }
  return { name: 'notFound', params: {} };
}

/** Whether a path belongs to the SPA (anything else, like /docs, is the server's). */
export function isAppPath(pathname: string): boolean {
  return matchRoute(pathname).name !== 'notFound';
}

export const currentPath = signal(typeof location === 'undefined' ? '/' : location.pathname);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin || !isAppPath(url.pathname)) {
    location.assign(url.toString());
    return;
  }
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  currentPath.value = url.pathname;
  window.scrollTo(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => (currentPath.value = location.pathname));
}

/** Turns clicks on same-origin app links into client-side navigation. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = (event.target as Element).closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !isAppPath(url.pathname)) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
