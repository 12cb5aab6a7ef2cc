/**
 * Registers /sw.js (the app shell's cache, see sw.js) in production builds only: under the dev server a
 * cached shell would hide every change. Registration waits for the page to load, so the worker's first
 * download of the shell does not compete with the page's own.
 */
export function registerServiceWorker(production: boolean, container: ServiceWorkerContainer | undefined = navigator.serviceWorker): void {
  if (!production || !container) return;
  const register = () => {
    container.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('service worker not registered', error));
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
