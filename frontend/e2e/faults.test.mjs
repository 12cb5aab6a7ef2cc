// A phone through faults that will pass, in a real Chromium against the real jar and a real
// PostgreSQL: the database stopped for a few seconds, the server killed and started again.
// The phone must keep its taps (shown as pending), say "Reconnecting…", never show an error,
// and end with what the database has. Run with `npm run e2e` (needs /usr/lib/postgresql/15).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PHONE, SHOTS, launchChromium } from './harness.mjs';
import { ACCESS_CODE, startPostgres, startServer } from './server.mjs';

/** How long a kept write may take to land once the fault is over (backoff steps are 1, 2, 4, 8 s). */
const LAND_MS = Number(process.env.E2E_LAND_MS ?? 20000);

// It stops and starts its own database and server: not against a given URL or the mock.
const skip = process.env.E2E_BASE_URL || process.env.E2E_BACKEND === 'mock' ? 'needs its own server and PostgreSQL' : false;
let pg;
let server;
let browser;
const run = { dialogs: [], pageErrors: [] };
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
});

async function api(method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${server.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The votes of each queued song, as the database has them. */
async function votesInDatabase() {
  const snapshot = await api('GET', `/jams/${state.jam.slug}`, { token: state.other.token });
  return Object.fromEntries(snapshot.queue.filter((it) => it.status === 'queued').map((it) => [it.title, it.votes]));
}

/** The votes of each song, as the phone shows them. */
function votesOnPhone(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid=queue-item]')].map((el) => [
        el.querySelector('.title').textContent,
        Number(el.querySelector('[data-testid=votes]').textContent.trim()),
      ]),
    ),
  );
}

const song = (page, title) => page.getByTestId('queue-item').filter({ has: page.locator('.title', { hasText: title }) });
const liveStatus = (page) => page.locator('.conn').getAttribute('data-live');

/** No error a person would see: no toast, alert or dialog, no uncaught script error. */
async function assertNoErrorShown(page, when) {
  const errors = await page.locator('.toast.error, [role=alert], .error').allTextContents();
  assert.deepEqual(errors, [], `${when}: the phone shows an error`);
  const body = await page.locator('body').textContent();
  assert.doesNotMatch(body, /something went wrong|server had a problem|internal/i, `${when}: raw failure text`);
  assert.deepEqual(run.dialogs, [], `${when}: dialogs`);
  assert.deepEqual(run.pageErrors, [], `${when}: page errors`);
}

async function shoot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
}

test('a host jam with two songs, and a phone that joined it', { skip }, async () => {
  const { token: host } = await api('POST', '/auth/login', { body: { accessCode: ACCESS_CODE } });
  const jam = await api('POST', '/jams', { token: host, body: { name: 'Faulty Friday', startsAt: new Date().toISOString() } });
  await api('POST', `/jams/${jam.id}/start`, { token: host });
  state.jam = jam;
  // A second device, driven through the API.
  const other = await api('POST', `/jams/${jam.joinCode}/attendees`, { body: { name: 'Dee', instruments: ['drums'] } });
  state.other = other;
  for (const [title, artist] of [['Song A', 'Band A'], ['Song B', 'Band B']]) {
    await api('POST', `/jams/${jam.id}/queue`, { token: other.token, body: { title, artist } });
  }

  const context = await browser.newContext({ viewport: PHONE, baseURL: server.baseUrl });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    run.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => run.pageErrors.push(String(error)));
  await page.goto(`/j/${jam.joinCode}`);
  await page.getByLabel('Your name').fill('Pia');
  await page.getByRole('button', { name: 'guitar', exact: true }).click();
  await page.getByRole('button', { name: 'Join the jam' }).click();
  await page.getByTestId('me').filter({ hasText: 'Pia' }).waitFor();
  await page.locator('.conn.live-on').waitFor();
  await song(page, 'Song B').waitFor();
  state.page = page;
});

