// The service worker (/sw.js, scope /). It caches the app shell of one build (index.html and its hashed
// assets) when it installs, so a phone on flaky venue Wi-Fi reopens the app at once and, with no network at
// all, shows the app reconnecting instead of the browser's error page. The API, the live stream, health,
// metrics and docs are never cached. A deployment changes BUILD, so the browser installs the new worker on
// the next open, and the new worker deletes the caches of older builds.

// Written by the build (serviceWorker() in vite.config.ts): a hash of the build and the files of its shell.
const BUILD = '__BUILD__';
const SHELL = ['__SHELL__'];

const CACHE = `jamanager-${BUILD}`;
const PAGE = '/index.html';
/** The server's own paths (as in SpaRoutes): always the network, never a cached answer. */
const SERVER_PATHS = /^\/(api|eventbus|health|metrics|docs)(\/|$)/;
/** How long opening a page waits for the network before the cached shell answers. */
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // The page bypasses the HTTP cache (it has no hash in its name); the assets are immutable.
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: path === PAGE ? 'reload' : 'default' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('jamanager-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || SERVER_PATHS.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(openPage(request));
  } else {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
  }
});

/**
 * Network first, so a new deployment's page wins whenever the server answers; the cached shell when the
 * network fails, stalls, or a proxy answers 5xx while the server restarts.
 */
async function openPage(request) {
  const network = fetch(request);
  network.catch(() => {}); // answered from the cache below; nothing to report
  const stalled = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, stalled]);
    if (response && response.status < 500) return response;
  } catch {
    // no network: the shell below
  }
  return (await caches.match(PAGE, { cacheName: CACHE })) ?? network;
}
