// The recap of the night in a real Chromium against the real server: a short night run through the API
// (join, suggest, vote, sign up, play, end), then its recap on a phone (from the ended jam's page, shared
// through the share sheet) and on a TV-sized screen as the host (no share sheet: the link is copied, and
// the exports are there). Run with `npm run e2e` (see server.mjs).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { PHONE, SHOTS, TV, apiCall, axe, serverAndBrowser, shoot } from './harness.mjs';
import { ACCESS_CODE } from './server.mjs';

const e2e = serverAndBrowser();
const pageErrors = [];
const state = {};


const call = (method, path, body, token) => apiCall(e2e.server.baseUrl, method, path, body, token);

/** One device; `init` runs in every page before the app (stubs, a stored host session). */
async function device(viewport, init, arg) {
  // bypassCSP only so axe-core can be injected; the app itself runs under the server's CSP in every other way.
  const context = await e2e.browser.newContext({ viewport, bypassCSP: true, baseURL: e2e.server.baseUrl });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  if (init) await context.addInitScript(init, arg);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return { context, page };
}

const texts = (locator) => locator.allTextContents().then((all) => all.map((t) => t.trim()));

/** What every screen must show: setlist in order with line-ups, most voted, the numbers and the chart. */
async function checkRecap(page) {
  await page.getByRole('heading', { name: 'Recap Night', level: 1 }).waitFor();
  assert.deepEqual(await texts(page.locator('.setlist li strong')), ['Pride and Joy', 'Superstition']);
  assert.deepEqual(await texts(page.locator('.setlist li .small')), ['Ana (guitar), Cleo (bass)', 'Ben (drums)']);
  assert.deepEqual(await texts(page.locator('.most-voted li')), [
    'Superstition — Stevie Wonder · 3 votes',
    'Pride and Joy — Stevie Ray Vaughan · 2 votes',
    'Wonderwall — Oasis · 1 vote (not played)',
  ]);
  const numbers = await page.locator('.numbers div').evaluateAll((divs) => divs.map((d) => `${d.querySelector('dt').textContent} ${d.querySelector('dd').textContent}`));
  assert.deepEqual(numbers, ['People 3', 'Suggestions 3', 'Votes 6', 'Songs played 2', 'Players 3']);

  const chart = page.getByRole('img', { name: /^Votes per 10 minutes from .+: 6 votes, the most/ });
  await chart.waitFor();
  const bars = await chart.locator('rect.bar').evaluateAll((rects) => rects.map((r) => ({ votes: Number(r.dataset.votes), height: r.getBBox().height })));
  assert.equal(bars.length, state.recap.activity.buckets.length);
  assert.equal(bars.reduce((sum, b) => sum + b.votes, 0), 6);
  assert.ok(bars.every((b) => (b.votes > 0) === (b.height > 0)), 'a bar is drawn for every bucket with votes, none for an empty one');
  assert.deepEqual(await texts(page.locator('.chart tbody td:last-child')), bars.map((b) => String(b.votes)));
}

test('a short night is played through and ended', async () => {
  const host = (await call('POST', '/auth/login', { accessCode: ACCESS_CODE })).token;
  const jam = await call('POST', '/jams', { name: 'Recap Night', startsAt: new Date(Date.now() - 3_600_000).toISOString() }, host);
  Object.assign(state, { host, jam });
  await call('POST', `/jams/${jam.id}/start`, undefined, host);
  const join = (name, instrument) => call('POST', `/jams/${jam.joinCode}/attendees`, { name, instruments: [instrument] });
  const [ana, ben, cleo] = [await join('Ana', 'guitar'), await join('Ben', 'drums'), await join('Cleo', 'bass')];
  const suggest = (who, title, artist) => call('POST', `/jams/${jam.id}/queue`, { title, artist }, who.token).then((item) => item.id);
  const pride = await suggest(ana, 'Pride and Joy', 'Stevie Ray Vaughan');
  const superstition = await suggest(ben, 'Superstition', 'Stevie Wonder');
  const wonderwall = await suggest(cleo, 'Wonderwall', 'Oasis');
  const votes = [[superstition, ana], [superstition, ben], [superstition, cleo], [pride, ben], [pride, cleo], [wonderwall, ana]];
  for (const [item, who] of votes) await call('POST', `/jams/${jam.id}/queue/${item}/vote`, undefined, who.token);
  const signUp = (item, who, instrument) => call('POST', `/jams/${jam.id}/queue/${item}/performers`, { instrument }, who.token);
  await signUp(pride, ana, 'guitar');
  await signUp(pride, cleo, 'bass');
  await signUp(superstition, ben, 'drums');
  for (const item of [pride, superstition]) await call('POST', `/jams/${jam.id}/now-playing`, { itemId: item }, host);
  await call('POST', `/jams/${jam.id}/end`, undefined, host);
  state.recap = await call('GET', `/jams/${jam.slug}/recap`);
});

test('on a phone, the ended jam links to its recap, which shares through the share sheet', async () => {
  const { page } = await device(PHONE, () => {
    window.__shares = [];
    Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: async (data) => void window.__shares.push(data) });
  });
  await page.goto(`/jams/${state.jam.slug}`);
  await page.getByRole('link', { name: 'See the recap of the night' }).click();
  await page.waitForURL(`**/jams/${state.jam.slug}/recap`);
  await checkRecap(page);
  await axe(page, 'recap on a phone');

  await page.getByRole('button', { name: 'Share the recap' }).click();
  await page.getByTestId('share-status').filter({ hasText: 'Shared.' }).waitFor();
  const shares = await page.evaluate(() => window.__shares);
  assert.equal(shares.length, 1);
  assert.equal(shares[0].url, `${e2e.server.baseUrl}/jams/${state.jam.slug}/recap`);
  assert.equal(shares[0].title, 'Recap Night: recap');
  assert.equal(await page.getByRole('button', { name: 'Setlist (CSV)' }).count(), 0, 'the exports are the host’s');
  await shoot(page, 'recap-01-phone');
});

test('on a TV-sized screen as the host: no share sheet, so the link is copied, and the exports are there', async () => {
  const expiresAt = new Date(Date.now() + 600_000).toISOString();
  const { context, page } = await device(TV, (session) => {
    delete Navigator.prototype.share;
    sessionStorage.setItem('jm.host', session);
  }, JSON.stringify({ token: state.host, expiresAt }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/jams/${state.jam.slug}/host`);
  await page.getByRole('link', { name: 'Recap of the night' }).click();
  await checkRecap(page);
  await axe(page, 'recap on a TV');
  await page.getByRole('button', { name: 'Setlist (CSV)' }).waitFor();

  await page.getByRole('button', { name: 'Share the recap' }).click();
  await page.getByTestId('share-status').filter({ hasText: 'Link copied to the clipboard.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${e2e.server.baseUrl}/jams/${state.jam.slug}/recap`);
  await page.screenshot({ path: join(SHOTS, 'recap-02-tv.png') });
  await shoot(page, 'recap-02-host');
});

test('a jam that is still going has no recap yet', async () => {
  const jam = await call('POST', '/jams', { name: 'Still Going', startsAt: new Date().toISOString() }, state.host);
  const { page } = await device(PHONE);
  await page.goto(`/jams/${jam.slug}/recap`);
  await page.getByRole('heading', { name: 'The night is not over yet' }).waitFor();
  await page.getByRole('link', { name: 'Back to the jam' }).waitFor();
  await axe(page, 'recap before the end');
  assert.deepEqual(pageErrors, []);
});
