// Co-hosts in a real Chromium against the real server: the host (laptop) makes a co-host link in the share
// dialog, a co-host opens it on a phone and runs the queue and now playing, the host sees it live and then
// revokes the link, which cuts the co-host off at once. Run with `npm run e2e` (see server.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, PHONE, apiCall, axe, serverAndBrowser, shoot } from './harness.mjs';
import { ACCESS_CODE } from './server.mjs';

const COHOST = 'Sam (sound)';
const FIRST = 'Superstition';
const SECOND = 'Wonderwall';

const e2e = serverAndBrowser();
const pageErrors = [];
const state = {};


const call = (method, path, body, token) => apiCall(e2e.server.baseUrl, method, path, body, token);

/** A browser context is one device: its own sessionStorage, cookies and tabs. */
async function device(viewport) {
  // bypassCSP only so axe-core can be injected; the app itself runs under the server's CSP in every other way.
  const context = await e2e.browser.newContext({ viewport, bypassCSP: true, baseURL: e2e.server.baseUrl });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return { context, page };
}

const firstTitle = (page) => page.locator('.queue-item .title').first().textContent().then((t) => t.trim());

test('a jam with two songs waiting, and the host at the console', async () => {
  state.hostToken = (await call('POST', '/auth/login', { accessCode: ACCESS_CODE })).token;
  const jam = await call('POST', '/jams', { name: 'Co-host Night', startsAt: new Date(Date.now() + 3_600_000).toISOString() }, state.hostToken);
  state.jam = jam;
  await call('POST', `/jams/${jam.id}/start`, undefined, state.hostToken);
  const ana = await call('POST', `/jams/${jam.joinCode}/attendees`, { name: 'Ana', instruments: ['guitar'] });
  await call('POST', `/jams/${jam.id}/queue`, { title: FIRST, artist: 'Stevie Wonder' }, ana.token);
  await call('POST', `/jams/${jam.id}/queue`, { title: SECOND, artist: 'Oasis' }, ana.token);

  state.host = await device(DESKTOP);
  const { page } = state.host;
  await page.goto('/');
  await page.getByLabel('Access code').fill(ACCESS_CODE);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await page.goto(`/jams/${jam.slug}/host`);
  await page.getByRole('heading', { name: 'Co-host Night' }).waitFor();
  await page.locator('.conn.live-on').waitFor();
  assert.equal(await firstTitle(page), FIRST);
});

test('the host creates a co-host link in the share dialog, shown with its QR code', async () => {
  const { page } = state.host;
  await page.getByRole('button', { name: 'Share / QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share the jam' });
  await dialog.getByLabel('Co-host name').fill(COHOST);
  await dialog.getByLabel('Link expires in').selectOption('12');
  await dialog.getByRole('button', { name: 'Create co-host link' }).click();

  const fresh = dialog.getByTestId('cohost-new');
  const qr = fresh.getByRole('img', { name: `QR code of ${COHOST}'s co-host link` });
  await qr.waitFor();
  await qr.evaluate((img) => img.complete || new Promise((resolve) => img.addEventListener('load', resolve, { once: true })));
  assert.ok(await qr.evaluate((img) => img.naturalWidth > 0), 'the QR code image loads');
  const url = await fresh.getByTestId('cohost-url').inputValue();
  assert.match(url, /\/cohost#code=[A-Za-z0-9_-]{43}$/);
  state.cohostLink = new URL(url);
  const listed = dialog.getByTestId('cohost-link').filter({ hasText: COHOST });
  await listed.getByText('active, 12 h left, not opened yet').waitFor();
  await shoot(page, 'cohost-01-share', fresh);
  await axe(page, 'share dialog with a co-host link');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('the co-host opens the link on a phone and gets the console of that jam only', async () => {
  state.cohost = await device(PHONE);
  const { page } = state.cohost;
  // The link names PUBLIC_URL; the phone reaches the same server at the test's address.
  await page.goto(state.cohostLink.pathname + state.cohostLink.hash);
  await page.waitForURL(new RegExp(`/jams/${state.jam.slug}/host$`));
  await page.getByTestId('cohost-badge').filter({ hasText: COHOST }).waitFor();
  await page.locator('.conn.live-on').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '', 'the code is not left in the address bar');
  for (const hostOnly of ['Share / QR code', 'End the jam', 'Start the jam']) {
    assert.equal(await page.getByRole('button', { name: hostOnly }).count(), 0, `${hostOnly} is the host's`);
  }
  assert.equal(await page.getByLabel('Band key').count(), 0, 'the band key is a jam setting');
  assert.equal(await page.getByRole('link', { name: 'Admin' }).count(), 0, 'no admin for a co-host');
  assert.equal(await page.getByRole('heading', { name: /People/ }).count(), 0, 'no attendee moderation');
  await shoot(page, 'cohost-02-console');
  await axe(page, 'co-host console');
});

test('the co-host moves a song up and the host sees the queue re-order live', async () => {
  const { page } = state.cohost;
  await page.getByRole('button', { name: `Move ${SECOND} up` }).click();
  await state.host.page.waitForFunction((t) => document.querySelector('.queue-item .title')?.textContent.trim() === t, SECOND, { timeout: 3000 });
  assert.equal(await firstTitle(page), SECOND);
  await state.host.page.locator('.queue-item').filter({ hasText: SECOND }).getByText('pinned').waitFor();
});

test('the co-host sets now playing and the host sees it live', async () => {
  const { page } = state.cohost;
  await page.locator('.queue-item').filter({ hasText: FIRST }).getByRole('button', { name: /^Play now/ }).click();
  await page.getByTestId('now-playing-title').filter({ hasText: FIRST }).waitFor();
  await state.host.page.getByTestId('now-playing-title').filter({ hasText: FIRST }).waitFor({ timeout: 3000 });
  await shoot(state.host.page, 'cohost-03-host-sees-live');
});

test('the audit log says the co-host did it, by name', async () => {
  const entries = await call('GET', `/audit?jamId=${state.jam.id}`, undefined, state.hostToken);
  const played = entries.find((e) => e.action === 'nowplaying.played');
  assert.equal(played?.cohost?.name, COHOST);
  assert.match(played.actor, /^cohost:\d+@/);
  const reordered = entries.find((e) => e.action === 'queue.reorder');
  assert.equal(reordered?.cohost?.name, COHOST);
});

test('the host revokes the link and the co-host is cut off at once', async () => {
  const { page } = state.host;
  await page.getByRole('button', { name: 'Share / QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share the jam' });
  const listed = dialog.getByTestId('cohost-link').filter({ hasText: COHOST });
  await listed.getByText(/, opened$/).waitFor();
  await listed.getByRole('button', { name: `Revoke ${COHOST}` }).click();
  await listed.getByTestId('cohost-status').filter({ hasText: 'revoked' }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Without a tap: the server closes the co-host's live socket, its reconnect is refused, and the console says why.
  const phone = state.cohost.page;
  await phone.getByRole('alert').filter({ hasText: 'Your co-host link was revoked or has expired' }).waitFor({ timeout: 5000 });
  await phone.getByRole('heading', { name: 'Host login' }).waitFor();
  assert.equal(await phone.getByRole('button', { name: 'Done, next song' }).count(), 0);
  await shoot(phone, 'cohost-04-revoked');

  await phone.goto(state.cohostLink.pathname + state.cohostLink.hash);
  await phone.getByTestId('cohost-error').getByText('The host has revoked this co-host link').waitFor();
});

test('no page threw', () => {
  assert.deepEqual(pageErrors, []);
});
