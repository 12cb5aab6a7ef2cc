// The test webroot's service worker.
self.addEventListener('fetch', () => {});
