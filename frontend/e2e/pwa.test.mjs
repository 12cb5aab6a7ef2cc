// The installable app in a real Chromium against the real jar: the manifest and its icons, the service
// worker taking over, the jam page reopened with no network at all (the app shell, "Reconnecting…", never
// the browser's error page), a new deployment picked up on the next open, and the stage screen keeping the
// TV on. Run with `npm run e2e`; one file: `node --test e2e/pwa.test.mjs`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PHONE, TV, apiCall, axe, launchChromium, shoot } from './harness.mjs';
import { ACCESS_CODE, JAR, startPostgres, startServer } from './server.mjs';

const PHONE_AND_TV = [['phone', PHONE], ['tv', TV]];
const NEXT_BUILD = 'e2e-next-build';

// It stops the server and starts another build on the same port: not against a given URL or the mock.
const skip = process.env.E2E_BASE_URL || process.env.E2E_BACKEND === 'mock' ? 'needs its own server' : false;
let pg;
let server;
let browser;
let deployment;
const pageErrors = [];
const state = {};

before(async () => {
  if (skip) return;
  pg = await startPostgres();
  server = await startServer({ databaseUrl: pg.url });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  pg?.destroy();
  if (deployment) rmSync(deployment, { recursive: true, force: true });
});

const call = (method, path, body, token) => apiCall(server.baseUrl, method, path, body, token);

async function device(viewport) {
  // bypassCSP only so axe-core can be injected; the app itself runs under the server's CSP in every other way.
  const context = await browser.newContext({ viewport, bypassCSP: true, baseURL: server.baseUrl });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return { context, page };
}

/** The worker's caches and what they hold, as the page sees them. */
const caches = (page) =>
  page.evaluate(async () => {
    const names = await self.caches.keys();
    const paths = names.length ? (await (await self.caches.open(names[0])).keys()).map((r) => new URL(r.url).pathname) : [];
    return { names, paths };
  });