test('the database stops: a vote is kept as pending, then lands when it is back', { skip }, async () => {
  const { page } = state;
  const item = song(page, 'Song A');
  pg.stop();
  const stoppedAt = Date.now();
  try {
    await item.getByTestId('vote').click();
    await item.getByTestId('pending').waitFor({ timeout: 5000 });
    await page.locator('.conn[data-live=reconnecting]').waitFor({ timeout: 5000 });
    assert.equal(await item.getByTestId('vote').getAttribute('aria-pressed'), 'true', 'the tap is kept');
    assert.equal((await item.getByTestId('votes').textContent()).trim(), '1');
    assert.match(await item.getByTestId('pending').textContent(), /sending/);
    await shoot(page, 'faults-01-database-down-pending');
    // Through a few retries, the tap stays and nothing turns into an error.
    await page.waitForTimeout(Math.max(0, 4000 - (Date.now() - stoppedAt)));
    await item.getByTestId('pending').waitFor({ timeout: 1000 });
    await assertNoErrorShown(page, 'database down');
  } finally {
    pg.start();
  }
  const back = Date.now();
  await item.getByTestId('pending').waitFor({ state: 'detached', timeout: LAND_MS });
  state.databaseLandedMs = Date.now() - back;
  await page.locator('.conn[data-live=live]').waitFor({ timeout: 5000 });
  await assertNoErrorShown(page, 'database back');
  const database = await votesInDatabase();
  assert.equal(database['Song A'], 1, 'the kept vote is in the database');
  assert.deepEqual(await votesOnPhone(page), database, 'the phone shows what the database has');
  assert.equal(await item.getByTestId('vote').getAttribute('aria-pressed'), 'true');
});

test('the server is killed: a vote and a suggestion are kept, land after the restart, and the phone resyncs', { skip }, async () => {
  const { page } = state;
  await server.kill();
  await page.locator('.conn[data-live=reconnecting]').waitFor({ timeout: 10000 });

  const b = song(page, 'Song B');
  await b.getByTestId('vote').click();
  await page.getByRole('textbox', { name: 'Title' }).fill('Hey Jude');
  await page.getByRole('textbox', { name: 'Artist' }).fill('The Beatles');
  await page.getByRole('button', { name: 'Add to the queue' }).click();
  const draft = song(page, 'Hey Jude');
  await b.getByTestId('pending').waitFor({ timeout: 5000 });
  await draft.getByTestId('pending').waitFor({ timeout: 5000 });
  await page.getByTestId('suggest-waiting').waitFor({ timeout: 5000 });
  assert.equal((await b.getByTestId('votes').textContent()).trim(), '1');
  assert.equal(await liveStatus(page), 'reconnecting');
  await shoot(page, 'faults-02-server-down-pending');
  await page.waitForTimeout(2000);
  await assertNoErrorShown(page, 'server down');

  const restartedAt = Date.now();
  await server.restart();
  // Another device votes at once, likely before the phone's live connection is back: the phone
  // must catch up on it by seq.
  await api('POST', `/jams/${state.jam.id}/queue/${(await itemId('Song A'))}/vote`, { token: state.other.token });

  await page.locator('.conn[data-live=live]').waitFor({ timeout: LAND_MS });
  await b.getByTestId('pending').waitFor({ state: 'detached', timeout: LAND_MS });
  await page.getByTestId('pending').first().waitFor({ state: 'detached', timeout: LAND_MS });
  await page.getByTestId('suggest-waiting').waitFor({ state: 'detached', timeout: LAND_MS });
  state.serverLandedMs = Date.now() - restartedAt;
  await song(page, 'Song A').getByTestId('votes').filter({ hasText: /^2$/ }).waitFor({ timeout: 5000 });
  await assertNoErrorShown(page, 'server back');

  const database = await votesInDatabase();
  assert.deepEqual(database, { 'Song A': 2, 'Song B': 1, 'Hey Jude': 0 }, 'every kept tap reached the database, once');
  assert.deepEqual(await votesOnPhone(page), database, 'the phone shows what the database has');
  assert.equal(await song(page, 'Hey Jude').count(), 1, 'the suggestion shows once');
  await shoot(page, 'faults-03-back-live');
  console.log(`kept writes landed ${state.databaseLandedMs} ms after the database came back, ${state.serverLandedMs} ms after the restart began`);
});

async function itemId(title) {
  const snapshot = await api('GET', `/jams/${state.jam.slug}`, { token: state.other.token });
  return snapshot.queue.find((it) => it.title === title).id;
}