/** Waits until the worker's caches are exactly `name` (the new worker has activated and cleaned up). */
const onlyCache = (page, name) =>
  page.evaluate(async (expected) => {
    const deadline = Date.now() + 30000;
    let names;
    while (JSON.stringify((names = await self.caches.keys())) !== JSON.stringify([expected])) {
      if (Date.now() > deadline) throw new Error(`caches ${JSON.stringify(names)}, not only ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, name);

/** Reopens the page with the network gone: the browser offline and the server down. */
async function reopenOffline(page, context) {
  await server.kill();
  await context.setOffline(true);
  const response = await page.reload();
  assert.ok(response?.fromServiceWorker(), 'the page came from the service worker');
  assert.ok(!page.url().startsWith('chrome-error:'), `not the browser's error page: ${page.url()}`);
  await page.locator('.app-header').waitFor();
  await page.getByText('Reconnecting…').waitFor();
}

test('the manifest makes the app installable, with its icons at their sizes', { skip }, async () => {
  state.hostToken = (await call('POST', '/auth/login', { accessCode: ACCESS_CODE })).token;
  state.jam = await call('POST', '/jams', { name: 'Offline Night', startsAt: new Date(Date.now() + 3_600_000).toISOString() }, state.hostToken);
  await call('POST', `/jams/${state.jam.id}/start`, undefined, state.hostToken);

  state.phone = await device(PHONE);
  const { page } = state.phone;
  await page.goto('/');
  const head = await page.evaluate(() => ({
    manifest: document.querySelector('link[rel=manifest]')?.getAttribute('href'),
    appleIcon: document.querySelector('link[rel=apple-touch-icon]')?.getAttribute('href'),
    themeColor: document.querySelector('meta[name=theme-color]')?.getAttribute('content'),
    appleCapable: document.querySelector('meta[name=apple-mobile-web-app-capable]')?.getAttribute('content'),
  }));
  assert.deepEqual(head, { manifest: '/manifest.webmanifest', appleIcon: '/apple-touch-icon.png', themeColor: '#121016', appleCapable: 'yes' });

  const res = await page.request.get('/manifest.webmanifest');
  assert.equal(res.headers()['content-type'], 'application/manifest+json');
  const manifest = await res.json();
  assert.equal(manifest.name, 'JaManager');
  assert.ok(manifest.short_name && manifest.short_name.length <= 12, 'a short name fits under an icon');
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.theme_color, head.themeColor);
  const purposes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort();
  assert.deepEqual(purposes, ['192x192 any', '512x512 any', '512x512 maskable']);

  const icons = [...manifest.icons, { src: head.appleIcon, sizes: '180x180' }];
  const loaded = await page.evaluate(
    (srcs) =>
      Promise.all(
        srcs.map(async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          return `${img.naturalWidth}x${img.naturalHeight}`;
        }),
      ),
    icons.map((icon) => icon.src),
  );
  assert.deepEqual(loaded, icons.map((icon) => icon.sizes));
  const favicon = await page.request.get('/favicon.ico');
  assert.equal(favicon.status(), 200);
  assert.deepEqual([...(await favicon.body()).subarray(0, 4)], [0, 0, 1, 0], 'favicon.ico is an ICO file');
});

test('the stage screen keeps the TV on while it is shown, and lets go when hidden', { skip }, async () => {
  const { context, page } = await device(TV);
  await context.addInitScript(() => {
    // A recorded Wake Lock API, and a page whose visibility the test sets.
    window.__wakeLock = { requests: [], held: 0 };
    window.__hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible') });
    Object.defineProperty(Document.prototype, 'hidden', { get: () => window.__hidden });
    Object.defineProperty(Navigator.prototype, 'wakeLock', {
      get: () => ({
        request: async (type) => {
          window.__wakeLock.requests.push(type);
          window.__wakeLock.held++;
          const sentinel = new EventTarget();
          sentinel.release = async () => {
            window.__wakeLock.held--;
            sentinel.dispatchEvent(new Event('release'));
          };
          return sentinel;
        },
      }),
    });
  });
  const setHidden = (hidden) =>
    page.evaluate((value) => {
      window.__hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  const wakeLock = () => page.evaluate(() => window.__wakeLock);

  const link = await call('POST', `/jams/${state.jam.id}/stage-link`, undefined, state.hostToken);
  await page.goto(link.url.replace(/^https?:\/\/[^/]+/, ''));
  await page.getByRole('heading', { name: 'Up soon' }).waitFor();
  await page.waitForFunction(() => window.__wakeLock.held === 1);
  assert.deepEqual(await wakeLock(), { requests: ['screen'], held: 1 });
  await shoot(page, 'pwa-02-stage', undefined, PHONE_AND_TV);

  await setHidden(true);
  await page.waitForFunction(() => window.__wakeLock.held === 0);
  await setHidden(false);
  await page.waitForFunction(() => window.__wakeLock.held === 1);
  assert.deepEqual((await wakeLock()).requests, ['screen', 'screen']);
  await context.close();
});

test('the service worker takes control and caches this build’s shell, never the API', { skip }, async () => {
  const { page } = state.phone;
  await page.goto(`/j/${state.jam.joinCode}`);
  await page.getByLabel('Your name').fill('Mia');
  await page.getByRole('button', { name: 'Join the jam' }).click();
  await page.waitForURL(new RegExp(`/jams/${state.jam.slug}$`));
  await page.getByTestId('me').filter({ hasText: 'Mia' }).waitFor();
  await page.locator('.conn.live-on').waitFor();
  // Installing downloads the whole shell (about 20 files) after the page's load.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30000 });

  // What Chromium itself says: the manifest parses without errors, and nothing stops installing the app.
  const cdp = await state.phone.context.newCDPSession(page);
  const { errors } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(errors, []);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // A Playwright context is an off-the-record profile, where no app can be installed at all.
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await cdp.detach();

  const worker = await (await page.request.get('/sw.js')).text();
  state.build = /const BUILD = "([0-9a-f]{16})";/.exec(worker)?.[1];
  assert.ok(state.build, 'sw.js carries the build hash');
  const { names, paths } = await caches(page);
  assert.deepEqual(names, [`jamanager-${state.build}`]);
  assert.ok(paths.includes('/index.html'), 'the page is cached');
  const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(await (await page.request.get('/')).text())[1];
  assert.ok(paths.includes(entry), `the entry ${entry} is cached`);
  assert.ok(paths.some((p) => /^\/assets\/JamPage-.*\.js$/.test(p)), 'the lazy pages are cached');
  assert.deepEqual(paths.filter((p) => !p.startsWith('/assets/') && p !== '/index.html'), [], 'only the shell');
});

test('with no network, reopening the jam page shows the app reconnecting, not an error page', { skip }, async () => {
  const { context, page } = state.phone;
  await reopenOffline(page, context);
  await axe(page, 'offline jam page');
  await shoot(page, 'pwa-01-offline', undefined, PHONE_AND_TV);
});

test('a new deployment is picked up on the next open, and the old build’s cache is gone', { skip }, async () => {
  // The same jar serving another build of the SPA: a new page and a worker with a new build hash.
  deployment = mkdtempSync(join(tmpdir(), 'jamanager-deploy-'));
  execFileSync('jar', ['xf', JAR, 'webroot'], { cwd: deployment });
  const webroot = join(deployment, 'webroot');
  const html = readFileSync(join(webroot, 'index.html'), 'utf8');
  writeFileSync(join(webroot, 'index.html'), html.replace('<title>', `<meta name="jm-build" content="${NEXT_BUILD}" />\n    <title>`));
  const worker = readFileSync(join(webroot, 'sw.js'), 'utf8');
  writeFileSync(join(webroot, 'sw.js'), worker.replace(`const BUILD = "${state.build}";`, `const BUILD = "${NEXT_BUILD}";`));
  await server.restart({ cwd: deployment });

  const { context, page } = state.phone;
  await context.setOffline(false);
  await page.goto(`/jams/${state.jam.slug}`);
  await page.locator('.conn.live-on').waitFor();
  assert.equal(await page.locator('meta[name=jm-build]').getAttribute('content'), NEXT_BUILD, 'the new page, not the cached one');
  await onlyCache(page, `jamanager-${NEXT_BUILD}`);
  await page.getByTestId('me').filter({ hasText: 'Mia' }).waitFor();

  // Offline again: the shell now comes from the new build's cache.
  await reopenOffline(page, context);
  assert.equal(await page.locator('meta[name=jm-build]').getAttribute('content'), NEXT_BUILD);
});

test('no script errors on any screen', { skip }, () => {
  assert.deepEqual(pageErrors, []);
});
